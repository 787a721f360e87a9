using System.Numerics;
using System.Runtime.CompilerServices;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The hyperbolic tangent, <c>tanh(x) = (e^x - e^(-x)) / (e^x + e^(-x))</c> (PyTorch's <c>torch.tanh</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>1 - tanh(x)²</c>, computed from the saved output. Range: (-1, 1) (rounding reaches ±1 for
    /// large |x|). Odd: <c>tanh(-x) = -tanh(x)</c>. No kink; at 0 the value is 0 and the gradient 1.
    /// Stable for every finite input (<c>tanh(±1000) = ±1</c>). Forward is vectorized with Cephes' scheme (TensorPrimitives.Tanh is not accurate enough near 0).
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Tanh<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => TanhFunction<T>.Apply(x);
}

/// <summary>
/// <c>y = tanh(x)</c>. Backward: <c>g * (1 - y²)</c> from the saved output; its derivative with respect to <c>y</c>
/// is <c>-2 g y</c>.
/// </summary>
internal sealed class TanhFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Tanh";

    protected override bool BackwardUsesOutput => true;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new TanhFunction<T>(), x);

    // Not TensorPrimitives.Tanh, which is inaccurate near 0: see ActivationKernels.Tanh.
    internal override void Forward(ReadOnlySpan<T> x, Span<T> y) => ActivationKernels.Tanh(x, y);

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> dx) => Simd.Map(default(Op), g, y, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> y) =>
        gg * g * y * T.CreateChecked(-2);

    private readonly struct Op : IBinarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV g, TV y)
            where TV : struct, ISimdVector<TV, T> =>
            g * (TV.One - y * y);
    }
}
