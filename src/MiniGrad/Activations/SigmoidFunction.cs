using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using MiniGrad.Kernels;

namespace MiniGrad.Activations;

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
        public Vector512<T> Invoke(Vector512<T> g, Vector512<T> y) => g * y * (Vector512<T>.One - y);

        public Vector256<T> Invoke(Vector256<T> g, Vector256<T> y) => g * y * (Vector256<T>.One - y);

        public T Invoke(T g, T y) => g * y * (T.One - y);
    }
}
