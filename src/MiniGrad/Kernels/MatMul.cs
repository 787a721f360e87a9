using System.Numerics;
using System.Numerics.Tensors;

namespace MiniGrad.Kernels;

/// <summary>
/// <c>C[m, n] = op(A) @ op(B)</c> over row-major buffers, where <c>op</c> optionally transposes an operand in
/// place of a copy: <c>A</c> is stored <c>[m, k]</c>, or <c>[k, m]</c> when <c>transposeA</c>; <c>B</c> is
/// stored <c>[k, n]</c>, or <c>[n, k]</c> when <c>transposeB</c>.
/// </summary>
internal static class MatMul
{
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n,
        bool transposeA, bool transposeB)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (a.Length != m * k || b.Length != k * n || c.Length != m * n)
            throw new ArgumentException($"matmul: buffers of {a.Length}, {b.Length} and {c.Length} elements do not fit [{m}, {k}] @ [{k}, {n}].");
        if (transposeB)
        {
            // Each output is a dot product of two contiguous rows when B is stored [n, k] and A [m, k].
            if (!transposeA)
            {
                for (int i = 0; i < m; i++)
                {
                    ReadOnlySpan<T> aRow = a.Slice(i * k, k);
                    Span<T> cRow = c.Slice(i * n, n);
                    for (int j = 0; j < n; j++) cRow[j] = TensorPrimitives.Dot(aRow, b.Slice(j * k, k));
                }
                return;
            }
        }
        // Otherwise accumulate rows of B scaled by A's entries: C[i, :] += A[i, p] * B[p, :], vectorized along n.
        c.Clear();
        Span<T> bRowScratch = transposeB ? new T[n] : default;
        for (int p = 0; p < k; p++)
        {
            ReadOnlySpan<T> bRow;
            if (transposeB)
            {
                for (int j = 0; j < n; j++) bRowScratch[j] = b[j * k + p];
                bRow = bRowScratch;
            }
            else
            {
                bRow = b.Slice(p * n, n);
            }
            for (int i = 0; i < m; i++)
            {
                T aip = transposeA ? a[p * m + i] : a[i * k + p];
                Span<T> cRow = c.Slice(i * n, n);
                TensorPrimitives.MultiplyAdd(bRow, aip, cRow, cRow);
            }
        }
    }
}
