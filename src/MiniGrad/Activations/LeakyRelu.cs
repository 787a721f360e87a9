using System.Numerics;
using System.Runtime.CompilerServices;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The leaky rectified linear unit, <c>x</c> for <c>x &gt; 0</c> and <c>negativeSlope · x</c> otherwise
    /// (PyTorch's <c>F.leaky_relu</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 1 for <c>x &gt; 0</c>, <c>negativeSlope</c> for <c>x &lt; 0</c>. Range: (-∞, ∞) for a positive
    /// slope. Kink at 0: the value is 0 and, as in PyTorch, the gradient there is <c>negativeSlope</c>.
    /// Any slope is accepted, as PyTorch does (a negative one gives a non-monotone function); NaN is refused.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="negativeSlope">The slope for negative inputs; PyTorch's default 0.01.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException"><paramref name="negativeSlope"/> is NaN.</exception>
    public static Tensor<T> LeakyRelu<T>(Tensor<T> x, double negativeSlope = 0.01)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => LeakyReluFunction<T>.Apply(x, negativeSlope);
}

/// <summary>
/// <c>y = x &gt; 0 ? x : slope · x</c>. Backward: <c>x &gt; 0 ? g : slope · g</c> (the slope at 0, as PyTorch).
/// Also the evaluation-mode form of <c>Rrelu</c>.
/// </summary>
internal sealed class LeakyReluFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly double slope;
    private readonly string name;

    private LeakyReluFunction(double slope, string name) => (this.slope, this.name) = (slope, name);

    public override string Name => name;

    public override string Arguments => $"negativeSlope={ActivationHelpers.Number(slope)}";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x, double negativeSlope, string name = "LeakyRelu")
    {
        ActivationHelpers.NotNaN(negativeSlope, "leaky_relu", nameof(negativeSlope));
        return Run(new LeakyReluFunction<T>(negativeSlope, name), x);
    }

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y) => Simd.Map(new Op(T.CreateChecked(slope)), x, y);

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx) =>
        Simd.Map(new BackwardOp(T.CreateChecked(slope)), g, x, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> s) => ActivationHelpers.Zero(s);

    private readonly struct Op(T slope) : IUnarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV x)
            where TV : struct, ISimdVector<TV, T> =>
            TV.ConditionalSelect(TV.GreaterThan(x, TV.Zero), x, x * slope);
    }

    private readonly struct BackwardOp(T slope) : IBinarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV g, TV x)
            where TV : struct, ISimdVector<TV, T> =>
            TV.ConditionalSelect(TV.GreaterThan(x, TV.Zero), g, g * slope);
    }
}
