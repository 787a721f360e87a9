using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MiniGrad.Kernels;

/// <summary>
/// A matrix [rows, n] and a vector [n] broadcast along its rows: the bias add of a Linear layer and its gradient.
/// </summary>
/// <remarks>
/// One loop over the whole matrix instead of a TensorPrimitives call per row: a Linear layer of the tutorials has rows
/// of 18 elements, where the per-call cost is most of the work. Each element sees the same additions in the same order
/// as the row-by-row form (for a sum, rows in ascending order starting from 0), so the results are the same bits.
/// </remarks>
internal static class RowVector
{
    /// <summary><c>matrix[r, :] += row</c> for every row r.</summary>
    public static void AddToRows<T>(Span<T> matrix, ReadOnlySpan<T> row)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = row.Length;
        if (n == 0 ? matrix.Length != 0 : matrix.Length % n != 0)
            throw new ArgumentException($"add_to_rows: a matrix of {matrix.Length} elements has no whole rows of {n}.");
        if (n == 0) return;
        ref T b = ref MemoryMarshal.GetReference(row);
        for (int start = 0; start < matrix.Length; start += n)
        {
            ref T m = ref MemoryMarshal.GetReference(matrix.Slice(start, n));
            int j = 0;
            if (Vector512.IsHardwareAccelerated) j = AddRow<Vec512<T>, T>(ref m, ref b, j, n);
            if (Vector256.IsHardwareAccelerated) j = AddRow<Vec256<T>, T>(ref m, ref b, j, n);
            AddRow<Scalar<T>, T>(ref m, ref b, j, n);
        }
    }

    /// <summary>
    /// <c>result[j] = Σ_r matrix[r, j]</c>, rows added in ascending order; with <paramref name="addToResult"/>,
    /// <c>result[j] = result[j] + Σ_r matrix[r, j]</c> (the whole sum first, so the bits of a sum added afterwards).
    /// </summary>
    public static void SumRows<T>(ReadOnlySpan<T> matrix, Span<T> result, bool addToResult = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = result.Length;
        if (n == 0 ? matrix.Length != 0 : matrix.Length % n != 0)
            throw new ArgumentException($"sum_rows: a matrix of {matrix.Length} elements has no whole rows of {n}.");
        if (n == 0) return;
        int rows = matrix.Length / n;
        ref T m = ref MemoryMarshal.GetReference(matrix);
        ref T y = ref MemoryMarshal.GetReference(result);
        int j = 0;
        if (Vector512.IsHardwareAccelerated) j = SumColumns<Vec512<T>, T>(ref m, ref y, rows, j, n, addToResult);
        if (Vector256.IsHardwareAccelerated) j = SumColumns<Vec256<T>, T>(ref m, ref y, rows, j, n, addToResult);
        SumColumns<Scalar<T>, T>(ref m, ref y, rows, j, n, addToResult);
    }

    /// <summary><c>m[j..] += b[j..]</c> in whole vectors of <typeparamref name="TV"/>; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AddRow<TV, T>(ref T m, ref T b, int j, int n)
        where TV : struct, ISimdVector<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (; j <= n - TV.Count; j += TV.Count)
            (TV.LoadUnsafe(ref m, (nuint)j) + TV.LoadUnsafe(ref b, (nuint)j)).StoreUnsafe(ref m, (nuint)j);
        return j;
    }

    /// <summary>Column sums in whole vectors of <typeparamref name="TV"/> from column <paramref name="j"/> on; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SumColumns<TV, T>(ref T m, ref T y, int rows, int j, int n, bool addToResult)
        where TV : struct, ISimdVector<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // Column blocks outermost: the running sums stay in a register across all rows.
        for (; j <= n - TV.Count; j += TV.Count)
        {
            var sum = TV.Zero;
            for (int r = 0; r < rows; r++) sum += TV.LoadUnsafe(ref m, (nuint)(r * n + j));
            if (addToResult) sum = TV.LoadUnsafe(ref y, (nuint)j) + sum;
            sum.StoreUnsafe(ref y, (nuint)j);
        }
        return j;
    }
}
