// The register block must be plain locals for the JIT to keep it in registers, so the block kernel is unrolled in full
// for its largest size (10 rows x 4 vectors) and every smaller size is the same code with the unused rows and vectors
// removed by the JIT: TRows and TVecs are constants, so each `if` below folds away. The Block method is written
// by generate_kernels.py (in this folder): edit the script, run it, commit both.
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MiniGrad.Kernels.Gemm;

/// <summary>
/// Products that the packed driver serves badly: few rows or columns of C (a weight gradient or a last layer with 10
/// outputs), a shallow k (the input gradient of a 10-wide layer) or a small total. A block of up to 10 rows of C by up
/// to 4 Vector512s of columns (on AVX2 machines, 6 rows by 2 Vector256s or 4 by 3) stays in registers for the whole
/// k loop; each k step loads a slice of one row of op(B) and broadcasts A's elements from wherever op(A) keeps them.
/// The last vector of a column block is loaded and stored under a mask, so there are no edge tiles. When B is not transposed its rows are read in place (nothing is packed);
/// a narrow C whose op(A) has contiguous columns is computed as Cᵀ, whose rows fill the vectors.
/// </summary>
/// <remarks>
/// Every element of C is one chain of fused multiply-adds in k order starting from zero, whatever the block it falls
/// in, so the result does not depend on the blocking (nor on a split between threads).
/// </remarks>
[SkipLocalsInit]
internal static unsafe class RowGemm
{
    /// <summary>True when this path can run here: Vector512 hardware, or Vector256 with FMA (AVX2 machines).</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated || IsSupported256;

    /// <summary>True on AVX2 machines with FMA: <see cref="Block256{T, TRows, TVecs}"/>'s instructions.</summary>
    internal static bool IsSupported256 => Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported;

    /// <summary>
    /// <c>C[m, n] = op(A) · op(B)</c>, or with <paramref name="accumulate"/> <c>C + op(A) · op(B)</c> (each element
    /// <c>C + product</c>, the product's bits unchanged); requires <see cref="IsSupported"/>, <c>k &gt; 0</c>, <c>m, n &gt; 0</c>. When B is
    /// stored transposed, op(B) is first packed into row panels (k·n values, cheap beside the product on the shapes
    /// that come here: a short or shallow side, or a tiny total).
    /// </summary>
    public static void Run<T>(int m, int n, int k, StridedMatrix<T> a, StridedMatrix<T> b, T* c, bool accumulate = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // AVX2 machines have 16 vector registers, not 32: blocks of up to 6 rows by 2 Vector256s, or 4 rows by 3 when
        // that makes C one column block (the tutorials' 18 columns: one panel of op(B), no padding, fewer calls).
        bool wide = Vector512.IsHardwareAccelerated;
        int vw = wide ? Vector512<T>.Count : Vector256<T>.Count;
        // Adding into C goes the direct way: the transposed product would need its own add (the bits are the same
        // either way, each element being one chain of multiply-adds).
        if (!accumulate && a.RowStride == 1 && k >= 32 && Usage(n, vw) < 0.8 && Usage(m, vw) >= Usage(n, vw) + 0.2)
        {
            // A narrow C (10 outputs fill 10 of 16 lanes) whose op(A) has contiguous columns: compute
            // Cᵀ = op(B)ᵀ · op(A)ᵀ, whose rows are long, into this thread's A buffer (free on this path), and
            // transpose it into C with the packing's register transposes. That costs about one pass over C, which
            // a k of a few dozen pays for; tiny products keep their padded lanes.
            T* ct = PackBuffers.Current.A<T>((nint)m * n);
            Run(n, m, k, new StridedMatrix<T>(b.Ptr, b.ColStride, b.RowStride), new StridedMatrix<T>(a.Ptr, a.ColStride, a.RowStride), ct);
            Packing.PackPanel(new StridedMatrix<T>(ct, m, 1), 0, n, 0, m, n, c);
            return;
        }
        // Up to 10 rows in one block: two vectors wide, so B is streamed once. Taller: blocks of 5 rows by 4
        // vectors (20 accumulators either way), each slice of B reused from L1 by the next row block.
        int maxVecs = !wide ? (n > 2 * vw && n <= 3 * vw ? 3 : 2) : m <= 10 ? 2 : 4, chunk = maxVecs * vw;
        // B stored transposed: op(B) packed into panels of one column block each (the packing's register
        // transposes; the last panel is zero-padded, which the masks then ignore). A single block needs no padding:
        // its panel is op(B) itself, n wide.
        T* panels = null;
        int panelWidth = Math.Min(chunk, n);
        if (b.ColStride != 1)
        {
            panels = PackBuffers.Current.B<T>((nint)k * ((n + panelWidth - 1) / panelWidth * panelWidth));
            Packing.PackB(b, 0, k, 0, n, panelWidth, panels);
        }
        for (int j = 0; j < n; j += chunk)
        {
            int cols = Math.Min(chunk, n - j);
            int vecs = (cols + vw - 1) / vw;
            T* bj = panels is null ? b.At(0, j) : panels + (nint)(j / chunk) * k * panelWidth;
            nint ldb = panels is null ? b.RowStride : panelWidth;
            int rowsPerBlock = !wide ? (vecs == 3 ? 4 : 6) : vecs <= 2 ? 10 : 5;
            // The valid lanes of the last vector (the mask is made in the kernel: a vector argument goes through memory).
            int valid = cols - (vecs - 1) * vw;
            for (int i = 0; i < m; i += rowsPerBlock)
            {
                int rows = Math.Min(rowsPerBlock, m - i);
                T* ai = a.At(i, 0), cij = c + (nint)i * n + j;
                if (!wide)
                {
                    if (vecs == 1) Rows256<T, Const1>(rows, k, ai, a.RowStride, a.ColStride, bj, ldb, cij, n, valid, accumulate);
                    else if (vecs == 2) Rows256<T, Const2>(rows, k, ai, a.RowStride, a.ColStride, bj, ldb, cij, n, valid, accumulate);
                    else Rows256<T, Const3>(rows, k, ai, a.RowStride, a.ColStride, bj, ldb, cij, n, valid, accumulate);
                    continue;
                }
                switch (vecs)
                {
                    case 1: Rows<T, Const1>(rows, k, ai, a.RowStride, a.ColStride, bj, ldb, cij, n, valid, accumulate); break;
                    case 2: Rows<T, Const2>(rows, k, ai, a.RowStride, a.ColStride, bj, ldb, cij, n, valid, accumulate); break;
                    case 3: Rows<T, Const3>(rows, k, ai, a.RowStride, a.ColStride, bj, ldb, cij, n, valid, accumulate); break;
                    default: Rows<T, Const4>(rows, k, ai, a.RowStride, a.ColStride, bj, ldb, cij, n, valid, accumulate); break;
                }
            }
        }
    }

    /// <summary>The fraction of vector lanes that <paramref name="x"/> columns fill.</summary>
    private static double Usage(int x, int vw) => (double)x / ((x + vw - 1) / vw * vw);

    /// <summary>All ones in the first <paramref name="valid"/> lanes, zero after.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> TailMask<T>(int valid)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            return Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(valid)).As<int, T>();
        return Vector512.LessThan(Vector512<long>.Indices, Vector512.Create((long)valid)).As<long, T>();
    }

    private static void Rows<T, TVecs>(int rows, int k, T* a, nint ars, nint acs, T* b, nint ldb, T* c, nint ldc, int valid, bool accumulate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVecs : struct, IConstant
    {
        switch (rows)
        {
            case 1: Block<T, Const1, TVecs>(k, a, ars, acs, b, ldb, c, ldc, valid, accumulate); break;
            case 2: Block<T, Const2, TVecs>(k, a, ars, acs, b, ldb, c, ldc, valid, accumulate); break;
            case 3: Block<T, Const3, TVecs>(k, a, ars, acs, b, ldb, c, ldc, valid, accumulate); break;
            case 4: Block<T, Const4, TVecs>(k, a, ars, acs, b, ldb, c, ldc, valid, accumulate); break;
            case 5: Block<T, Const5, TVecs>(k, a, ars, acs, b, ldb, c, ldc, valid, accumulate); break;
            case 6: Block<T, Const6, TVecs>(k, a, ars, acs, b, ldb, c, ldc, valid, accumulate); break;
            case 7: Block<T, Const7, TVecs>(k, a, ars, acs, b, ldb, c, ldc, valid, accumulate); break;
            case 8: Block<T, Const8, TVecs>(k, a, ars, acs, b, ldb, c, ldc, valid, accumulate); break;
            case 9: Block<T, Const9, TVecs>(k, a, ars, acs, b, ldb, c, ldc, valid, accumulate); break;
            case 10: Block<T, Const10, TVecs>(k, a, ars, acs, b, ldb, c, ldc, valid, accumulate); break;
        }
    }

    // generated by generate_kernels.py: edit the script, not this method
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block<T, TRows, TVecs>(int k, T* a, nint ars, nint acs, T* b, nint ldb, T* c, nint ldc, int valid, bool accumulate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TRows : struct, IConstant
        where TVecs : struct, IConstant
    {
        int vw = Vector512<T>.Count;
        var mask = TailMask<T>(valid);
        Vector512<T> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default, c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default, c40 = default, c41 = default, c42 = default, c43 = default, c50 = default, c51 = default, c52 = default, c53 = default, c60 = default, c61 = default, c62 = default, c63 = default, c70 = default, c71 = default, c72 = default, c73 = default, c80 = default, c81 = default, c82 = default, c83 = default, c90 = default, c91 = default, c92 = default, c93 = default;
        T* a0 = a, a1 = a + 1 * ars, a2 = a + 2 * ars, a3 = a + 3 * ars, a4 = a + 4 * ars, a5 = a + 5 * ars, a6 = a + 6 * ars, a7 = a + 7 * ars, a8 = a + 8 * ars, a9 = a + 9 * ars;
        nint off = 0;
        for (int p = 0; p < k; p++, off += acs, b += ldb)
        {
            var b0 = (TVecs.Value == 1 ? MaskLoad(b + 0 * vw, mask) : Vector512.Load(b + 0 * vw));
            var b1 = TVecs.Value > 1 ? (TVecs.Value == 2 ? MaskLoad(b + 1 * vw, mask) : Vector512.Load(b + 1 * vw)) : default;
            var b2 = TVecs.Value > 2 ? (TVecs.Value == 3 ? MaskLoad(b + 2 * vw, mask) : Vector512.Load(b + 2 * vw)) : default;
            var b3 = TVecs.Value > 3 ? (TVecs.Value == 4 ? MaskLoad(b + 3 * vw, mask) : Vector512.Load(b + 3 * vw)) : default;
            if (TRows.Value > 0)
            {
                var x = Vector512.Create(a0[off]);
                c00 = Fma(x, b0, c00);
                if (TVecs.Value > 1) c01 = Fma(x, b1, c01);
                if (TVecs.Value > 2) c02 = Fma(x, b2, c02);
                if (TVecs.Value > 3) c03 = Fma(x, b3, c03);
            }
            if (TRows.Value > 1)
            {
                var x = Vector512.Create(a1[off]);
                c10 = Fma(x, b0, c10);
                if (TVecs.Value > 1) c11 = Fma(x, b1, c11);
                if (TVecs.Value > 2) c12 = Fma(x, b2, c12);
                if (TVecs.Value > 3) c13 = Fma(x, b3, c13);
            }
            if (TRows.Value > 2)
            {
                var x = Vector512.Create(a2[off]);
                c20 = Fma(x, b0, c20);
                if (TVecs.Value > 1) c21 = Fma(x, b1, c21);
                if (TVecs.Value > 2) c22 = Fma(x, b2, c22);
                if (TVecs.Value > 3) c23 = Fma(x, b3, c23);
            }
            if (TRows.Value > 3)
            {
                var x = Vector512.Create(a3[off]);
                c30 = Fma(x, b0, c30);
                if (TVecs.Value > 1) c31 = Fma(x, b1, c31);
                if (TVecs.Value > 2) c32 = Fma(x, b2, c32);
                if (TVecs.Value > 3) c33 = Fma(x, b3, c33);
            }
            if (TRows.Value > 4)
            {
                var x = Vector512.Create(a4[off]);
                c40 = Fma(x, b0, c40);
                if (TVecs.Value > 1) c41 = Fma(x, b1, c41);
                if (TVecs.Value > 2) c42 = Fma(x, b2, c42);
                if (TVecs.Value > 3) c43 = Fma(x, b3, c43);
            }
            if (TRows.Value > 5)
            {
                var x = Vector512.Create(a5[off]);
                c50 = Fma(x, b0, c50);
                if (TVecs.Value > 1) c51 = Fma(x, b1, c51);
                if (TVecs.Value > 2) c52 = Fma(x, b2, c52);
                if (TVecs.Value > 3) c53 = Fma(x, b3, c53);
            }
            if (TRows.Value > 6)
            {
                var x = Vector512.Create(a6[off]);
                c60 = Fma(x, b0, c60);
                if (TVecs.Value > 1) c61 = Fma(x, b1, c61);
                if (TVecs.Value > 2) c62 = Fma(x, b2, c62);
                if (TVecs.Value > 3) c63 = Fma(x, b3, c63);
            }
            if (TRows.Value > 7)
            {
                var x = Vector512.Create(a7[off]);
                c70 = Fma(x, b0, c70);
                if (TVecs.Value > 1) c71 = Fma(x, b1, c71);
                if (TVecs.Value > 2) c72 = Fma(x, b2, c72);
                if (TVecs.Value > 3) c73 = Fma(x, b3, c73);
            }
            if (TRows.Value > 8)
            {
                var x = Vector512.Create(a8[off]);
                c80 = Fma(x, b0, c80);
                if (TVecs.Value > 1) c81 = Fma(x, b1, c81);
                if (TVecs.Value > 2) c82 = Fma(x, b2, c82);
                if (TVecs.Value > 3) c83 = Fma(x, b3, c83);
            }
            if (TRows.Value > 9)
            {
                var x = Vector512.Create(a9[off]);
                c90 = Fma(x, b0, c90);
                if (TVecs.Value > 1) c91 = Fma(x, b1, c91);
                if (TVecs.Value > 2) c92 = Fma(x, b2, c92);
                if (TVecs.Value > 3) c93 = Fma(x, b3, c93);
            }
        }
        if (TRows.Value > 0) Put<T, TVecs>(c + 0 * ldc, mask, accumulate, c00, c01, c02, c03);
        if (TRows.Value > 1) Put<T, TVecs>(c + 1 * ldc, mask, accumulate, c10, c11, c12, c13);
        if (TRows.Value > 2) Put<T, TVecs>(c + 2 * ldc, mask, accumulate, c20, c21, c22, c23);
        if (TRows.Value > 3) Put<T, TVecs>(c + 3 * ldc, mask, accumulate, c30, c31, c32, c33);
        if (TRows.Value > 4) Put<T, TVecs>(c + 4 * ldc, mask, accumulate, c40, c41, c42, c43);
        if (TRows.Value > 5) Put<T, TVecs>(c + 5 * ldc, mask, accumulate, c50, c51, c52, c53);
        if (TRows.Value > 6) Put<T, TVecs>(c + 6 * ldc, mask, accumulate, c60, c61, c62, c63);
        if (TRows.Value > 7) Put<T, TVecs>(c + 7 * ldc, mask, accumulate, c70, c71, c72, c73);
        if (TRows.Value > 8) Put<T, TVecs>(c + 8 * ldc, mask, accumulate, c80, c81, c82, c83);
        if (TRows.Value > 9) Put<T, TVecs>(c + 9 * ldc, mask, accumulate, c90, c91, c92, c93);
    }
    // end of generated code

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<T, TVecs>(T* c, Vector512<T> mask, bool accumulate, Vector512<T> v0, Vector512<T> v1, Vector512<T> v2, Vector512<T> v3)
        where T : unmanaged
        where TVecs : struct, IConstant
    {
        int vw = Vector512<T>.Count;
        if (accumulate)
        {
            // C + sum, C first: the bits of TensorPrimitives.Add(C, product), which a scratch product would take.
            v0 = (TVecs.Value == 1 ? MaskLoad(c, mask) : Vector512.Load(c)) + v0;
            if (TVecs.Value > 1) v1 = (TVecs.Value == 2 ? MaskLoad(c + vw, mask) : Vector512.Load(c + vw)) + v1;
            if (TVecs.Value > 2) v2 = (TVecs.Value == 3 ? MaskLoad(c + 2 * vw, mask) : Vector512.Load(c + 2 * vw)) + v2;
            if (TVecs.Value > 3) v3 = MaskLoad(c + 3 * vw, mask) + v3;
        }
        if (TVecs.Value == 1) MaskStore(c, mask, v0);
        else v0.Store(c);
        if (TVecs.Value == 2) MaskStore(c + vw, mask, v1);
        else if (TVecs.Value > 2) v1.Store(c + vw);
        if (TVecs.Value == 3) MaskStore(c + 2 * vw, mask, v2);
        else if (TVecs.Value > 3) v2.Store(c + 2 * vw);
        if (TVecs.Value == 4) MaskStore(c + 3 * vw, mask, v3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> MaskLoad<T>(T* p, Vector512<T> mask)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            return Avx512F.MaskLoad((float*)p, mask.AsSingle(), Vector512<float>.Zero).As<float, T>();
        return Avx512F.MaskLoad((double*)p, mask.AsDouble(), Vector512<double>.Zero).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void MaskStore<T>(T* p, Vector512<T> mask, Vector512<T> v)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            Avx512F.MaskStore((float*)p, mask.AsSingle(), v.AsSingle());
        else
            Avx512F.MaskStore((double*)p, mask.AsDouble(), v.AsDouble());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> z)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        return Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
    }

    private static void Rows256<T, TVecs>(int rows, int k, T* a, nint ars, nint acs, T* b, nint ldb, T* c, nint ldc, int valid, bool accumulate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVecs : struct, IConstant
    {
        switch (rows)
        {
            case 1: Block256<T, Const1, TVecs>(k, a, ars, acs, b, ldb, c, ldc, valid, accumulate); break;
            case 2: Block256<T, Const2, TVecs>(k, a, ars, acs, b, ldb, c, ldc, valid, accumulate); break;
            case 3: Block256<T, Const3, TVecs>(k, a, ars, acs, b, ldb, c, ldc, valid, accumulate); break;
            case 4: Block256<T, Const4, TVecs>(k, a, ars, acs, b, ldb, c, ldc, valid, accumulate); break;
            case 5: Block256<T, Const5, TVecs>(k, a, ars, acs, b, ldb, c, ldc, valid, accumulate); break;
            case 6: Block256<T, Const6, TVecs>(k, a, ars, acs, b, ldb, c, ldc, valid, accumulate); break;
        }
    }

    // generated by generate_kernels.py: edit the script, not this method
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block256<T, TRows, TVecs>(int k, T* a, nint ars, nint acs, T* b, nint ldb, T* c, nint ldc, int valid, bool accumulate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TRows : struct, IConstant
        where TVecs : struct, IConstant
    {
        int vw = Vector256<T>.Count;
        var mask = TailMask256<T>(valid);
        Vector256<T> c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default, c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default, c40 = default, c41 = default, c42 = default, c50 = default, c51 = default, c52 = default;
        T* a0 = a, a1 = a + 1 * ars, a2 = a + 2 * ars, a3 = a + 3 * ars, a4 = a + 4 * ars, a5 = a + 5 * ars;
        nint off = 0;
        for (int p = 0; p < k; p++, off += acs, b += ldb)
        {
            var b0 = (TVecs.Value == 1 ? MaskLoad256(b + 0 * vw, mask) : Vector256.Load(b + 0 * vw));
            var b1 = TVecs.Value > 1 ? (TVecs.Value == 2 ? MaskLoad256(b + 1 * vw, mask) : Vector256.Load(b + 1 * vw)) : default;
            var b2 = TVecs.Value > 2 ? (TVecs.Value == 3 ? MaskLoad256(b + 2 * vw, mask) : Vector256.Load(b + 2 * vw)) : default;
            if (TRows.Value > 0)
            {
                var x = Vector256.Create(a0[off]);
                c00 = Fma256(x, b0, c00);
                if (TVecs.Value > 1) c01 = Fma256(x, b1, c01);
                if (TVecs.Value > 2) c02 = Fma256(x, b2, c02);
            }
            if (TRows.Value > 1)
            {
                var x = Vector256.Create(a1[off]);
                c10 = Fma256(x, b0, c10);
                if (TVecs.Value > 1) c11 = Fma256(x, b1, c11);
                if (TVecs.Value > 2) c12 = Fma256(x, b2, c12);
            }
            if (TRows.Value > 2)
            {
                var x = Vector256.Create(a2[off]);
                c20 = Fma256(x, b0, c20);
                if (TVecs.Value > 1) c21 = Fma256(x, b1, c21);
                if (TVecs.Value > 2) c22 = Fma256(x, b2, c22);
            }
            if (TRows.Value > 3)
            {
                var x = Vector256.Create(a3[off]);
                c30 = Fma256(x, b0, c30);
                if (TVecs.Value > 1) c31 = Fma256(x, b1, c31);
                if (TVecs.Value > 2) c32 = Fma256(x, b2, c32);
            }
            if (TRows.Value > 4)
            {
                var x = Vector256.Create(a4[off]);
                c40 = Fma256(x, b0, c40);
                if (TVecs.Value > 1) c41 = Fma256(x, b1, c41);
                if (TVecs.Value > 2) c42 = Fma256(x, b2, c42);
            }
            if (TRows.Value > 5)
            {
                var x = Vector256.Create(a5[off]);
                c50 = Fma256(x, b0, c50);
                if (TVecs.Value > 1) c51 = Fma256(x, b1, c51);
                if (TVecs.Value > 2) c52 = Fma256(x, b2, c52);
            }
        }
        if (TRows.Value > 0) Put256<T, TVecs>(c + 0 * ldc, mask, valid, accumulate, c00, c01, c02);
        if (TRows.Value > 1) Put256<T, TVecs>(c + 1 * ldc, mask, valid, accumulate, c10, c11, c12);
        if (TRows.Value > 2) Put256<T, TVecs>(c + 2 * ldc, mask, valid, accumulate, c20, c21, c22);
        if (TRows.Value > 3) Put256<T, TVecs>(c + 3 * ldc, mask, valid, accumulate, c30, c31, c32);
        if (TRows.Value > 4) Put256<T, TVecs>(c + 4 * ldc, mask, valid, accumulate, c40, c41, c42);
        if (TRows.Value > 5) Put256<T, TVecs>(c + 5 * ldc, mask, valid, accumulate, c50, c51, c52);
    }
    // end of generated code

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put256<T, TVecs>(T* c, Vector256<T> mask, int valid, bool accumulate, Vector256<T> v0, Vector256<T> v1, Vector256<T> v2)
        where T : unmanaged
        where TVecs : struct, IConstant
    {
        int vw = Vector256<T>.Count;
        if (accumulate)
        {
            // C + sum, C first, as in Put.
            v0 = (TVecs.Value == 1 ? MaskLoad256(c, mask) : Vector256.Load(c)) + v0;
            if (TVecs.Value > 1) v1 = (TVecs.Value == 2 ? MaskLoad256(c + vw, mask) : Vector256.Load(c + vw)) + v1;
            if (TVecs.Value > 2) v2 = MaskLoad256(c + 2 * vw, mask) + v2;
        }
        if (TVecs.Value == 1) StoreFirst256(c, valid, v0);
        else v0.Store(c);
        if (TVecs.Value == 2) StoreFirst256(c + vw, valid, v1);
        else if (TVecs.Value > 2) v1.Store(c + vw);
        if (TVecs.Value == 3) StoreFirst256(c + 2 * vw, valid, v2);
    }

    /// <summary>All ones in the first <paramref name="valid"/> lanes (none when it is 0 or less), zero after.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<T> TailMask256<T>(int valid)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            return Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(valid)).As<int, T>();
        return Vector256.LessThan(Vector256<long>.Indices, Vector256.Create((long)valid)).As<long, T>();
    }

    /// <summary>AVX's masked load: lanes outside the mask read as zero and are not touched in memory (no fault).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<T> MaskLoad256<T>(T* p, Vector256<T> mask)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            return Avx.MaskLoad((float*)p, mask.AsSingle()).As<float, T>();
        return Avx.MaskLoad((double*)p, mask.AsDouble()).As<double, T>();
    }

    /// <summary>
    /// Stores the first <paramref name="valid"/> lanes of <paramref name="v"/> (all of them from
    /// <c>Vector256&lt;T&gt;.Count</c> on, none from 0 down) and leaves the memory after them alone.
    /// </summary>
    /// <remarks>
    /// In plain stores of 16, 8 and 4 bytes, not AVX's masked store, which AMD's Zen cores run as a long sequence of
    /// µops: on this project's Zen 3 the tutorial's tiny products, whose 18-, 4- and 1-wide rows each end in one, took
    /// 20–30 ns a call longer with it (docs/speed.md). The branches test bits of <paramref name="valid"/>, which is
    /// the same for every row of a call.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void StoreFirst256<T>(T* p, int valid, Vector256<T> v)
        where T : unmanaged
    {
        int bytes = valid * sizeof(T);
        if (bytes >= 32)
        {
            v.Store(p);
            return;
        }
        if (bytes <= 0) return;
        byte* d = (byte*)p;
        var part = v.AsByte().GetLower();
        if ((bytes & 16) != 0)
        {
            part.Store(d);
            d += 16;
            part = v.AsByte().GetUpper();
        }
        if ((bytes & 8) != 0)
        {
            Unsafe.WriteUnaligned(d, part.AsUInt64().ToScalar());
            d += 8;
            part = Vector128.Shuffle(part.AsUInt64(), Vector128.Create(1ul, 0ul)).AsByte();
        }
        if ((bytes & 4) != 0) Unsafe.WriteUnaligned(d, part.AsUInt32().ToScalar());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<T> Fma256<T>(Vector256<T> x, Vector256<T> y, Vector256<T> z)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        return Vector256.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
    }
}
