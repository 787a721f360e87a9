using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The rectified linear unit, <c>relu(x) = max(0, x)</c> (PyTorch's <c>F.relu</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 1 for <c>x &gt; 0</c>, 0 for <c>x &lt; 0</c>. Range: [0, ∞).
    /// Kink at 0: <c>relu(0) = 0</c> and, as in PyTorch, the gradient there is 0.
    /// NaN stays NaN. Forward is TensorPrimitives.Max(x, 0); backward reuses the output (<c>y &gt; 0</c>).
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Relu<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => ReluFunction<T>.Apply(x);
}

/// <summary><c>y = max(0, x)</c>. Backward: <c>g</c> where <c>y &gt; 0</c>, else 0 (0 at the kink, as PyTorch).</summary>
internal sealed class ReluFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Relu";

    protected override bool BackwardUsesOutput => true;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new ReluFunction<T>(), x);

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Max(x, T.Zero, y);

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> dx) => Simd.Map(default(Op), g, y, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> s) => ActivationHelpers.Zero(s);

    /// <summary><c>y &lt;= 0 ? 0 : g</c>, PyTorch's threshold_backward (so a NaN output passes the gradient on).</summary>
    private readonly struct Op : IBinarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV g, TV y)
            where TV : struct, ISimdVector<TV, T> =>
            TV.ConditionalSelect(TV.LessThanOrEqual(y, TV.Zero), TV.Zero, g);
    }
}
