using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The logistic sigmoid, <c>σ(x) = 1 / (1 + e^(-x))</c> (PyTorch's <c>torch.sigmoid</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>σ(x)(1 - σ(x))</c>, computed from the saved output. Range: (0, 1) (rounding reaches 0 and 1
    /// for |x| beyond about 37 in double). No kink; at 0 the value is 0.5 and the gradient 0.25.
    /// Stable for every finite input: <c>σ(-1000) = 0</c>, <c>σ(1000) = 1</c>, never NaN. Forward is
    /// TensorPrimitives.Sigmoid.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Sigmoid<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => SigmoidFunction<T>.Apply(x);
}

/// <summary>
/// <c>y = 1 / (1 + e^(-x))</c>. Backward: <c>g * y * (1 - y)</c> from the saved output; its derivative with respect
/// to <c>y</c> is <c>g * (1 - 2y)</c>.
/// </summary>
internal sealed class SigmoidFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Sigmoid";

    protected override bool BackwardUsesOutput => true;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new SigmoidFunction<T>(), x);

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Sigmoid(x, y);

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> dx) => Simd.Map(default(Op), g, y, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> y) =>
        gg * g * (T.One - T.CreateChecked(2) * y);

    private readonly struct Op : IBinarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV g, TV y)
            where TV : struct, ISimdVector<TV, T> =>
            g * y * (TV.One - y);
    }
}
