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
