using System.Numerics;
using System.Runtime.CompilerServices;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// Hard shrinkage: <c>x</c> for <c>|x| &gt; λ</c>, 0 otherwise (PyTorch's <c>F.hardshrink</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 1 outside [-λ, λ], 0 inside. Range: {0} ∪ (-∞, -λ) ∪ (λ, ∞). Jumps at ±λ: the value there is 0 and, as in PyTorch,
    /// the gradient 0. Any λ is accepted, as PyTorch does; NaN is refused.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="lambda">The half-width λ of the zeroed band; PyTorch's default 0.5.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException"><paramref name="lambda"/> is NaN.</exception>
    public static Tensor<T> Hardshrink<T>(Tensor<T> x, double lambda = 0.5)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => HardshrinkFunction<T>.Apply(x, lambda);
}

/// <summary>
/// <c>y = x</c> outside [-λ, λ], 0 inside. Backward: <c>g</c> outside [-λ, λ], 0 inside and at ±λ (PyTorch); Softshrink
/// has the same gradient and uses <see cref="BackwardOp"/>.
/// </summary>
internal sealed class HardshrinkFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly double lambda;

    private HardshrinkFunction(double lambda) => this.lambda = lambda;

    public override string Name => "Hardshrink";

    public override string Arguments => $"lambda={ActivationHelpers.Number(lambda)}";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x, double lambda)
    {
        ActivationHelpers.NotNaN(lambda, "hardshrink", nameof(lambda));
        return Run(new HardshrinkFunction<T>(lambda), x);
    }

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y) => Simd.Map(new Op(T.CreateChecked(lambda)), x, y);

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx) =>
        Simd.Map(new BackwardOp(T.CreateChecked(lambda)), g, x, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> s) => ActivationHelpers.Zero(s);

    private readonly struct Op(T l) : IUnarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV x)
            where TV : struct, ISimdVector<TV, T> =>
            TV.ConditionalSelect(TV.GreaterThanOrEqual(x, TV.Create(-l)) & TV.LessThanOrEqual(x, TV.Create(l)),
                TV.Zero, x);
    }

    /// <summary><c>g</c> outside [-λ, λ], 0 inside and at ±λ: the gradient of both shrinks.</summary>
    internal readonly struct BackwardOp(T l) : IBinarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV g, TV x)
            where TV : struct, ISimdVector<TV, T> =>
            TV.ConditionalSelect(TV.GreaterThanOrEqual(x, TV.Create(-l)) & TV.LessThanOrEqual(x, TV.Create(l)),
                TV.Zero, g);
    }
}
