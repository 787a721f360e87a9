using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Activations;

/// <summary>
/// <c>y = x·σ(x)</c> (SiLU / swish). Backward: <c>g·σ(1 + x(1 - σ))</c>; second derivative <c>σ(1-σ)(2 + x(1 - 2σ))</c>.
/// Scalar loops (exp per element); σ is formed as <c>1/(1 + e^(-x))</c>, so ±1000 give 0 and x without NaN.
/// </summary>
internal sealed class SiluFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Silu";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new SiluFunction<T>(), x);

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y) => Simd.MapScalar(default(Op), x, y);

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx) => Simd.MapScalar(default(BackwardOp), g, x, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        var s = Functional.Sigmoid(x);
        return gg * g * s * (T.One - s) * (x * (T.One - s * T.CreateChecked(2)) + T.CreateChecked(2));
    }

    private readonly struct Op : IScalarOp<T>
    {
        public T Invoke(T x) => x * ScalarMath.Sigmoid(x);
    }

    private readonly struct BackwardOp : IBinaryScalarOp<T>
    {
        public T Invoke(T g, T x)
        {
            T s = ScalarMath.Sigmoid(x);
            return g * s * (T.One + x * (T.One - s));
        }
    }
}

/// <summary>
/// <c>y = x·tanh(softplus(x))</c> (Mish). Backward: <c>g·(t + x·σ·(1 - t²))</c> with <c>t = tanh(softplus(x))</c>;
/// second derivative <c>(1 - t²)(2σ + xσ(1-σ) - 2xσ²t)</c>. Softplus is the overflow-free form, so ±1000 are finite.
/// </summary>
internal sealed class MishFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Mish";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new MishFunction<T>(), x);

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y) => Simd.MapScalar(default(Op), x, y);

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx) => Simd.MapScalar(default(BackwardOp), g, x, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        var s = Functional.Sigmoid(x);
        var t = Functional.Tanh(Functional.Softplus(x));
        var two = T.CreateChecked(2);
        var inner = s * two + x * s * (T.One - s) - x * s * s * t * two;
        return gg * g * (T.One - t * t) * inner;
    }

    private readonly struct Op : IScalarOp<T>
    {
        public T Invoke(T x) => x * T.Tanh(ScalarMath.Softplus(x));
    }

    private readonly struct BackwardOp : IBinaryScalarOp<T>
    {
        public T Invoke(T g, T x)
        {
            T s = ScalarMath.Sigmoid(x);
            T t = T.Tanh(ScalarMath.Softplus(x));
            return g * (t + x * s * (T.One - t * t));
        }
    }
}

/// <summary>
/// <c>y = βx &gt; threshold ? x : log(1 + e^(βx))/β</c>, the log written overflow-free. Backward: <c>g</c> above the
/// threshold, else <c>g·σ(βx)</c>; second derivative <c>β·σ(1-σ)</c> below the threshold, 0 above.
/// </summary>
internal sealed class SoftplusFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly double beta, threshold;

    private SoftplusFunction(double beta, double threshold) => (this.beta, this.threshold) = (beta, threshold);

    public override string Name => "Softplus";

    public override string Arguments => $"beta={ActivationHelpers.Number(beta)}, threshold={ActivationHelpers.Number(threshold)}";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x, double beta, double threshold)
    {
        ActivationHelpers.NotNaN(beta, "softplus", nameof(beta));
        ActivationHelpers.NotNaN(threshold, "softplus", nameof(threshold));
        return Run(new SoftplusFunction<T>(beta, threshold), x);
    }

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y) =>
        Simd.MapScalar(new Op(T.CreateChecked(beta), T.CreateChecked(threshold)), x, y);

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx) =>
        Simd.MapScalar(new BackwardOp(T.CreateChecked(beta), T.CreateChecked(threshold)), g, x, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        T b = T.CreateChecked(beta), th = T.CreateChecked(threshold);
        var s = Functional.Sigmoid(x * b);
        return gg * g * ActivationHelpers.Mask(x, v => !(v * b > th)) * s * (T.One - s) * b;
    }

    private readonly struct Op(T beta, T threshold) : IScalarOp<T>
    {
        public T Invoke(T x)
        {
            T bx = x * beta;
            return bx > threshold ? x : ScalarMath.Softplus(bx) / beta;
        }
    }

    private readonly struct BackwardOp(T beta, T threshold) : IBinaryScalarOp<T>
    {
        public T Invoke(T g, T x)
        {
            T bx = x * beta;
            return bx > threshold ? g : g * ScalarMath.Sigmoid(bx);
        }
    }
}

/// <summary>
/// <c>y = x - tanh(x)</c>. Backward: <c>g·tanh²(x)</c> (tanh recomputed from the input); second derivative
/// <c>2t(1 - t²)</c>.
/// </summary>
internal sealed class TanhshrinkFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Tanhshrink";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new TanhshrinkFunction<T>(), x);

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y) => Simd.MapScalar(default(Op), x, y);

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx) => Simd.MapScalar(default(BackwardOp), g, x, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        var t = Functional.Tanh(x);
        return gg * g * t * (T.One - t * t) * T.CreateChecked(2);
    }

    private readonly struct Op : IScalarOp<T>
    {
        public T Invoke(T x) => x - T.Tanh(x);
    }

    private readonly struct BackwardOp : IBinaryScalarOp<T>
    {
        public T Invoke(T g, T x)
        {
            T t = T.Tanh(x);
            return g * t * t;
        }
    }
}

/// <summary>
/// <c>y = log σ(x) = min(x, 0) - log(1 + e^(-|x|))</c>, finite for every finite x (logsigmoid(-1000) = -1000).
/// Backward: <c>g·σ(-x)</c>; second derivative <c>-σ(x)σ(-x)</c>.
/// </summary>
internal sealed class LogSigmoidFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "LogSigmoid";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new LogSigmoidFunction<T>(), x);

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y) => Simd.MapScalar(default(Op), x, y);

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx) => Simd.MapScalar(default(BackwardOp), g, x, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        var s = Functional.Sigmoid(x);
        return -(gg * g * s * (T.One - s));
    }

    private readonly struct Op : IScalarOp<T>
    {
        public T Invoke(T x) => T.Min(x, T.Zero) - ScalarMath.Log1p(T.Exp(-T.Abs(x)));
    }

    private readonly struct BackwardOp : IBinaryScalarOp<T>
    {
        public T Invoke(T g, T x) => g * ScalarMath.Sigmoid(-x);
    }
}
