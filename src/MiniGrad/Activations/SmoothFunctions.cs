using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using MiniGrad.Kernels;

namespace MiniGrad.Activations;

/// <summary>
/// <c>y = x·σ(x)</c> (SiLU / swish). Backward: <c>g·σ(1 + x(1 - σ))</c>; second derivative <c>σ(1-σ)(2 + x(1 - 2σ))</c>.
/// Vectorized: σ comes from TensorPrimitives.Sigmoid (±1000 give 0 and x without NaN), then one fused pass.
/// </summary>
internal sealed class SiluFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Silu";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new SiluFunction<T>(), x);

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        TensorPrimitives.Sigmoid(x, y);
        TensorPrimitives.Multiply(x, y, y);
    }

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx)
    {
        T[] s = ArrayPool<T>.Shared.Rent(x.Length);
        try
        {
            Span<T> sigma = s.AsSpan(0, x.Length);
            TensorPrimitives.Sigmoid(x, sigma);
            Simd.Map(default(BackwardOp), g, x, sigma, dx);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(s);
        }
    }

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        var s = Functional.Sigmoid(x);
        return gg * g * s * (T.One - s) * (x * (T.One - s * T.CreateChecked(2)) + T.CreateChecked(2));
    }

    /// <summary><c>g·σ·(1 + x·(1 - σ))</c>.</summary>
    private readonly struct BackwardOp : ITernarySimdOp<T>
    {
        public Vector512<T> Invoke(Vector512<T> g, Vector512<T> x, Vector512<T> s) => g * s * (Vector512<T>.One + x * (Vector512<T>.One - s));

        public Vector256<T> Invoke(Vector256<T> g, Vector256<T> x, Vector256<T> s) => g * s * (Vector256<T>.One + x * (Vector256<T>.One - s));

        public T Invoke(T g, T x, T s) => g * s * (T.One + x * (T.One - s));
    }
}

/// <summary>
/// <c>y = x·tanh(softplus(x))</c> (Mish). Backward: <c>g·(t + x·σ·(1 - t²))</c> with <c>t = tanh(softplus(x))</c>;
/// second derivative <c>(1 - t²)(2σ + xσ(1-σ) - 2xσ²t)</c>. Softplus is the overflow-free form, so ±1000 are finite.
/// Vectorized through ActivationKernels' softplus and tanh.
/// </summary>
internal sealed class MishFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Mish";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new MishFunction<T>(), x);

    /// <summary>softplus, then tanh, then the product: vectorized passes (ActivationKernels), y as the scratch.</summary>
    internal override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        ActivationKernels.Softplus(x, y);
        ActivationKernels.Tanh(y, y);
        TensorPrimitives.Multiply(x, y, y);
    }

    /// <summary>t = tanh(softplus(x)) into dx, σ(x) into scratch, then one fused pass and the product with g.</summary>
    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx)
    {
        T[] rented = ArrayPool<T>.Shared.Rent(x.Length);
        try
        {
            Span<T> s = rented.AsSpan(0, x.Length);
            TensorPrimitives.Sigmoid(x, s);
            ActivationKernels.Softplus(x, dx);
            ActivationKernels.Tanh(dx, dx);
            Simd.Map(default(DerivativeOp), x, s, dx, dx);
            TensorPrimitives.Multiply(g, dx, dx);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        var s = Functional.Sigmoid(x);
        var t = Functional.Tanh(Functional.Softplus(x));
        var two = T.CreateChecked(2);
        var inner = s * two + x * s * (T.One - s) - x * s * s * t * two;
        return gg * g * (T.One - t * t) * inner;
    }

    /// <summary><c>t + x·σ·(1 - t²)</c> from x, σ and t.</summary>
    private readonly struct DerivativeOp : ITernarySimdOp<T>
    {
        public Vector512<T> Invoke(Vector512<T> x, Vector512<T> s, Vector512<T> t) => t + x * s * (Vector512<T>.One - t * t);

        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> s, Vector256<T> t) => t + x * s * (Vector256<T>.One - t * t);

        public T Invoke(T x, T s, T t) => t + x * s * (T.One - t * t);
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

    /// <summary>βx into y, the vectorized overflow-free softplus in place, then one pass for the threshold and 1/β.</summary>
    internal override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        T b = T.CreateChecked(beta);
        TensorPrimitives.Multiply(x, b, y);
        ActivationKernels.Softplus(y, y);
        Simd.Map(new Op(b, T.CreateChecked(threshold)), x, y, y);
    }

    /// <summary>σ(βx) by TensorPrimitives into dx, then one fused pass applying the threshold and g.</summary>
    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx)
    {
        T b = T.CreateChecked(beta);
        TensorPrimitives.Multiply(x, b, dx);
        TensorPrimitives.Sigmoid(dx, dx);
        Simd.Map(new BackwardOp(b, T.CreateChecked(threshold)), g, x, dx, dx);
    }

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        T b = T.CreateChecked(beta), th = T.CreateChecked(threshold);
        var s = Functional.Sigmoid(x * b);
        return gg * g * ActivationHelpers.Mask(x, v => !(v * b > th)) * s * (T.One - s) * b;
    }

    /// <summary><c>βx &gt; threshold ? x : softplus(βx)/β</c>, the softplus precomputed.</summary>
    private readonly struct Op(T beta, T threshold) : IBinarySimdOp<T>
    {
        public Vector512<T> Invoke(Vector512<T> x, Vector512<T> sp) =>
            Vector512.ConditionalSelect(Vector512.GreaterThan(x * beta, Vector512.Create(threshold)), x, sp / beta);

        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> sp) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x * beta, Vector256.Create(threshold)), x, sp / beta);

        public T Invoke(T x, T sp) => x * beta > threshold ? x : sp / beta;
    }

    /// <summary><c>βx &gt; threshold ? g : g·σ(βx)</c>, σ precomputed.</summary>
    private readonly struct BackwardOp(T beta, T threshold) : ITernarySimdOp<T>
    {
        public Vector512<T> Invoke(Vector512<T> g, Vector512<T> x, Vector512<T> s) =>
            Vector512.ConditionalSelect(Vector512.GreaterThan(x * beta, Vector512.Create(threshold)), g, g * s);

        public Vector256<T> Invoke(Vector256<T> g, Vector256<T> x, Vector256<T> s) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x * beta, Vector256.Create(threshold)), g, g * s);

        public T Invoke(T g, T x, T s) => x * beta > threshold ? g : g * s;
    }
}

/// <summary>
/// <c>y = x - tanh(x)</c>, vectorized. Backward: <c>g·tanh²(x)</c> (tanh recomputed from the input); second derivative
/// <c>2t(1 - t²)</c>.
/// </summary>
internal sealed class TanhshrinkFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Tanhshrink";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new TanhshrinkFunction<T>(), x);

    /// <summary>The vectorized tanh into y, then <c>x - y</c>.</summary>
    internal override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        ActivationKernels.Tanh(x, y);
        TensorPrimitives.Subtract(x, y, y);
    }

    /// <summary>The vectorized tanh into dx, then <c>g·t²</c> in one pass.</summary>
    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx)
    {
        ActivationKernels.Tanh(x, dx);
        Simd.Map(default(BackwardOp), g, dx, dx);
    }

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        var t = Functional.Tanh(x);
        return gg * g * t * (T.One - t * t) * T.CreateChecked(2);
    }

    private readonly struct BackwardOp : IBinarySimdOp<T>
    {
        public Vector512<T> Invoke(Vector512<T> g, Vector512<T> t) => g * t * t;

        public Vector256<T> Invoke(Vector256<T> g, Vector256<T> t) => g * t * t;

        public T Invoke(T g, T t) => g * t * t;
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

    /// <summary><c>log σ(x) = -softplus(-x)</c>: negate, the vectorized softplus, negate.</summary>
    internal override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        TensorPrimitives.Negate(x, y);
        ActivationKernels.Softplus(y, y);
        TensorPrimitives.Negate(y, y);
    }

    /// <summary><c>g·σ(-x)</c> as three vectorized passes (negate, TensorPrimitives.Sigmoid, multiply) into dx itself.</summary>
    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx)
    {
        TensorPrimitives.Negate(x, dx);
        TensorPrimitives.Sigmoid(dx, dx);
        TensorPrimitives.Multiply(g, dx, dx);
    }

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        var s = Functional.Sigmoid(x);
        return -(gg * g * s * (T.One - s));
    }



}
