using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>
/// Operands stretched to a common shape for the ops whose kernels want equal lengths (pow with a tensor exponent,
/// maximum, where): an unrecorded copy, given back when the op is done with it. The op's backward sums its
/// gradients back to each operand's shape.
/// </summary>
internal static class Broadcast
{
    /// <summary><paramref name="x"/> itself when it has <paramref name="shape"/>, else a fresh expanded copy.</summary>
    public static Tensor<T> To<T>(Tensor<T> x, TensorShape shape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (x.Shape == shape) return x;
        var y = Tensor<T>.Allocate(shape, clear: false);
        Broadcasting.Expand(x.ReadOnlySpan, x.Shape, y.Span, shape);
        return y;
    }

    /// <summary>Gives back a copy that <see cref="To{T}"/> made (not the operand itself).</summary>
    public static void Release<T>(Tensor<T> copy, Tensor<T> original)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!ReferenceEquals(copy, original)) copy.Dispose();
    }
}
