using System.Numerics;

namespace MiniGrad.Kernels;

/// <summary>Copies a row-major buffer with its dimensions reordered (two swapped, or any permutation).</summary>
internal static class Transpose
{
    /// <summary>y = x with dims <paramref name="dim0"/> and <paramref name="dim1"/> swapped (a permutation of two).</summary>
    public static void SwapDims<T>(ReadOnlySpan<T> x, TensorShape xShape, int dim0, int dim1, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Span<int> order = stackalloc int[xShape.Rank];
        for (int d = 0; d < order.Length; d++) order[d] = d;
        (order[dim0], order[dim1]) = (order[dim1], order[dim0]);
        Permute(x, xShape, order, y);
    }

    /// <summary>
    /// y = x with its dims in the order <paramref name="order"/> (y's dim d is x's dim order[d]), written contiguously.
    /// <paramref name="order"/> must be a permutation of 0..rank-1 (the caller checks).
    /// </summary>
    public static void Permute<T>(ReadOnlySpan<T> x, TensorShape xShape, ReadOnlySpan<int> order, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths("permute", x.Length, y.Length);
        int rank = xShape.Rank;
        if (order.Length != rank) throw new ArgumentException($"permute: {order.Length} dims given for a tensor of rank {rank}.");
        Span<int> xStrides = stackalloc int[rank];
        xShape.GetStrides(xStrides);
        // Walk y in order; y's dims and the strides into x are x's, permuted.
        Span<int> yDims = stackalloc int[rank];
        Span<int> strides = stackalloc int[rank];
        for (int d = 0; d < rank; d++)
        {
            yDims[d] = xShape.Dims[order[d]];
            strides[d] = xStrides[order[d]];
        }
        Span<int> counter = stackalloc int[rank];
        counter.Clear();
        int xOff = 0;
        for (int yOff = 0; yOff < y.Length; yOff++)
        {
            y[yOff] = x[xOff];
            for (int d = rank - 1; d >= 0; d--)
            {
                xOff += strides[d];
                if (++counter[d] < yDims[d]) break;
                xOff -= strides[d] * counter[d];
                counter[d] = 0;
            }
        }
    }
}
