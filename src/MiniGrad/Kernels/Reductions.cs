using System.Numerics;
using System.Numerics.Tensors;

namespace MiniGrad.Kernels;

/// <summary>Sums and maxima over whole spans and along one dimension of a row-major buffer.</summary>
/// <remarks>
/// A tensor reduced along dim <c>d</c> is seen as <c>[outer, n, inner]</c> with <c>n</c> the size of <c>d</c>:
/// the result is <c>[outer, inner]</c>. Every sum runs in a fixed order, so equal inputs give equal bits.
/// </remarks>
internal static class Reductions
{
    /// <summary>The sum of <paramref name="x"/> (vectorized; the order depends only on the length).</summary>
    public static T Sum<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => TensorPrimitives.Sum(x);

    /// <summary>Splits a shape around <paramref name="dim"/> into outer, reduced and inner extents.</summary>
    public static (int Outer, int N, int Inner) Split(TensorShape shape, int dim)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < dim; i++) outer *= shape.Dims[i];
        for (int i = dim + 1; i < shape.Rank; i++) inner *= shape.Dims[i];
        return (outer, shape.Dims[dim], inner);
    }

    /// <summary><c>y[o, i] = sum_k x[o, k, i]</c>.</summary>
    public static void SumAlongDim<T>(ReadOnlySpan<T> x, Span<T> y, int outer, int n, int inner)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (x.Length != outer * n * inner || y.Length != outer * inner)
            throw new ArgumentException("sum: span lengths do not match the reduced shape.");
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++) y[o] = TensorPrimitives.Sum(x.Slice(o * n, n));
            return;
        }
        y.Clear();
        for (int o = 0; o < outer; o++)
        {
            Span<T> yRow = y.Slice(o * inner, inner);
            for (int k = 0; k < n; k++)
                TensorPrimitives.Add(yRow, x.Slice((o * n + k) * inner, inner), yRow);
        }
    }

    /// <summary>
    /// <c>y[o, i] = max_k x[o, k, i]</c> and the first <c>k</c> where it occurs; NaN wins, as in PyTorch.
    /// </summary>
    public static void MaxAlongDim<T>(ReadOnlySpan<T> x, Span<T> y, Span<int> argMax, int outer, int n, int inner)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (n == 0)
            throw new ArgumentException("max: cannot take the maximum along a dimension of size 0.");
        if (x.Length != outer * n * inner || y.Length != outer * inner || argMax.Length != y.Length)
            throw new ArgumentException("max: span lengths do not match the reduced shape.");
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int baseIndex = o * n * inner + i;
                T best = x[baseIndex];
                int bestK = 0;
                for (int k = 1; k < n && !T.IsNaN(best); k++)
                {
                    T v = x[baseIndex + k * inner];
                    if (v > best || T.IsNaN(v))
                    {
                        best = v;
                        bestK = k;
                    }
                }
                y[o * inner + i] = best;
                argMax[o * inner + i] = bestK;
            }
        }
    }
}
