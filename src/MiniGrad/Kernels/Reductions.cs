using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MiniGrad.Kernels;

/// <summary>Sums and maxima over whole spans and along one dimension of a row-major buffer.</summary>
/// <remarks>
/// A tensor reduced along dim <c>d</c> is seen as <c>[outer, n, inner]</c> with <c>n</c> the size of <c>d</c>:
/// the result is <c>[outer, inner]</c>. Every sum runs in a fixed order, so equal inputs give equal bits.
/// </remarks>
internal static class Reductions
{
    /// <summary>
    /// The sum of <paramref name="x"/>, in an order that depends only on the length: the same bits on every machine
    /// (Vector512, AVX2 or neither) and for every alignment of the span.
    /// </summary>
    /// <remarks>
    /// The order is that of a Vector512 loop with four accumulators, 64 bytes each (16 float or 8 double lanes):
    /// blocks of four 64-byte vectors go to accumulators 0 to 3 in turn, the remaining whole vectors to accumulator 0;
    /// then <c>(a0 + a1) + (a2 + a3)</c>, its two 32-byte halves added, their two 16-byte halves added, and those lanes
    /// added as <c>(w0 + w2) + (w1 + w3)</c> for float and <c>w0 + w1</c> for double; the last elements (fewer than a
    /// 64-byte vector) are then added one by one. TensorPrimitives.Sum is faster to call but its order follows the
    /// machine's vector width and the span's alignment, so a loss printed on one machine was not the loss printed on
    /// another. AVX2 machines hold each 64-byte accumulator as two Vector256 halves.
    /// </remarks>
    public static T Sum<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i;
        T total = Vector512.IsHardwareAccelerated ? WholeVectors512(x, out i)
            : Vector256.IsHardwareAccelerated ? WholeVectors256(x, out i)
            : WholeVectorsScalar(x, out i);
        for (; i < x.Length; i++) total += x[i];
        return total;
    }

    /// <summary>The whole 64-byte vectors' part of <see cref="Sum{T}"/> in Vector512; <paramref name="end"/> is where they stop.</summary>
    internal static T WholeVectors512<T>(ReadOnlySpan<T> x, out int end)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T r = ref MemoryMarshal.GetReference(x);
        int n = x.Length, w = Vector512<T>.Count, i = 0;
        Vector512<T> a0 = default, a1 = default, a2 = default, a3 = default;
        for (; i <= n - 4 * w; i += 4 * w)
        {
            a0 += Vector512.LoadUnsafe(ref r, (nuint)i);
            a1 += Vector512.LoadUnsafe(ref r, (nuint)(i + w));
            a2 += Vector512.LoadUnsafe(ref r, (nuint)(i + 2 * w));
            a3 += Vector512.LoadUnsafe(ref r, (nuint)(i + 3 * w));
        }
        for (; i <= n - w; i += w) a0 += Vector512.LoadUnsafe(ref r, (nuint)i);
        end = i;
        var v = (a0 + a1) + (a2 + a3);
        return Lanes(v.GetLower() + v.GetUpper());
    }

    /// <summary><see cref="WholeVectors512{T}"/> with each 64-byte accumulator as two Vector256 halves: the same adds.</summary>
    internal static T WholeVectors256<T>(ReadOnlySpan<T> x, out int end)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T r = ref MemoryMarshal.GetReference(x);
        int n = x.Length, h = Vector256<T>.Count, w = 2 * h, i = 0;
        Vector256<T> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
        for (; i <= n - 4 * w; i += 4 * w)
        {
            a0 += Vector256.LoadUnsafe(ref r, (nuint)i);
            b0 += Vector256.LoadUnsafe(ref r, (nuint)(i + h));
            a1 += Vector256.LoadUnsafe(ref r, (nuint)(i + w));
            b1 += Vector256.LoadUnsafe(ref r, (nuint)(i + w + h));
            a2 += Vector256.LoadUnsafe(ref r, (nuint)(i + 2 * w));
            b2 += Vector256.LoadUnsafe(ref r, (nuint)(i + 2 * w + h));
            a3 += Vector256.LoadUnsafe(ref r, (nuint)(i + 3 * w));
            b3 += Vector256.LoadUnsafe(ref r, (nuint)(i + 3 * w + h));
        }
        for (; i <= n - w; i += w)
        {
            a0 += Vector256.LoadUnsafe(ref r, (nuint)i);
            b0 += Vector256.LoadUnsafe(ref r, (nuint)(i + h));
        }
        end = i;
        return Lanes(((a0 + a1) + (a2 + a3)) + ((b0 + b1) + (b2 + b3)));
    }

    /// <summary><see cref="WholeVectors512{T}"/> one lane at a time, for machines with neither width: the same adds.</summary>
    internal static T WholeVectorsScalar<T>(ReadOnlySpan<T> x, out int end)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = x.Length, w = Vector512<T>.Count, i = 0;
        Span<T> a = stackalloc T[4 * 16];
        a = a[..(4 * w)];
        a.Clear();
        for (; i <= n - 4 * w; i += 4 * w)
            for (int l = 0; l < 4 * w; l++) a[l] += x[i + l];
        for (; i <= n - w; i += w)
            for (int l = 0; l < w; l++) a[l] += x[i + l];
        end = i;
        Span<T> half = stackalloc T[8];
        int hw = w / 2;
        for (int l = 0; l < hw; l++)
            half[l] = ((a[l] + a[w + l]) + (a[2 * w + l] + a[3 * w + l])) + ((a[hw + l] + a[w + hw + l]) + (a[2 * w + hw + l] + a[3 * w + hw + l]));
        return Lanes(Vector256.Create<T>(half[..hw]));
    }

    /// <summary>The lanes of a 32-byte vector added: its 16-byte halves, then (w0 + w2) + (w1 + w3), or w0 + w1.</summary>
    private static T Lanes<T>(Vector256<T> v)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var w = v.GetLower() + v.GetUpper();
        return Vector128<T>.Count == 4 ? (w[0] + w[2]) + (w[1] + w[3]) : w[0] + w[1];
    }

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
            for (int o = 0; o < outer; o++) y[o] = Sum(x.Slice(o * n, n));
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
