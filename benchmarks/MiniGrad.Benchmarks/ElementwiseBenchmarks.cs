using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using MiniGrad.Nn;
using MiniGrad.Optim;

namespace MiniGrad.Benchmarks;

/// <summary>
/// Adam over the 269,322 parameters of the MLP 784-256-256-10, against the same update composed of TensorPrimitives
/// calls (the bar: no slower than TensorPrimitives, and at least 5 elements per ns).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ElementsConfig))]
public class AdamBenchmarks
{
    private const int MlpParameters = 784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10;
    private Adam<float> adam = null!;
    private float[] p = [], g = [], m = [], v = [], tmp = [];
    private int step;

    [GlobalSetup]
    public void Setup()
    {
        var generator = new Generator(3);
        var model = new Sequential<float>(new Linear<float>(784, 256, generator), new Relu<float>(),
            new Linear<float>(256, 256, generator), new Relu<float>(), new Linear<float>(256, 10, generator));
        var parameters = model.Parameters();
        if (parameters.Sum(t => t.Length) != MlpParameters) throw new InvalidOperationException("parameter count");
        foreach (var t in parameters) t.Grad = Tensor<float>.RandomNormal(generator, t.Shape.Dims.ToArray());
        adam = new Adam<float>(parameters, lr: 1e-3);
        var rng = new Random(1);
        p = Enumerable.Range(0, MlpParameters).Select(_ => (float)rng.NextDouble()).ToArray();
        g = Enumerable.Range(0, MlpParameters).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        m = new float[MlpParameters];
        v = new float[MlpParameters];
        tmp = new float[MlpParameters];
    }

    /// <summary>MiniGrad's Adam.Step (finite check of every gradient included, as in training).</summary>
    [Benchmark]
    [Elements(MlpParameters)]
    public void MiniGradAdam() => adam.Step();

    /// <summary>The same update (PyTorch's Adam, no weight decay) as a sequence of TensorPrimitives calls.</summary>
    [Benchmark(Baseline = true)]
    [Elements(MlpParameters)]
    public void TensorPrimitivesAdam()
    {
        const float beta1 = 0.9f, beta2 = 0.999f, lr = 1e-3f, eps = 1e-8f;
        step++;
        float bc1 = 1 - MathF.Pow(beta1, step), bc2Sqrt = MathF.Sqrt(1 - MathF.Pow(beta2, step));
        TensorPrimitives.Multiply(m, beta1, m);
        TensorPrimitives.MultiplyAdd(g, 1 - beta1, m, m);            // m = β1 m + (1-β1) g
        TensorPrimitives.Multiply(g, g, tmp);
        TensorPrimitives.Multiply(v, beta2, v);
        TensorPrimitives.MultiplyAdd(tmp, 1 - beta2, v, v);          // v = β2 v + (1-β2) g²
        TensorPrimitives.Sqrt(v, tmp);
        TensorPrimitives.Divide(tmp, bc2Sqrt, tmp);
        TensorPrimitives.Add(tmp, eps, tmp);                         // denom = √v / √bc2 + ε
        TensorPrimitives.Divide(m, tmp, tmp);
        TensorPrimitives.MultiplyAdd(tmp, -lr / bc1, p, p);          // p -= lr/bc1 · m / denom
    }
}

/// <summary>
/// Each activation's forward and backward over 1M floats (the fused backward kernels), against TensorPrimitives
/// doing the same forward and the same backward formula.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ElementsConfig))]
public class ActivationBenchmarks
{
    private const int N = 1 << 20;
    private Tensor<float> x = null!, ones = null!;
    private float[] xs = [], ys = [], gs = [], dx = [];

    [Params("Relu", "LeakyRelu", "Sigmoid", "Tanh")]
    public string Activation { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var generator = new Generator(5);
        x = Tensor<float>.RandomNormal(generator, N).RequireGrad();
        ones = Tensor<float>.Ones(N);
        xs = x.ToArray();
        ys = new float[N];
        gs = ones.ToArray();
        dx = new float[N];
        Tape.Current.RecycleBuffers = true;
    }

    private Tensor<float> Apply(Tensor<float> t) => Activation switch
    {
        "Relu" => Functional.Relu(t),
        "LeakyRelu" => Functional.LeakyRelu(t, 0.01),
        "Sigmoid" => Functional.Sigmoid(t),
        _ => Functional.Tanh(t),
    };

    /// <summary>y = f(x); y.Backward(ones); x.Grad disposed (recycled) each time.</summary>
    [Benchmark]
    [Elements(N)]
    public void MiniGradForwardBackward()
    {
        Tape.Current.RecycleBuffers = true;
        using var y = Apply(x);
        y.Backward(ones);
        x.Grad!.Dispose();
        x.Grad = null;
    }

    /// <summary>The same forward and backward with TensorPrimitives (two passes each where the formula needs it).</summary>
    [Benchmark(Baseline = true)]
    [Elements(N)]
    public void TensorPrimitivesForwardBackward()
    {
        switch (Activation)
        {
            case "Relu":
                TensorPrimitives.Max(xs, 0f, ys);
                TensorPrimitives.Min(xs, 0f, dx); // stands in for the mask: one more pass of the same cost
                TensorPrimitives.Multiply(gs, ys, dx);
                break;
            case "LeakyRelu":
                TensorPrimitives.Multiply(xs, 0.01f, dx);
                TensorPrimitives.Max(xs, dx, ys);
                TensorPrimitives.Multiply(gs, ys, dx);
                break;
            case "Sigmoid":
                TensorPrimitives.Sigmoid(xs, ys);
                TensorPrimitives.Subtract(1f, ys, dx);
                TensorPrimitives.Multiply(dx, ys, dx);
                TensorPrimitives.Multiply(dx, gs, dx);
                break;
            default:
                TensorPrimitives.Tanh(xs, ys);
                TensorPrimitives.Multiply(ys, ys, dx);
                TensorPrimitives.Subtract(1f, dx, dx);
                TensorPrimitives.Multiply(dx, gs, dx);
                break;
        }
    }
}
