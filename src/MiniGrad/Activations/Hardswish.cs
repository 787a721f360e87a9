using System.Numerics;
using System.Runtime.CompilerServices;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The hard swish, <c>x·relu6(x + 3)/6</c> (PyTorch's <c>F.hardswish</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 0 below -3, <c>x/3 + 1/2</c> on (-3, 3), 1 above 3. Range: [-0.375, ∞).
    /// Kinks at ±3: values 0 and 3; as in PyTorch 1.13 the gradient at -3 is -0.5 (the middle formula) and at 3 is 1 (the linear part).
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Hardswish<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => HardswishFunction<T>.Apply(x);
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
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV x)
            where TV : struct, ISimdVector<TV, T>
        {
            var r = x + Three;
            r = TV.ConditionalSelect(TV.LessThan(r, TV.Zero), TV.Zero, r);
            r = TV.ConditionalSelect(TV.GreaterThan(r, TV.Create(Six)), TV.Create(Six), r);
            return x * r / Six;
        }
    }

    private readonly struct BackwardOp : IBinarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV g, TV x)
            where TV : struct, ISimdVector<TV, T> =>
            TV.ConditionalSelect(TV.LessThan(x, TV.Create(-Three)), TV.Zero,
                TV.ConditionalSelect(TV.LessThan(x, TV.Create(Three)), g * (x / Three + Half), g));
    }
}
