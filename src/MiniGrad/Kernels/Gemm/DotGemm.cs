// The register block must be plain locals for the JIT to keep it in registers, so the block kernel is unrolled by hand
// for its largest size (5 rows of A x 4 rows of B) and every smaller size is the same code with the unused rows
// removed by the JIT: TRows and TCols are constants, so each `if` below folds away. Written out by a short script:
// change the pattern everywhere.
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MiniGrad.Kernels.Gemm;

/// <summary>
/// <c>C = A · op(B)</c> with A stored along k when C is narrow or short (the 10 outputs of a last layer): every element
/// of C is a dot product of a row of A and a column of op(B). For <c>A · Bᵀ</c> (a Linear forward, <c>x Wᵀ</c>) both
/// are contiguous rows and nothing is packed; otherwise op(B)'s few columns are first copied into rows. A block of 5
/// rows of A by 4 columns of op(B) keeps 20 vector partial sums in registers over the whole k loop, loading each row
/// slice once per k step; the last k step loads under a mask, and the four partial sums of a row of the block are then
/// reduced across their lanes together (one transposing tree of adds and shuffles).
/// </summary>
/// <remarks>
/// Every element of C is computed by the same operations (lane-wise chains of fused multiply-adds in k order, then
/// the same lane reduction, whose tree treats the four sums alike) whatever block it falls in, so the result does not
/// depend on the blocking.
/// </remarks>
[SkipLocalsInit]
internal static unsafe class DotGemm
{
    /// <summary>True when this path can take the product: Vector512 hardware and op(A)'s rows contiguous.</summary>
    public static bool Supports<T>(StridedMatrix<T> a)
        where T : unmanaged => Vector512.IsHardwareAccelerated && a.ColStride == 1;

    /// <summary><c>C[m, n] = op(A) · op(B)</c>; requires <see cref="Supports{T}"/>, <c>k &gt; 0</c>, <c>m, n &gt; 0</c>.</summary>
    public static void Run<T>(int m, int n, int k, StridedMatrix<T> a, StridedMatrix<T> b, T* c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int vw = Vector512<T>.Count;
        if (b.RowStride != 1)
        {
            // B not stored transposed: op(B)'s columns copied into rows first (k·n values, a narrow C's few).
            T* bt = PackBuffers.Current.B<T>((nint)n * k);
            Packing.PackPanel(b, 0, k, 0, n, k, bt);
            b = new StridedMatrix<T>(bt, 1, k);
        }
        // Whole vectors first, then one last step (1 to vw values) under a mask.
        int kMain = (k - 1) / vw * vw;
        // The valid lanes of that step (the mask is made in the kernel: a vector argument goes through memory).
        int valid = k - kMain;
        nint lda = a.RowStride, ldb = b.ColStride;
        for (int i = 0; i < m; i += 5)
        {
            int rows = Math.Min(5, m - i);
            for (int j = 0; j < n; j += 4)
            {
                int cols = Math.Min(4, n - j);
                T* ai = a.At(i, 0), bj = b.At(0, j), cij = c + (nint)i * n + j;
                switch (rows)
                {
                    case 1: Cols<T, Const1>(cols, kMain, ai, lda, bj, ldb, cij, n, valid); break;
                    case 2: Cols<T, Const2>(cols, kMain, ai, lda, bj, ldb, cij, n, valid); break;
                    case 3: Cols<T, Const3>(cols, kMain, ai, lda, bj, ldb, cij, n, valid); break;
                    case 4: Cols<T, Const4>(cols, kMain, ai, lda, bj, ldb, cij, n, valid); break;
                    default: Cols<T, Const5>(cols, kMain, ai, lda, bj, ldb, cij, n, valid); break;
                }
            }
        }
    }

    private static void Cols<T, TRows>(int cols, int kMain, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, int valid)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TRows : struct, IConstant
    {
        switch (cols)
        {
            case 1: Block<T, TRows, Const1>(kMain, a, lda, b, ldb, c, ldc, valid); break;
            case 2: Block<T, TRows, Const2>(kMain, a, lda, b, ldb, c, ldc, valid); break;
            case 3: Block<T, TRows, Const3>(kMain, a, lda, b, ldb, c, ldc, valid); break;
            default: Block<T, TRows, Const4>(kMain, a, lda, b, ldb, c, ldc, valid); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block<T, TRows, TCols>(int kMain, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, int valid)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TRows : struct, IConstant
        where TCols : struct, IConstant
    {
        int vw = Vector512<T>.Count;
        var mask = RowGemm.TailMask<T>(valid);
        Vector512<T> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default, c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default, c40 = default, c41 = default, c42 = default, c43 = default;
        T* a0 = a, a1 = a + 1 * lda, a2 = a + 2 * lda, a3 = a + 3 * lda, a4 = a + 4 * lda;
        T* b0 = b, b1 = b + 1 * ldb, b2 = b + 2 * ldb, b3 = b + 3 * ldb;
        nint p = 0;
        for (; p < kMain; p += vw)
        {
            var x0 = Vector512.Load(a0 + p);
            var x1 = TRows.Value > 1 ? Vector512.Load(a1 + p) : default;
            var x2 = TRows.Value > 2 ? Vector512.Load(a2 + p) : default;
            var x3 = TRows.Value > 3 ? Vector512.Load(a3 + p) : default;
            var x4 = TRows.Value > 4 ? Vector512.Load(a4 + p) : default;
            {
                var y = Vector512.Load(b0 + p);
                c00 = RowGemm.Fma(x0, y, c00);
                if (TRows.Value > 1) c10 = RowGemm.Fma(x1, y, c10);
                if (TRows.Value > 2) c20 = RowGemm.Fma(x2, y, c20);
                if (TRows.Value > 3) c30 = RowGemm.Fma(x3, y, c30);
                if (TRows.Value > 4) c40 = RowGemm.Fma(x4, y, c40);
            }
            if (TCols.Value > 1)
            {
                var y = Vector512.Load(b1 + p);
                c01 = RowGemm.Fma(x0, y, c01);
                if (TRows.Value > 1) c11 = RowGemm.Fma(x1, y, c11);
                if (TRows.Value > 2) c21 = RowGemm.Fma(x2, y, c21);
                if (TRows.Value > 3) c31 = RowGemm.Fma(x3, y, c31);
                if (TRows.Value > 4) c41 = RowGemm.Fma(x4, y, c41);
            }
            if (TCols.Value > 2)
            {
                var y = Vector512.Load(b2 + p);
                c02 = RowGemm.Fma(x0, y, c02);
                if (TRows.Value > 1) c12 = RowGemm.Fma(x1, y, c12);
                if (TRows.Value > 2) c22 = RowGemm.Fma(x2, y, c22);
                if (TRows.Value > 3) c32 = RowGemm.Fma(x3, y, c32);
                if (TRows.Value > 4) c42 = RowGemm.Fma(x4, y, c42);
            }
            if (TCols.Value > 3)
            {
                var y = Vector512.Load(b3 + p);
                c03 = RowGemm.Fma(x0, y, c03);
                if (TRows.Value > 1) c13 = RowGemm.Fma(x1, y, c13);
                if (TRows.Value > 2) c23 = RowGemm.Fma(x2, y, c23);
                if (TRows.Value > 3) c33 = RowGemm.Fma(x3, y, c33);
                if (TRows.Value > 4) c43 = RowGemm.Fma(x4, y, c43);
            }
        }
        {
            var x0 = RowGemm.MaskLoad(a0 + p, mask);
            var x1 = TRows.Value > 1 ? RowGemm.MaskLoad(a1 + p, mask) : default;
            var x2 = TRows.Value > 2 ? RowGemm.MaskLoad(a2 + p, mask) : default;
            var x3 = TRows.Value > 3 ? RowGemm.MaskLoad(a3 + p, mask) : default;
            var x4 = TRows.Value > 4 ? RowGemm.MaskLoad(a4 + p, mask) : default;
            {
                var y = RowGemm.MaskLoad(b0 + p, mask);
                c00 = RowGemm.Fma(x0, y, c00);
                if (TRows.Value > 1) c10 = RowGemm.Fma(x1, y, c10);
                if (TRows.Value > 2) c20 = RowGemm.Fma(x2, y, c20);
                if (TRows.Value > 3) c30 = RowGemm.Fma(x3, y, c30);
                if (TRows.Value > 4) c40 = RowGemm.Fma(x4, y, c40);
            }
            if (TCols.Value > 1)
            {
                var y = RowGemm.MaskLoad(b1 + p, mask);
                c01 = RowGemm.Fma(x0, y, c01);
                if (TRows.Value > 1) c11 = RowGemm.Fma(x1, y, c11);
                if (TRows.Value > 2) c21 = RowGemm.Fma(x2, y, c21);
                if (TRows.Value > 3) c31 = RowGemm.Fma(x3, y, c31);
                if (TRows.Value > 4) c41 = RowGemm.Fma(x4, y, c41);
            }
            if (TCols.Value > 2)
            {
                var y = RowGemm.MaskLoad(b2 + p, mask);
                c02 = RowGemm.Fma(x0, y, c02);
                if (TRows.Value > 1) c12 = RowGemm.Fma(x1, y, c12);
                if (TRows.Value > 2) c22 = RowGemm.Fma(x2, y, c22);
                if (TRows.Value > 3) c32 = RowGemm.Fma(x3, y, c32);
                if (TRows.Value > 4) c42 = RowGemm.Fma(x4, y, c42);
            }
            if (TCols.Value > 3)
            {
                var y = RowGemm.MaskLoad(b3 + p, mask);
                c03 = RowGemm.Fma(x0, y, c03);
                if (TRows.Value > 1) c13 = RowGemm.Fma(x1, y, c13);
                if (TRows.Value > 2) c23 = RowGemm.Fma(x2, y, c23);
                if (TRows.Value > 3) c33 = RowGemm.Fma(x3, y, c33);
                if (TRows.Value > 4) c43 = RowGemm.Fma(x4, y, c43);
            }
        }
        if (TRows.Value > 0) Put<T, TCols>(c + 0 * ldc, c00, c01, c02, c03);
        if (TRows.Value > 1) Put<T, TCols>(c + 1 * ldc, c10, c11, c12, c13);
        if (TRows.Value > 2) Put<T, TCols>(c + 2 * ldc, c20, c21, c22, c23);
        if (TRows.Value > 3) Put<T, TCols>(c + 3 * ldc, c30, c31, c32, c33);
        if (TRows.Value > 4) Put<T, TCols>(c + 4 * ldc, c40, c41, c42, c43);
    }

    /// <summary>
    /// Stores the lane sums of the first TCols of <paramref name="v0"/>..<paramref name="v3"/> at <c>c[0..TCols)</c>:
    /// halves added, then pairs of lanes by horizontal adds that interleave the four sums, so that each sum takes the
    /// same tree of adds whichever of the four it is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<T, TCols>(T* c, Vector512<T> v0, Vector512<T> v1, Vector512<T> v2, Vector512<T> v3)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TCols : struct, IConstant
    {
        if (typeof(T) == typeof(float))
        {
            var s0 = v0.AsSingle().GetLower() + v0.AsSingle().GetUpper();
            var s1 = v1.AsSingle().GetLower() + v1.AsSingle().GetUpper();
            var s2 = v2.AsSingle().GetLower() + v2.AsSingle().GetUpper();
            var s3 = v3.AsSingle().GetLower() + v3.AsSingle().GetUpper();
            // [s0 01, s0 23, s1 01, s1 23 | s0 45, s0 67, s1 45, s1 67], then the same for four-lane groups.
            var h = Avx.HorizontalAdd(Avx.HorizontalAdd(s0, s1), Avx.HorizontalAdd(s2, s3));
            var sums = h.GetLower() + h.GetUpper();
            float* cf = (float*)c;
            if (TCols.Value == 4)
            {
                sums.Store(cf);
                return;
            }
            cf[0] = sums.ToScalar();
            if (TCols.Value > 1) cf[1] = sums.GetElement(1);
            if (TCols.Value > 2) cf[2] = sums.GetElement(2);
        }
        else
        {
            var s0 = v0.AsDouble().GetLower() + v0.AsDouble().GetUpper();
            var s1 = v1.AsDouble().GetLower() + v1.AsDouble().GetUpper();
            var s2 = v2.AsDouble().GetLower() + v2.AsDouble().GetUpper();
            var s3 = v3.AsDouble().GetLower() + v3.AsDouble().GetUpper();
            // [s0 01, s1 01, s0 23, s1 23] and [s2 01, s3 01, s2 23, s3 23]: add the 128-bit halves across them.
            var h01 = Avx.HorizontalAdd(s0, s1);
            var h23 = Avx.HorizontalAdd(s2, s3);
            var sums = Avx.Permute2x128(h01, h23, 0x20) + Avx.Permute2x128(h01, h23, 0x31);
            double* cd = (double*)c;
            if (TCols.Value == 4)
            {
                sums.Store(cd);
                return;
            }
            cd[0] = sums.ToScalar();
            if (TCols.Value > 1) cd[1] = sums.GetElement(1);
            if (TCols.Value > 2) cd[2] = sums.GetElement(2);
        }
    }
}
