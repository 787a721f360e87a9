using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using System.Numerics.Tensors;
using MiniGrad.Kernels;

namespace MiniGrad.Benchmarks;

/// <summary>
/// Forward + backward of every elementwise activation on 1M floats (values uniform in [-5, 5], upstream gradient
/// uniform in [-1, 1]): MiniGrad through the tape (<c>Functional.X(x)</c>, then <c>Backward(g)</c>), against the
/// same formulas as a plain scalar loop into preallocated arrays (the baseline), and against TensorPrimitives
/// composition where it has the op (sigmoid, tanh, silu). Method names start with the activation, so
/// <c>--filter *Sigmoid*</c> selects one activation's three timings.
/// </summary>
/// <remarks>
/// MiniGrad allocates its output and gradient from the pool and walks the tape; the scalar loop does neither, so
/// the comparison shows the cost of the autograd machinery as well as the kernels.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ActivationBenchmarks
{
    private const int N = 1 << 20;

    private Tensor<float> x = null!;
    private Tensor<float> g = null!;
    private float[] X = null!, G = null!, Y = null!, Dx = null!, Tmp = null!, Tmp2 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var gen = new Generator(1);
        X = new float[N];
        G = new float[N];
        for (int i = 0; i < N; i++)
        {
            X[i] = (float)gen.NextUniform(-5, 5);
            G[i] = (float)gen.NextUniform(-1, 1);
        }
        Y = new float[N];
        Dx = new float[N];
        Tmp = new float[N];
        Tmp2 = new float[N];
        x = Tensor.FromArray(X.ToArray()).RequireGrad();
        g = Tensor.FromArray(G.ToArray());
    }

    /// <summary>One forward and backward through the tape; outputs go back to the pool.</summary>
    private void Tape(Func<Tensor<float>, Tensor<float>> f)
    {
        var y = f(x);
        y.Backward(g);
        y.Dispose();
        x.Grad!.Dispose();
        x.Grad = null;
    }

    private static float Softplus(float v) => MathF.Max(v, 0) + MathF.Log(1 + MathF.Exp(-MathF.Abs(v)));

    private static float Erf(float v) => (float)MiniGrad.Kernels.Erf.Evaluate(v);

    private static float SiluGrad(float g, float x)
    {
        float s = 1 / (1 + MathF.Exp(-x));
        return g * s * (1 + x * (1 - s));
    }

    private static float MishGrad(float g, float x)
    {
        float s = 1 / (1 + MathF.Exp(-x)), t = MathF.Tanh(Softplus(x));
        return g * (t + x * s * (1 - t * t));
    }

    private static float GeluTanhGrad(float g, float x)
    {
        float t = MathF.Tanh(0.7978846f * (x + 0.044715f * x * x * x));
        return g * (0.5f * (1 + t) + 0.5f * x * (1 - t * t) * 0.7978846f * (1 + 3 * 0.044715f * x * x));
    }

    [Benchmark, BenchmarkCategory("Relu")]
    public void Relu_MiniGrad() => Tape(x => Functional.Relu(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Relu")]
    public void Relu_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = x > 0 ? x : 0;
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = y > 0 ? g : 0;
        }
    }

    [Benchmark, BenchmarkCategory("Relu6")]
    public void Relu6_MiniGrad() => Tape(x => Functional.Relu6(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Relu6")]
    public void Relu6_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = x < 0 ? 0 : x > 6 ? 6 : x;
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = x <= 0 || x >= 6 ? 0 : g;
        }
    }

    [Benchmark, BenchmarkCategory("LeakyRelu")]
    public void LeakyRelu_MiniGrad() => Tape(x => Functional.LeakyRelu(x));

    [Benchmark(Baseline = true), BenchmarkCategory("LeakyRelu")]
    public void LeakyRelu_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = x > 0 ? x : 0.01f * x;
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = x > 0 ? g : 0.01f * g;
        }
    }

    [Benchmark, BenchmarkCategory("Sigmoid")]
    public void Sigmoid_MiniGrad() => Tape(x => Functional.Sigmoid(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Sigmoid")]
    public void Sigmoid_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = 1 / (1 + MathF.Exp(-x));
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = g * y * (1 - y);
        }
    }

    [Benchmark, BenchmarkCategory("Sigmoid")]
    public void Sigmoid_TensorPrimitives()
    {
        TensorPrimitives.Sigmoid(X, Y);
        TensorPrimitives.Subtract(1f, Y, Tmp); TensorPrimitives.Multiply(Y, Tmp, Tmp); TensorPrimitives.Multiply(G, Tmp, Dx);
    }

    [Benchmark, BenchmarkCategory("Tanh")]
    public void Tanh_MiniGrad() => Tape(x => Functional.Tanh(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Tanh")]
    public void Tanh_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = MathF.Tanh(x);
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = g * (1 - y * y);
        }
    }

    [Benchmark, BenchmarkCategory("Tanh")]
    public void Tanh_TensorPrimitives()
    {
        TensorPrimitives.Tanh(X, Y);
        TensorPrimitives.Multiply(Y, Y, Tmp); TensorPrimitives.Subtract(1f, Tmp, Tmp); TensorPrimitives.Multiply(G, Tmp, Dx);
    }

    [Benchmark, BenchmarkCategory("Elu")]
    public void Elu_MiniGrad() => Tape(x => Functional.Elu(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Elu")]
    public void Elu_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = x > 0 ? x : MathF.Exp(x) - 1;
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = x > 0 ? g : g * MathF.Exp(x);
        }
    }

    [Benchmark, BenchmarkCategory("Selu")]
    public void Selu_MiniGrad() => Tape(x => Functional.Selu(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Selu")]
    public void Selu_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = x > 0 ? 1.0507010f * x : 1.7580993f * (MathF.Exp(x) - 1);
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = x > 0 ? 1.0507010f * g : g * 1.7580993f * MathF.Exp(x);
        }
    }

    [Benchmark, BenchmarkCategory("Celu")]
    public void Celu_MiniGrad() => Tape(x => Functional.Celu(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Celu")]
    public void Celu_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = x > 0 ? x : MathF.Exp(x) - 1;
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = x > 0 ? g : g * MathF.Exp(x);
        }
    }

    [Benchmark, BenchmarkCategory("Gelu")]
    public void Gelu_MiniGrad() => Tape(x => Functional.Gelu(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Gelu")]
    public void Gelu_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = 0.5f * x * (1 + Erf(x * 0.70710678f));
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = g * (0.5f * (1 + Erf(x * 0.70710678f)) + x * 0.39894228f * MathF.Exp(-0.5f * x * x));
        }
    }

    [Benchmark, BenchmarkCategory("GeluTanh")]
    public void GeluTanh_MiniGrad() => Tape(x => Functional.Gelu(x, GeluApproximation.Tanh));

    [Benchmark(Baseline = true), BenchmarkCategory("GeluTanh")]
    public void GeluTanh_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = 0.5f * x * (1 + MathF.Tanh(0.7978846f * (x + 0.044715f * x * x * x)));
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = GeluTanhGrad(g, x);
        }
    }

    [Benchmark, BenchmarkCategory("Silu")]
    public void Silu_MiniGrad() => Tape(x => Functional.Silu(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Silu")]
    public void Silu_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = x / (1 + MathF.Exp(-x));
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = SiluGrad(g, x);
        }
    }

    [Benchmark, BenchmarkCategory("Silu")]
    public void Silu_TensorPrimitives()
    {
        TensorPrimitives.Sigmoid(X, Tmp); TensorPrimitives.Multiply(X, Tmp, Y);
        TensorPrimitives.Sigmoid(X, Tmp); TensorPrimitives.Subtract(1f, Tmp, Tmp2); TensorPrimitives.MultiplyAdd(X, Tmp2, 1f, Tmp2); TensorPrimitives.Multiply(Tmp, Tmp2, Tmp); TensorPrimitives.Multiply(G, Tmp, Dx);
    }

    [Benchmark, BenchmarkCategory("Mish")]
    public void Mish_MiniGrad() => Tape(x => Functional.Mish(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Mish")]
    public void Mish_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = x * MathF.Tanh(Softplus(x));
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = MishGrad(g, x);
        }
    }

    [Benchmark, BenchmarkCategory("Softplus")]
    public void Softplus_MiniGrad() => Tape(x => Functional.Softplus(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Softplus")]
    public void Softplus_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = x > 20 ? x : Softplus(x);
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = x > 20 ? g : g / (1 + MathF.Exp(-x));
        }
    }

    [Benchmark, BenchmarkCategory("Softsign")]
    public void Softsign_MiniGrad() => Tape(x => Functional.Softsign(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Softsign")]
    public void Softsign_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = x / (1 + MathF.Abs(x));
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = g / ((1 + MathF.Abs(x)) * (1 + MathF.Abs(x)));
        }
    }

    [Benchmark, BenchmarkCategory("Tanhshrink")]
    public void Tanhshrink_MiniGrad() => Tape(x => Functional.Tanhshrink(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Tanhshrink")]
    public void Tanhshrink_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = x - MathF.Tanh(x);
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = g * MathF.Tanh(x) * MathF.Tanh(x);
        }
    }

    [Benchmark, BenchmarkCategory("Hardtanh")]
    public void Hardtanh_MiniGrad() => Tape(x => Functional.Hardtanh(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Hardtanh")]
    public void Hardtanh_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = x < -1 ? -1 : x > 1 ? 1 : x;
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = x <= -1 || x >= 1 ? 0 : g;
        }
    }

    [Benchmark, BenchmarkCategory("Hardsigmoid")]
    public void Hardsigmoid_MiniGrad() => Tape(x => Functional.Hardsigmoid(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Hardsigmoid")]
    public void Hardsigmoid_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = x <= -3 ? 0 : x >= 3 ? 1 : (x + 3) / 6;
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = x > -3 && x < 3 ? g / 6 : 0;
        }
    }

    [Benchmark, BenchmarkCategory("Hardswish")]
    public void Hardswish_MiniGrad() => Tape(x => Functional.Hardswish(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Hardswish")]
    public void Hardswish_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = x * MathF.Min(MathF.Max(x + 3, 0), 6) / 6;
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = x < -3 ? 0 : x < 3 ? g * (x / 3 + 0.5f) : g;
        }
    }

    [Benchmark, BenchmarkCategory("LogSigmoid")]
    public void LogSigmoid_MiniGrad() => Tape(x => Functional.LogSigmoid(x));

    [Benchmark(Baseline = true), BenchmarkCategory("LogSigmoid")]
    public void LogSigmoid_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = MathF.Min(x, 0) - MathF.Log(1 + MathF.Exp(-MathF.Abs(x)));
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = g / (1 + MathF.Exp(x));
        }
    }

    [Benchmark, BenchmarkCategory("Softshrink")]
    public void Softshrink_MiniGrad() => Tape(x => Functional.Softshrink(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Softshrink")]
    public void Softshrink_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = x > 0.5f ? x - 0.5f : x < -0.5f ? x + 0.5f : 0;
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = x >= -0.5f && x <= 0.5f ? 0 : g;
        }
    }

    [Benchmark, BenchmarkCategory("Hardshrink")]
    public void Hardshrink_MiniGrad() => Tape(x => Functional.Hardshrink(x));

    [Benchmark(Baseline = true), BenchmarkCategory("Hardshrink")]
    public void Hardshrink_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = x >= -0.5f && x <= 0.5f ? 0 : x;
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = x >= -0.5f && x <= 0.5f ? 0 : g;
        }
    }

    [Benchmark, BenchmarkCategory("Threshold")]
    public void Threshold_MiniGrad() => Tape(x => Functional.Threshold(x, 0.1, 20));

    [Benchmark(Baseline = true), BenchmarkCategory("Threshold")]
    public void Threshold_ScalarLoop()
    {
        float[] xs = X, gs = G, ys = Y, dxs = Dx;
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            ys[i] = x > 0.1f ? x : 20;
        }
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i], g = gs[i];
            dxs[i] = x > 0.1f ? g : 0;
        }
    }
}
