using System.Numerics;

namespace MiniGrad.Kernels;

/// <summary>Copies a row-major buffer with two of its dimensions swapped.</summary>
internal static class Transpose
{
    public static void SwapDims<T>(ReadOnlySpan<T> x, TensorShape xShape, int dim0, int dim1, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths("transpose", x.Length, y.Length);
        int rank = xShape.Rank;
        Span<int> xStrides = stackalloc int[rank];
        xShape.GetStrides(xStrides);
        // Walk y in order; y's dims are x's with dim0 and dim1 swapped, and so are the strides into x.
        Span<int> yDims = stackalloc int[rank];
        Span<int> strides = stackalloc int[rank];
        xShape.Dims.CopyTo(yDims);
        xStrides.CopyTo(strides);
        (yDims[dim0], yDims[dim1]) = (yDims[dim1], yDims[dim0]);
        (strides[dim0], strides[dim1]) = (strides[dim1], strides[dim0]);
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
