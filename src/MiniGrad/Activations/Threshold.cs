using System.Numerics;
using System.Runtime.CompilerServices;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// Thresholding: <c>x</c> where <c>x &gt; threshold</c>, else <c>value</c> (PyTorch's <c>F.threshold</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 1 above the threshold, 0 at and below it. Range: {value} ∪ (threshold, ∞).
    /// At the threshold itself the value is <c>value</c> and, as in PyTorch, the gradient 0.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="threshold">The threshold (no default, as in PyTorch).</param>
    /// <param name="value">What replaces elements at or below the threshold.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException">A parameter is NaN.</exception>
    public static Tensor<T> Threshold<T>(Tensor<T> x, double threshold, double value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => ThresholdFunction<T>.Apply(x, threshold, value);
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
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV x)
            where TV : struct, ISimdVector<TV, T> =>
            TV.ConditionalSelect(TV.LessThanOrEqual(x, TV.Create(th)), TV.Create(v), x);
    }

    private readonly struct BackwardOp(T th) : IBinarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV g, TV x)
            where TV : struct, ISimdVector<TV, T> =>
            TV.ConditionalSelect(TV.LessThanOrEqual(x, TV.Create(th)), TV.Zero, g);
    }
}
