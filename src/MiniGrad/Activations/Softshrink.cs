using System.Numerics;
using System.Runtime.CompilerServices;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// Soft shrinkage: <c>x - λ</c> for <c>x &gt; λ</c>, <c>x + λ</c> for <c>x &lt; -λ</c>, 0 between (PyTorch's <c>F.softshrink</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 1 outside [-λ, λ], 0 inside. Range: (-∞, ∞). Kinks at ±λ: the value is 0 and, as in PyTorch, the gradient 0.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="lambda">The half-width λ of the dead zone; PyTorch's default 0.5. Must be ≥ 0 (PyTorch refuses a negative one).</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException"><paramref name="lambda"/> is negative or NaN.</exception>
    public static Tensor<T> Softshrink<T>(Tensor<T> x, double lambda = 0.5)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => SoftshrinkFunction<T>.Apply(x, lambda);
}

/// <summary>
/// <c>y = x - λ</c> above λ, <c>x + λ</c> below -λ, 0 between. Backward: Hardshrink's, <c>g</c> outside [-λ, λ] and 0
/// inside and at ±λ (PyTorch).
/// </summary>
internal sealed class SoftshrinkFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly double lambda;

    private SoftshrinkFunction(double lambda) => this.lambda = lambda;

    public override string Name => "Softshrink";

    public override string Arguments => $"lambda={ActivationHelpers.Number(lambda)}";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x, double lambda)
    {
        ActivationHelpers.NotNaN(lambda, "softshrink", nameof(lambda));
        if (lambda < 0)
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"softshrink: lambda must be >= 0, but is {lambda}.");
        return Run(new SoftshrinkFunction<T>(lambda), x);
    }

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y) => Simd.Map(new Op(T.CreateChecked(lambda)), x, y);

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx) =>
        Simd.Map(new HardshrinkFunction<T>.BackwardOp(T.CreateChecked(lambda)), g, x, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> s) => ActivationHelpers.Zero(s);

    private readonly struct Op(T l) : IUnarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV x)
            where TV : struct, ISimdVector<TV, T> =>
            TV.ConditionalSelect(TV.GreaterThan(x, TV.Create(l)), x - l,
                TV.ConditionalSelect(TV.LessThan(x, TV.Create(-l)), x + l, TV.Zero));
    }
}
