using System.Numerics;
using System.Runtime.CompilerServices;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// Softsign, <c>x / (1 + |x|)</c> (PyTorch's <c>F.softsign</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>1 / (1 + |x|)²</c>. Range: (-1, 1). At 0 the value is 0 and the gradient 1 (|x| has a kink there, the
    /// function does not).
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Softsign<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => SoftsignFunction<T>.Apply(x);
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
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV x)
            where TV : struct, ISimdVector<TV, T> =>
            x / (TV.One + TV.Abs(x));
    }

    private readonly struct BackwardOp : IBinarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV g, TV x)
            where TV : struct, ISimdVector<TV, T>
        {
            var d = TV.One + TV.Abs(x);
            return g / (d * d);
        }
    }
}
