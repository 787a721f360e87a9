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
    /// The sigmoid linear unit (swish), <c>x·σ(x)</c> (PyTorch's <c>F.silu</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>σ(x)·(1 + x·(1 - σ(x)))</c>. Range: about [-0.2785, ∞). No kink: at 0 the value is 0 and the gradient 0.5.
    /// Stable at ±1000 (silu(-1000) = -0, silu(1000) = 1000).
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Silu<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => SiluFunction<T>.Apply(x);
}

/// <summary>
/// <c>y = x·σ(x)</c> (SiLU / swish). Backward: <c>g·σ(1 + x(1 - σ))</c>; second derivative <c>σ(1-σ)(2 + x(1 - 2σ))</c>.
/// Vectorized: σ comes from TensorPrimitives.Sigmoid (±1000 give 0 and x without NaN), then one fused pass.
/// </summary>
internal sealed class SiluFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Silu";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new SiluFunction<T>(), x);

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        TensorPrimitives.Sigmoid(x, y);
        TensorPrimitives.Multiply(x, y, y);
    }

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx)
    {
        using var s = SpanOwner<T>.Allocate(x.Length);
        Span<T> sigma = s.Span;
        TensorPrimitives.Sigmoid(x, sigma);
        Simd.Map(default(BackwardOp), g, x, sigma, dx);
    }

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        var s = Functional.Sigmoid(x);
        return gg * g * s * (T.One - s) * (x * (T.One - s * T.CreateChecked(2)) + T.CreateChecked(2));
    }

    /// <summary><c>g·σ·(1 + x·(1 - σ))</c>.</summary>
    private readonly struct BackwardOp : ITernarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV g, TV x, TV s)
            where TV : struct, ISimdVector<TV, T> =>
            g * s * (TV.One + x * (TV.One - s));
    }
}
