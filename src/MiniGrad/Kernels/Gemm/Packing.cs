using System.Runtime.CompilerServices;

namespace MiniGrad.Kernels.Gemm;

/// <summary>
/// A matrix operand seen through its strides: element <c>[i, p]</c> is <c>Ptr[i * RowStride + p * ColStride]</c>.
/// A transposed operand is the same buffer with the two strides swapped, which is how op(A) and op(B) reach the
/// packing routines without any copy.
/// </summary>
internal readonly unsafe struct StridedMatrix<T>(T* ptr, nint rowStride, nint colStride)
    where T : unmanaged
{
    public T* Ptr { get; } = ptr;

    public nint RowStride { get; } = rowStride;

    public nint ColStride { get; } = colStride;

    public T* At(nint row, nint col) => Ptr + row * RowStride + col * ColStride;
}

/// <summary>
/// Copies blocks of op(A) and op(B) into the layouts the micro-kernels stream through: A in panels of MR rows
/// (MR values per k step), B in panels of NR columns (NR values per k step). Edge panels are zero-padded, so the
/// micro-kernel always runs a full tile.
/// </summary>
internal static unsafe class Packing
{
    /// <summary>Packs rows <c>[i, i + mc)</c>, k range <c>[pc, pc + kc)</c> of A into <c>ceil(mc / mr)</c> panels.</summary>
    public static void PackA<T>(StridedMatrix<T> a, int i, int mc, int pc, int kc, int mr, T* dst)
        where T : unmanaged
    {
        for (int ir = 0; ir < mc; ir += mr, dst += (nint)kc * mr)
            PackPanel(a, i + ir, Math.Min(mr, mc - ir), pc, kc, mr, dst);
    }

    /// <summary>Packs k range <c>[pc, pc + kc)</c>, columns <c>[j, j + nc)</c> of B into <c>ceil(nc / nr)</c> panels.</summary>
    public static void PackB<T>(StridedMatrix<T> b, int pc, int kc, int j, int nc, int nr, T* dst)
        where T : unmanaged
    {
        // B's panel is A's panel of Bᵀ: the same routine with the roles of the strides swapped.
        var bt = new StridedMatrix<T>(b.Ptr, b.ColStride, b.RowStride);
        for (int jr = 0; jr < nc; jr += nr, dst += (nint)kc * nr)
            PackPanel(bt, j + jr, Math.Min(nr, nc - jr), pc, kc, nr, dst);
    }

    /// <summary>
    /// <c>dst[p * width + r] = x[row + r, pc + p]</c> for <c>r &lt; rows</c>, and 0 for <c>rows &lt;= r &lt; width</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackPanel<T>(StridedMatrix<T> x, int row, int rows, int pc, int kc, int width, T* dst)
        where T : unmanaged
    {
        if (x.RowStride == 1)
        {
            // The panel's rows are adjacent in memory: each k step is one contiguous run of `rows` values.
            uint bytes = (uint)(rows * sizeof(T));
            T* src = x.At(row, pc);
            for (int p = 0; p < kc; p++, src += x.ColStride, dst += width)
            {
                Unsafe.CopyBlockUnaligned(dst, src, bytes);
                for (int r = rows; r < width; r++) dst[r] = default;
            }
            return;
        }
        // Each panel row is a run along k (contiguous when ColStride is 1): read it sequentially, write with stride.
        for (int r = 0; r < rows; r++)
        {
            T* src = x.At(row + r, pc);
            T* d = dst + r;
            nint cs = x.ColStride;
            for (int p = 0; p < kc; p++, src += cs, d += width) *d = *src;
        }
        for (int r = rows; r < width; r++)
        {
            T* d = dst + r;
            for (int p = 0; p < kc; p++, d += width) *d = default;
        }
    }
}
