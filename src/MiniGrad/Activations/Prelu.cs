using System.Numerics;
using System.Runtime.CompilerServices;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The parametric ReLU: <c>x</c> for <c>x &gt; 0</c>, <c>w·x</c> otherwise, with <paramref name="weight"/> one
    /// slope for all elements or one per channel (dim 1) (PyTorch's <c>F.prelu</c>).
    /// </summary>
    /// <remarks>
    /// Derivatives: to x, 1 for <c>x &gt; 0</c> and <c>w</c> for <c>x &lt; 0</c>; to w, <c>x</c> where <c>x ≤ 0</c>.
    /// Range: (-∞, ∞) for w ≥ 0. Kink at 0: the value is 0, the gradient to x is <c>w</c> (PyTorch's convention) and to w is 0.
    /// </remarks>
    /// <param name="x">The input; channels are along dim 1 when it has two dims or more.</param>
    /// <param name="weight">The slopes: 1 element, or as many as <paramref name="x"/> has channels.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException">The weight's size is neither 1 nor the channel count.</exception>
    public static Tensor<T> Prelu<T>(Tensor<T> x, Tensor<T> weight)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => PreluFunction<T>.Apply(x, weight);
}

/// <summary>
/// <c>y = x &gt; 0 ? x : w_c·x</c> with one learnable slope per channel (dim 1) or one for all. Forward: one
/// vectorized pass per channel block. Backward (tensor ops): to x <c>x &gt; 0 ? g : w·g</c> (w at 0, as PyTorch),
/// to w the sum over each channel of <c>x &gt; 0 ? 0 : g·x</c>.
/// </summary>
internal sealed class PreluFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Prelu";

    public static Tensor<T> Apply(Tensor<T> x, Tensor<T> weight)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        int channels = x.Rank < 2 ? 1 : x.Shape.Dims[1];
        if (weight.Length != 1 && weight.Length != channels)
            throw new ArgumentException(
                $"prelu: mismatch of parameter numbers and input channel size: the weight has {weight.Length} elements (shape {weight.Shape}) " +
                $"but the input {x.Shape} has {channels} channel(s) along dim 1. Use 1 parameter or one per channel.", nameof(weight));
        var y = Tensor<T>.Allocate(x.Shape, clear: false);
        ReadOnlySpan<T> xs = x.ReadOnlySpan, w = weight.ReadOnlySpan;
        Span<T> ys = y.Span;
        if (weight.Length == 1 || x.Length == 0)
        {
            if (x.Length > 0) Simd.Map(new Op(w[0]), xs, ys);
        }
        else
        {
            int inner = 1;
            for (int i = 2; i < x.Rank; i++) inner *= x.Shape.Dims[i];
            int outer = x.Shape.Dims[0];
            for (int o = 0; o < outer; o++)
                for (int c = 0; c < channels; c++)
                {
                    int at = (o * channels + c) * inner;
                    Simd.Map(new Op(w[c]), xs.Slice(at, inner), ys.Slice(at, inner));
                }
        }
        return Tape.ShouldRecord(x, weight) ? Tape.Record(new PreluFunction<T>(), y, x, weight) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var (x, weight) = (Inputs[0], Inputs[1]);
        var wb = weight.Length == 1 ? weight.Reshape(new TensorShape()) : weight.Reshape(BroadcastShape(weight.Length, x.Rank));
        var positive = ActivationHelpers.Mask(x, v => v > T.Zero);
        var zero = Tensor<T>.ZerosLike(g);
        Tensor<T>? dx = needs[0] ? Tensor.Where(positive, g, g * wb) : null;
        Tensor<T>? dw = null;
        if (needs[1])
        {
            var contribution = Tensor.Where(positive, zero, g * x);
            dw = contribution.SumTo(wb.Shape).Reshape(weight.Shape);
        }
        return [dx, dw];
    }

    /// <summary><c>[C, 1, ..., 1]</c> with <c>rank - 2</c> ones, so the weight lines up with dim 1 of the input.</summary>
    private static TensorShape BroadcastShape(int channels, int rank)
    {
        var dims = new int[rank - 1];
        Array.Fill(dims, 1);
        dims[0] = channels;
        return new TensorShape(dims);
    }

    private readonly struct Op(T slope) : IUnarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV x)
            where TV : struct, ISimdVector<TV, T> =>
            TV.ConditionalSelect(TV.GreaterThan(x, TV.Zero), x, x * slope);
    }
}
