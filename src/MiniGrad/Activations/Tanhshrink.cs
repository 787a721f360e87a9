using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// Tanhshrink, <c>x - tanh(x)</c> (PyTorch's <c>F.tanhshrink</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>tanh²(x)</c>. Range: (-∞, ∞). No kink: at 0 the value is 0 and the gradient 0.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Tanhshrink<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => TanhshrinkFunction<T>.Apply(x);
}

/// <summary>
/// <c>y = x - tanh(x)</c>, vectorized. Backward: <c>g·tanh²(x)</c> (tanh recomputed from the input); second derivative
/// <c>2t(1 - t²)</c>.
/// </summary>
internal sealed class TanhshrinkFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Tanhshrink";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new TanhshrinkFunction<T>(), x);

    /// <summary>The vectorized tanh into y, then <c>x - y</c>.</summary>
    internal override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        ActivationKernels.Tanh(x, y);
        TensorPrimitives.Subtract(x, y, y);
    }

    /// <summary>The vectorized tanh into dx, then <c>g·t²</c> in one pass.</summary>
    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx)
    {
        ActivationKernels.Tanh(x, dx);
        Simd.Map(default(BackwardOp), g, dx, dx);
    }

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        var t = Functional.Tanh(x);
        return gg * g * t * (T.One - t * t) * T.CreateChecked(2);
    }

    private readonly struct BackwardOp : IBinarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV g, TV t)
            where TV : struct, ISimdVector<TV, T> =>
            g * t * t;
    }
}
