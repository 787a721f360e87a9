using System.Numerics;
using System.Runtime.CompilerServices;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The hard hyperbolic tangent, <c>clamp(x, minVal, maxVal)</c> (PyTorch's <c>F.hardtanh</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 1 inside (minVal, maxVal), 0 outside. Range: [minVal, maxVal].
    /// Kinks at the bounds: the value is the bound and, as in PyTorch, the gradient there is 0.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="minVal">The lower bound; PyTorch's default -1.</param>
    /// <param name="maxVal">The upper bound; PyTorch's default 1.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException">A bound is NaN or <paramref name="minVal"/> &gt;= <paramref name="maxVal"/>.</exception>
    public static Tensor<T> Hardtanh<T>(Tensor<T> x, double minVal = -1.0, double maxVal = 1.0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => HardtanhFunction<T>.Apply(x, minVal, maxVal);
}

/// <summary>
/// <c>y = clamp(x, min, max)</c> (NaN stays NaN). Backward: <c>g</c> strictly inside (min, max), 0 at and beyond the
/// bounds, as PyTorch's hardtanh_backward. Relu6 is this op with (0, 6), as in PyTorch.
/// </summary>
internal sealed class HardtanhFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly double min, max;
    private readonly string name;

    private HardtanhFunction(double min, double max, string name) => (this.min, this.max, this.name) = (min, max, name);

    public override string Name => name;

    public override string Arguments =>
        name == "Relu6" ? "" : $"minVal={ActivationHelpers.Number(min)}, maxVal={ActivationHelpers.Number(max)}";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x, double minVal, double maxVal, string name = "Hardtanh")
    {
        CheckBounds(minVal, maxVal, "hardtanh");
        return Run(new HardtanhFunction<T>(minVal, maxVal, name), x);
    }

    /// <summary>Refuses NaN bounds and <c>min &gt;= max</c>, as <c>nn.Hardtanh</c> does.</summary>
    public static void CheckBounds(double minVal, double maxVal, string op)
    {
        ActivationHelpers.NotNaN(minVal, op, nameof(minVal));
        ActivationHelpers.NotNaN(maxVal, op, nameof(maxVal));
        if (minVal >= maxVal)
            throw new ArgumentException($"{op}: minVal ({minVal}) must be below maxVal ({maxVal}).", nameof(minVal));
    }

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y) =>
        Simd.Map(new Op(T.CreateChecked(min), T.CreateChecked(max)), x, y);

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx) =>
        Simd.Map(new BackwardOp(T.CreateChecked(min), T.CreateChecked(max)), g, x, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> s) => ActivationHelpers.Zero(s);

    private readonly struct Op(T lo, T hi) : IUnarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV x)
            where TV : struct, ISimdVector<TV, T> =>
            TV.ConditionalSelect(TV.LessThan(x, TV.Create(lo)), TV.Create(lo),
                TV.ConditionalSelect(TV.GreaterThan(x, TV.Create(hi)), TV.Create(hi), x));
    }

    private readonly struct BackwardOp(T lo, T hi) : IBinarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV g, TV x)
            where TV : struct, ISimdVector<TV, T> =>
            TV.ConditionalSelect(TV.LessThanOrEqual(x, TV.Create(lo)) | TV.GreaterThanOrEqual(x, TV.Create(hi)),
                TV.Zero, g);
    }
}
