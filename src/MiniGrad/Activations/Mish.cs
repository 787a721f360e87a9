using CommunityToolkit.HighPerformance.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// Mish, <c>x·tanh(softplus(x))</c> (PyTorch's <c>F.mish</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>t + x·σ(x)·(1 - t²)</c> with <c>t = tanh(softplus(x))</c>. Range: about [-0.3088, ∞).
    /// No kink: at 0 the value is 0 and the gradient 0.6. Stable at ±1000 (mish(-1000) = -0, mish(1000) = 1000).
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Mish<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => MishFunction<T>.Apply(x);
}

/// <summary>
/// <c>y = x·tanh(softplus(x))</c> (Mish). Backward: <c>g·(t + x·σ·(1 - t²))</c> with <c>t = tanh(softplus(x))</c>;
/// second derivative <c>(1 - t²)(2σ + xσ(1-σ) - 2xσ²t)</c>. Softplus is the overflow-free form, so ±1000 are finite.
/// Vectorized through ActivationKernels' softplus and tanh.
/// </summary>
internal sealed class MishFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Mish";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new MishFunction<T>(), x);

    /// <summary>softplus, then tanh, then the product: vectorized passes (ActivationKernels), y as the scratch.</summary>
    internal override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        ActivationKernels.Softplus(x, y);
        ActivationKernels.Tanh(y, y);
        TensorPrimitives.Multiply(x, y, y);
    }

    /// <summary>t = tanh(softplus(x)) into dx, σ(x) into scratch, then one fused pass and the product with g.</summary>
    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx)
    {
        using var rented = SpanOwner<T>.Allocate(x.Length);
        Span<T> s = rented.Span;
        TensorPrimitives.Sigmoid(x, s);
        ActivationKernels.Softplus(x, dx);
        ActivationKernels.Tanh(dx, dx);
        Simd.Map(default(DerivativeOp), x, s, dx, dx);
        TensorPrimitives.Multiply(g, dx, dx);
    }

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        var s = Functional.Sigmoid(x);
        var t = Functional.Tanh(Functional.Softplus(x));
        var two = T.CreateChecked(2);
        var inner = s * two + x * s * (T.One - s) - x * s * s * t * two;
        return gg * g * (T.One - t * t) * inner;
    }

    /// <summary><c>t + x·σ·(1 - t²)</c> from x, σ and t.</summary>
    private readonly struct DerivativeOp : ITernarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV x, TV s, TV t)
            where TV : struct, ISimdVector<TV, T> =>
            t + x * s * (TV.One - t * t);
    }
}
