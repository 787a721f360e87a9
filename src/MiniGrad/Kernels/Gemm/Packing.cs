using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    internal static void PackPanel<T>(StridedMatrix<T> x, int row, int rows, int pc, int kc, int width, T* dst)
        where T : unmanaged
    {
        if (x.RowStride == 1)
        {
            // The panel's rows are adjacent in memory: each k step is one contiguous run of `rows` values.
            if (Vector512.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double))
                && width % Vector512<T>.Count == 0)
            {
                // Whole vectors, the padding loaded as zeros under a mask: a memmove call per 128-byte run cost
                // about 4 % of a training step.
                CopyRuns<Vec512<float>, T>(x.At(row, pc), x.ColStride, rows, kc, width, dst);
                return;
            }
            if (RowGemm.IsSupported256 && !Vector512.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double))
                && width % Vector256<T>.Count == 0 && width * sizeof(T) > 32)
            {
                // AVX2 machines: the same whole-vector copies in Vector256 (B's 16-wide float panels).
                CopyRuns<Vec256<float>, T>(x.At(row, pc), x.ColStride, rows, kc, width, dst);
                return;
            }
            if (Vector256.IsHardwareAccelerated && rows == width && width * sizeof(T) == 32)
            {
                // The float 8-row A panels.
                T* s = x.At(row, pc);
                for (int p = 0; p < kc; p++, s += x.ColStride, dst += width) Vector256.Store(Vector256.Load((byte*)s), (byte*)dst);
                return;
            }
            uint bytes = (uint)(rows * sizeof(T));
            T* src = x.At(row, pc);
            for (int p = 0; p < kc; p++, src += x.ColStride, dst += width)
            {
                Unsafe.CopyBlockUnaligned(dst, src, bytes);
                for (int r = rows; r < width; r++) dst[r] = default;
            }
            return;
        }
        // An edge panel's padding: cleared in one vectorized pass rather than by a strided store per value.
        bool padded = rows < width;
        if (padded) new Span<T>(dst, kc * width).Clear();
        int done = 0;
        if (x.ColStride == 1 && Avx.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double)))
        {
            // Rows contiguous along k (A as stored, or Bᵀ): transpose 8×8 (float) or 4×4 (double) blocks in
            // registers; a scalar gather here costs about a sixth of the multiply at the training steps' sizes.
            int block = typeof(T) == typeof(float) ? 8 : 4;
            int fullRows = rows / block * block, kDone = kc / block * block;
            if (fullRows > 0 && kDone > 0)
            {
                if (typeof(T) == typeof(float)) Transpose8x8((float*)x.At(row, pc), x.RowStride, kDone, fullRows, width, (float*)dst);
                else Transpose4x4((double*)x.At(row, pc), x.RowStride, kDone, fullRows, width, (double*)dst);
                // The rows past the last whole block, for the same k steps.
                for (int r = fullRows; r < rows; r++)
                {
                    T* src = x.At(row + r, pc);
                    T* d = dst + r;
                    for (int p = 0; p < kDone; p++, d += width) *d = src[p];
                }
                done = kDone;
            }
        }
        // Each panel row is a run along k (contiguous when ColStride is 1): read it sequentially, write with stride.
        if (done == kc) return;
        pc += done;
        kc -= done;
        dst += (nint)done * width;
        for (int r = 0; r < rows; r++)
        {
            T* src = x.At(row + r, pc);
            T* d = dst + r;
            nint cs = x.ColStride;
            for (int p = 0; p < kc; p++, src += cs, d += width) *d = *src;
        }
    }

    /// <summary>
    /// <c>dst[p * width + r] = src[p * colStride + r]</c> for <c>r &lt; rows</c> and 0 up to <paramref name="width"/>, a
    /// multiple of 64 bytes (Vector512) or 32 bytes (Vector256), in whole vectors of float lanes (a copy moves bits, so
    /// doubles go through as pairs of them); the last partial vector is loaded under a mask.
    /// </summary>
    private static void CopyRuns<TV, T>(T* source, nint colStride, int rows, int kc, int width, T* destination)
        where TV : struct, IMaskedSimdVector<TV, float>
        where T : unmanaged
    {
        int lanesPer = sizeof(T) / sizeof(float), vw = TV.Count;
        float* src = (float*)source, dst = (float*)destination;
        nint step = colStride * lanesPer;
        rows *= lanesPer;
        width *= lanesPer;
        if (rows == width)
        {
            // A full panel: plain vector copies (the masked loop below ran at half this speed).
            for (int p = 0; p < kc; p++, src += step, dst += width)
                for (int r = 0; r < width; r += vw) TV.LoadUnsafe(ref src[r], 0).StoreUnsafe(ref dst[r], 0);
            return;
        }
        for (int p = 0; p < kc; p++, src += step, dst += width)
        {
            for (int r = 0; r < width; r += vw)
            {
                int valid = rows - r;
                var v = valid >= vw ? TV.LoadUnsafe(ref src[r], 0) : valid > 0 ? TV.LoadFirst(src + r, valid) : TV.Zero;
                v.StoreUnsafe(ref dst[r], 0);
            }
        }
    }

    /// <summary>
    /// <c>dst[p * width + r] = src[r * rowStride + p]</c> for <c>r &lt; rows</c> and <c>p &lt; kc</c>, both multiples
    /// of 8, in 8×8 register blocks.
    /// </summary>
    internal static void Transpose8x8(float* src, nint rowStride, int kc, int rows, int width, float* dst)
    {
        int kDone = kc & ~7;
        for (int r0 = 0; r0 < (rows & ~7); r0 += 8)
        {
            float* s = src + r0 * rowStride;
            for (int p = 0; p < kDone; p += 8)
            {
                var r0v = Avx.LoadVector256(s + p);
                var r1v = Avx.LoadVector256(s + rowStride + p);
                var r2v = Avx.LoadVector256(s + 2 * rowStride + p);
                var r3v = Avx.LoadVector256(s + 3 * rowStride + p);
                var r4v = Avx.LoadVector256(s + 4 * rowStride + p);
                var r5v = Avx.LoadVector256(s + 5 * rowStride + p);
                var r6v = Avx.LoadVector256(s + 6 * rowStride + p);
                var r7v = Avx.LoadVector256(s + 7 * rowStride + p);
                var t0 = Avx.UnpackLow(r0v, r1v);
                var t1 = Avx.UnpackHigh(r0v, r1v);
                var t2 = Avx.UnpackLow(r2v, r3v);
                var t3 = Avx.UnpackHigh(r2v, r3v);
                var t4 = Avx.UnpackLow(r4v, r5v);
                var t5 = Avx.UnpackHigh(r4v, r5v);
                var t6 = Avx.UnpackLow(r6v, r7v);
                var t7 = Avx.UnpackHigh(r6v, r7v);
                var u0 = Avx.Shuffle(t0, t2, 0x44);
                var u1 = Avx.Shuffle(t0, t2, 0xEE);
                var u2 = Avx.Shuffle(t1, t3, 0x44);
                var u3 = Avx.Shuffle(t1, t3, 0xEE);
                var u4 = Avx.Shuffle(t4, t6, 0x44);
                var u5 = Avx.Shuffle(t4, t6, 0xEE);
                var u6 = Avx.Shuffle(t5, t7, 0x44);
                var u7 = Avx.Shuffle(t5, t7, 0xEE);
                float* d = dst + p * width + r0;
                Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
                Avx.Store(d + width, Avx.Permute2x128(u1, u5, 0x20));
                Avx.Store(d + 2 * width, Avx.Permute2x128(u2, u6, 0x20));
                Avx.Store(d + 3 * width, Avx.Permute2x128(u3, u7, 0x20));
                Avx.Store(d + 4 * width, Avx.Permute2x128(u0, u4, 0x31));
                Avx.Store(d + 5 * width, Avx.Permute2x128(u1, u5, 0x31));
                Avx.Store(d + 6 * width, Avx.Permute2x128(u2, u6, 0x31));
                Avx.Store(d + 7 * width, Avx.Permute2x128(u3, u7, 0x31));
            }
        }
    }

    /// <summary>The double counterpart of <see cref="Transpose8x8"/>, in 4×4 blocks (multiples of 4).</summary>
    internal static void Transpose4x4(double* src, nint rowStride, int kc, int rows, int width, double* dst)
    {
        int kDone = kc & ~3;
        for (int r0 = 0; r0 < (rows & ~3); r0 += 4)
        {
            double* s = src + r0 * rowStride;
            for (int p = 0; p < kDone; p += 4)
            {
                var r0v = Avx.LoadVector256(s + p);
                var r1v = Avx.LoadVector256(s + rowStride + p);
                var r2v = Avx.LoadVector256(s + 2 * rowStride + p);
                var r3v = Avx.LoadVector256(s + 3 * rowStride + p);
                var t0 = Avx.UnpackLow(r0v, r1v);
                var t1 = Avx.UnpackHigh(r0v, r1v);
                var t2 = Avx.UnpackLow(r2v, r3v);
                var t3 = Avx.UnpackHigh(r2v, r3v);
                double* d = dst + p * width + r0;
                Avx.Store(d, Avx.Permute2x128(t0, t2, 0x20));
                Avx.Store(d + width, Avx.Permute2x128(t1, t3, 0x20));
                Avx.Store(d + 2 * width, Avx.Permute2x128(t0, t2, 0x31));
                Avx.Store(d + 3 * width, Avx.Permute2x128(t1, t3, 0x31));
            }
        }
    }
}
