using System.Numerics;
using System.Runtime.Intrinsics;
using MiniGrad.Kernels;

namespace MiniGrad.Activations;

/// <summary>
/// <c>y = x ≤ -3 ? 0 : x ≥ 3 ? 1 : (x + 3)/6</c> (PyTorch's arithmetic). Backward: <c>g/6</c> strictly inside (-3, 3),
/// else 0 (PyTorch).
/// </summary>
internal sealed class HardsigmoidFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Hardsigmoid";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new HardsigmoidFunction<T>(), x);

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y) => Simd.Map(default(Op), x, y);

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx) => Simd.Map(default(BackwardOp), g, x, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> s) => ActivationHelpers.Zero(s);

    private static T Three => T.CreateChecked(3);

    private static T Six => T.CreateChecked(6);

    /// <summary>
    /// PyTorch 1.13's hardsigmoid backward multiplies by the float constant <c>1.0f / 6.0f</c> even for double
    /// (0.16666667163372040, 3e-8 above 1/6); MiniGrad uses the same constant so gradients agree to the last digit.
    /// </summary>
    private static T BackwardSlope => T.CreateChecked(1.0f / 6.0f);

    private static T Half => T.CreateChecked(0.5);

    private readonly struct Op : IUnarySimdOp<T>
    {
        public Vector512<T> Invoke(Vector512<T> x) =>
            Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512.Create(-Three)), Vector512<T>.Zero,
                Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512.Create(Three)), Vector512<T>.One,
                    (x + Vector512.Create(Three)) / Six));

        public Vector256<T> Invoke(Vector256<T> x) =>
            Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256.Create(-Three)), Vector256<T>.Zero,
                Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256.Create(Three)), Vector256<T>.One,
                    (x + Vector256.Create(Three)) / Six));

        public T Invoke(T x) => x <= -Three ? T.Zero : x >= Three ? T.One : (x + Three) / Six;
    }

    private readonly struct BackwardOp : IBinarySimdOp<T>
    {
        public Vector512<T> Invoke(Vector512<T> g, Vector512<T> x) =>
            Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(-Three)) & Vector512.LessThan(x, Vector512.Create(Three)),
                g * BackwardSlope, Vector512<T>.Zero);

        public Vector256<T> Invoke(Vector256<T> g, Vector256<T> x) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(-Three)) & Vector256.LessThan(x, Vector256.Create(Three)),
                g * BackwardSlope, Vector256<T>.Zero);

        public T Invoke(T g, T x) => x > -Three && x < Three ? g * BackwardSlope : T.Zero;
    }
}

/// <summary>
/// <c>y = x · relu6(x + 3) / 6</c>. Backward (PyTorch 1.13): 0 for <c>x &lt; -3</c>, <c>g · (x/3 + 1/2)</c> for
/// <c>-3 ≤ x &lt; 3</c>, <c>g</c> from 3 on. Second derivative 1/3 strictly inside (-3, 3).
/// </summary>
internal sealed class HardswishFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Hardswish";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new HardswishFunction<T>(), x);

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y) => Simd.Map(default(Op), x, y);

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx) => Simd.Map(default(BackwardOp), g, x, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x) =>
        gg * g * ActivationHelpers.Mask(x, v => v > -Three && v < Three) * (T.One / Three);

    private static T Three => T.CreateChecked(3);

    private static T Six => T.CreateChecked(6);

    private static T Half => T.CreateChecked(0.5);

    private readonly struct Op : IUnarySimdOp<T>
    {
        public Vector512<T> Invoke(Vector512<T> x)
        {
            var r = x + Vector512.Create(Three);
            r = Vector512.ConditionalSelect(Vector512.LessThan(r, Vector512<T>.Zero), Vector512<T>.Zero, r);
            r = Vector512.ConditionalSelect(Vector512.GreaterThan(r, Vector512.Create(Six)), Vector512.Create(Six), r);
            return x * r / Six;
        }

        public Vector256<T> Invoke(Vector256<T> x)
        {
            var r = x + Vector256.Create(Three);
            r = Vector256.ConditionalSelect(Vector256.LessThan(r, Vector256<T>.Zero), Vector256<T>.Zero, r);
            r = Vector256.ConditionalSelect(Vector256.GreaterThan(r, Vector256.Create(Six)), Vector256.Create(Six), r);
            return x * r / Six;
        }

        public T Invoke(T x)
        {
            T r = x + Three;
            r = r < T.Zero ? T.Zero : r > Six ? Six : r;
            return x * r / Six;
        }
    }

    private readonly struct BackwardOp : IBinarySimdOp<T>
    {
        public Vector512<T> Invoke(Vector512<T> g, Vector512<T> x) =>
            Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-Three)), Vector512<T>.Zero,
                Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(Three)), g * (x / Three + Vector512.Create(Half)), g));

        public Vector256<T> Invoke(Vector256<T> g, Vector256<T> x) =>
            Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(-Three)), Vector256<T>.Zero,
                Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(Three)), g * (x / Three + Vector256.Create(Half)), g));

        public T Invoke(T g, T x) => x < -Three ? T.Zero : x < Three ? g * (x / Three + Half) : g;
    }
}

/// <summary>
/// Softshrink: <c>x - λ</c> above λ, <c>x + λ</c> below -λ, 0 between. Hardshrink: <c>x</c> outside [-λ, λ], 0
/// inside. Backward of both: <c>g</c> outside [-λ, λ], 0 inside and at ±λ (PyTorch).
/// </summary>
internal sealed class ShrinkFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly double lambda;
    private readonly bool soft;

    private ShrinkFunction(double lambda, bool soft) => (this.lambda, this.soft) = (lambda, soft);

    public override string Name => soft ? "Softshrink" : "Hardshrink";

    public override string Arguments => $"lambda={ActivationHelpers.Number(lambda)}";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x, double lambda, bool soft)
    {
        string op = soft ? "softshrink" : "hardshrink";
        ActivationHelpers.NotNaN(lambda, op, nameof(lambda));
        if (soft && lambda < 0)
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"{op}: lambda must be >= 0, but is {lambda}.");
        return Run(new ShrinkFunction<T>(lambda, soft), x);
    }

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        T l = T.CreateChecked(lambda);
        if (soft) Simd.Map(new SoftOp(l), x, y);
        else Simd.Map(new HardOp(l), x, y);
    }

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx) =>
        Simd.Map(new BackwardOp(T.CreateChecked(lambda)), g, x, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> s) => ActivationHelpers.Zero(s);

    private readonly struct SoftOp(T l) : IUnarySimdOp<T>
    {
        public Vector512<T> Invoke(Vector512<T> x) =>
            Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(l)), x - Vector512.Create(l),
                Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-l)), x + Vector512.Create(l), Vector512<T>.Zero));

        public Vector256<T> Invoke(Vector256<T> x) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(l)), x - Vector256.Create(l),
                Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(-l)), x + Vector256.Create(l), Vector256<T>.Zero));

        public T Invoke(T x) => x > l ? x - l : x < -l ? x + l : T.Zero;
    }

    private readonly struct HardOp(T l) : IUnarySimdOp<T>
    {
        public Vector512<T> Invoke(Vector512<T> x) =>
            Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512.Create(-l)) & Vector512.LessThanOrEqual(x, Vector512.Create(l)),
                Vector512<T>.Zero, x);

        public Vector256<T> Invoke(Vector256<T> x) =>
            Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256.Create(-l)) & Vector256.LessThanOrEqual(x, Vector256.Create(l)),
                Vector256<T>.Zero, x);

        public T Invoke(T x) => x >= -l && x <= l ? T.Zero : x;
    }

    private readonly struct BackwardOp(T l) : IBinarySimdOp<T>
    {
        public Vector512<T> Invoke(Vector512<T> g, Vector512<T> x) =>
            Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512.Create(-l)) & Vector512.LessThanOrEqual(x, Vector512.Create(l)),
                Vector512<T>.Zero, g);

        public Vector256<T> Invoke(Vector256<T> g, Vector256<T> x) =>
            Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256.Create(-l)) & Vector256.LessThanOrEqual(x, Vector256.Create(l)),
                Vector256<T>.Zero, g);

        public T Invoke(T g, T x) => x >= -l && x <= l ? T.Zero : g;
    }
}

/// <summary><c>y = x &gt; threshold ? x : value</c>. Backward: <c>g</c> where <c>x &gt; threshold</c>, else 0 (0 at the threshold).</summary>
internal sealed class ThresholdFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly double threshold, value;

    private ThresholdFunction(double threshold, double value) => (this.threshold, this.value) = (threshold, value);

    public override string Name => "Threshold";

    public override string Arguments => $"threshold={ActivationHelpers.Number(threshold)}, value={ActivationHelpers.Number(value)}";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x, double threshold, double value)
    {
        ActivationHelpers.NotNaN(threshold, "threshold", nameof(threshold));
        ActivationHelpers.NotNaN(value, "threshold", nameof(value));
        return Run(new ThresholdFunction<T>(threshold, value), x);
    }

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y) =>
        Simd.Map(new Op(T.CreateChecked(threshold), T.CreateChecked(value)), x, y);

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx) =>
        Simd.Map(new BackwardOp(T.CreateChecked(threshold)), g, x, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> s) => ActivationHelpers.Zero(s);

    private readonly struct Op(T th, T v) : IUnarySimdOp<T>
    {
        public Vector512<T> Invoke(Vector512<T> x) =>
            Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512.Create(th)), Vector512.Create(v), x);

        public Vector256<T> Invoke(Vector256<T> x) =>
            Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256.Create(th)), Vector256.Create(v), x);

        public T Invoke(T x) => x <= th ? v : x;
    }

    private readonly struct BackwardOp(T th) : IBinarySimdOp<T>
    {
        public Vector512<T> Invoke(Vector512<T> g, Vector512<T> x) =>
            Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512.Create(th)), Vector512<T>.Zero, g);

        public Vector256<T> Invoke(Vector256<T> g, Vector256<T> x) =>
            Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256.Create(th)), Vector256<T>.Zero, g);

        public T Invoke(T g, T x) => x <= th ? T.Zero : g;
    }
}

/// <summary>
/// <c>y = x / (1 + |x|)</c>. Backward: <c>g / (1 + |x|)²</c>; second derivative <c>-2 sign(x) / (1 + |x|)³</c>.
/// </summary>
internal sealed class SoftsignFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Softsign";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new SoftsignFunction<T>(), x);

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y) => Simd.Map(default(Op), x, y);

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx) => Simd.Map(default(BackwardOp), g, x, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        var sign = ActivationHelpers.Mask(x, v => v > T.Zero) - ActivationHelpers.Mask(x, v => v < T.Zero);
        return gg * g * sign * T.CreateChecked(-2) / (x.Abs() + T.One).Pow(T.CreateChecked(3));
    }

    private readonly struct Op : IUnarySimdOp<T>
    {
        public Vector512<T> Invoke(Vector512<T> x) => x / (Vector512<T>.One + Vector512.Abs(x));

        public Vector256<T> Invoke(Vector256<T> x) => x / (Vector256<T>.One + Vector256.Abs(x));

        public T Invoke(T x) => x / (T.One + T.Abs(x));
    }

    private readonly struct BackwardOp : IBinarySimdOp<T>
    {
        public Vector512<T> Invoke(Vector512<T> g, Vector512<T> x)
        {
            var d = Vector512<T>.One + Vector512.Abs(x);
            return g / (d * d);
        }

        public Vector256<T> Invoke(Vector256<T> g, Vector256<T> x)
        {
            var d = Vector256<T>.One + Vector256.Abs(x);
            return g / (d * d);
        }

        public T Invoke(T g, T x)
        {
            T d = T.One + T.Abs(x);
            return g / (d * d);
        }
    }
}
