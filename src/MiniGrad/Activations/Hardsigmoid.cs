using System.Numerics;
using System.Runtime.CompilerServices;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The hard sigmoid, <c>relu6(x + 3)/6</c>: 0 below -3, 1 above 3, <c>x/6 + 1/2</c> between (PyTorch's <c>F.hardsigmoid</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 1/6 on (-3, 3), 0 outside. Range: [0, 1]. Kinks at ±3: values 0 and 1; as in PyTorch the gradient at both is 0.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Hardsigmoid<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => HardsigmoidFunction<T>.Apply(x);
}

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
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV x)
            where TV : struct, ISimdVector<TV, T> =>
            TV.ConditionalSelect(TV.LessThanOrEqual(x, TV.Create(-Three)), TV.Zero,
                TV.ConditionalSelect(TV.GreaterThanOrEqual(x, TV.Create(Three)), TV.One, (x + Three) / Six));
    }

    private readonly struct BackwardOp : IBinarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV g, TV x)
            where TV : struct, ISimdVector<TV, T> =>
            TV.ConditionalSelect(TV.GreaterThan(x, TV.Create(-Three)) & TV.LessThan(x, TV.Create(Three)),
                g * BackwardSlope, TV.Zero);
    }
}
