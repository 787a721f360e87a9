// The register block must be plain locals for the JIT to keep it in registers, so the block kernel is unrolled by hand
// for its largest size (4 rows of A x 5 rows of B) and every smaller size is the same code with the unused rows
// removed by the JIT: TRows and TCols are constants, so each `if` below folds away. Written out by a short script:
// change the pattern everywhere.
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MiniGrad.Kernels.Gemm;

/// <summary>
/// <c>C = A · Bᵀ</c> with both operands stored along k (a Linear forward, <c>x Wᵀ</c>) when C is narrow or short (the
/// 10 outputs of a last layer): every element of C is a dot product of two contiguous rows, so nothing is packed or
/// transposed. A block of 4 rows of A by 5 rows of B keeps 20 vector partial sums in registers over the whole k
/// loop, loading each row slice once per k step; the last k step loads under a mask, and each partial sum is then
/// reduced across its lanes.
/// </summary>
/// <remarks>
/// Every element of C is computed by the same operations (lane-wise chains of fused multiply-adds in k order, then
/// the same lane reduction) whatever block it falls in, so the result does not depend on the blocking.
/// </remarks>
[SkipLocalsInit]
internal static unsafe class DotGemm
{
    /// <summary>True when this path can take the product: Vector512 hardware, op(A)'s rows and op(B)'s columns contiguous.</summary>
    public static bool Supports<T>(StridedMatrix<T> a, StridedMatrix<T> b)
        where T : unmanaged => Vector512.IsHardwareAccelerated && a.ColStride == 1 && b.RowStride == 1;

    /// <summary><c>C[m, n] = op(A) · op(B)</c>; requires <see cref="Supports{T}"/>, <c>k &gt; 0</c>, <c>m, n &gt; 0</c>.</summary>
    public static void Run<T>(int m, int n, int k, StridedMatrix<T> a, StridedMatrix<T> b, T* c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int vw = Vector512<T>.Count;
        // Whole vectors first, then one last step (1 to vw values) under a mask.
        int kMain = (k - 1) / vw * vw;
        var mask = RowGemm.TailMask<T>(k - kMain);
        nint lda = a.RowStride, ldb = b.ColStride;
        for (int i = 0; i < m; i += 4)
        {
            int rows = Math.Min(4, m - i);
            for (int j = 0; j < n; j += 5)
            {
                int cols = Math.Min(5, n - j);
                T* ai = a.At(i, 0), bj = b.At(0, j), cij = c + (nint)i * n + j;
                switch (rows)
                {
                    case 1: Cols<T, Const1>(cols, kMain, ai, lda, bj, ldb, cij, n, mask); break;
                    case 2: Cols<T, Const2>(cols, kMain, ai, lda, bj, ldb, cij, n, mask); break;
                    case 3: Cols<T, Const3>(cols, kMain, ai, lda, bj, ldb, cij, n, mask); break;
                    default: Cols<T, Const4>(cols, kMain, ai, lda, bj, ldb, cij, n, mask); break;
                }
            }
        }
    }

    private static void Cols<T, TRows>(int cols, int kMain, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, Vector512<T> mask)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TRows : struct, IConstant
    {
        switch (cols)
        {
            case 1: Block<T, TRows, Const1>(kMain, a, lda, b, ldb, c, ldc, mask); break;
            case 2: Block<T, TRows, Const2>(kMain, a, lda, b, ldb, c, ldc, mask); break;
            case 3: Block<T, TRows, Const3>(kMain, a, lda, b, ldb, c, ldc, mask); break;
            case 4: Block<T, TRows, Const4>(kMain, a, lda, b, ldb, c, ldc, mask); break;
            default: Block<T, TRows, Const5>(kMain, a, lda, b, ldb, c, ldc, mask); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block<T, TRows, TCols>(int kMain, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, Vector512<T> mask)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TRows : struct, IConstant
        where TCols : struct, IConstant
    {
        int vw = Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default, c02 = default, c03 = default, c04 = default, c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c20 = default, c21 = default, c22 = default, c23 = default, c24 = default, c30 = default, c31 = default, c32 = default, c33 = default, c34 = default;
        T* a0 = a, a1 = a + 1 * lda, a2 = a + 2 * lda, a3 = a + 3 * lda;
        T* b0 = b, b1 = b + 1 * ldb, b2 = b + 2 * ldb, b3 = b + 3 * ldb, b4 = b + 4 * ldb;
        nint p = 0;
        for (; p < kMain; p += vw)
        {
            var x0 = Vector512.Load(a0 + p);
            var x1 = TRows.Value > 1 ? Vector512.Load(a1 + p) : default;
            var x2 = TRows.Value > 2 ? Vector512.Load(a2 + p) : default;
            var x3 = TRows.Value > 3 ? Vector512.Load(a3 + p) : default;
            {
                var y = Vector512.Load(b0 + p);
                c00 = RowGemm.Fma(x0, y, c00);
                if (TRows.Value > 1) c10 = RowGemm.Fma(x1, y, c10);
                if (TRows.Value > 2) c20 = RowGemm.Fma(x2, y, c20);
                if (TRows.Value > 3) c30 = RowGemm.Fma(x3, y, c30);
            }
            if (TCols.Value > 1)
            {
                var y = Vector512.Load(b1 + p);
                c01 = RowGemm.Fma(x0, y, c01);
                if (TRows.Value > 1) c11 = RowGemm.Fma(x1, y, c11);
                if (TRows.Value > 2) c21 = RowGemm.Fma(x2, y, c21);
                if (TRows.Value > 3) c31 = RowGemm.Fma(x3, y, c31);
            }
            if (TCols.Value > 2)
            {
                var y = Vector512.Load(b2 + p);
                c02 = RowGemm.Fma(x0, y, c02);
                if (TRows.Value > 1) c12 = RowGemm.Fma(x1, y, c12);
                if (TRows.Value > 2) c22 = RowGemm.Fma(x2, y, c22);
                if (TRows.Value > 3) c32 = RowGemm.Fma(x3, y, c32);
            }
            if (TCols.Value > 3)
            {
                var y = Vector512.Load(b3 + p);
                c03 = RowGemm.Fma(x0, y, c03);
                if (TRows.Value > 1) c13 = RowGemm.Fma(x1, y, c13);
                if (TRows.Value > 2) c23 = RowGemm.Fma(x2, y, c23);
                if (TRows.Value > 3) c33 = RowGemm.Fma(x3, y, c33);
            }
            if (TCols.Value > 4)
            {
                var y = Vector512.Load(b4 + p);
                c04 = RowGemm.Fma(x0, y, c04);
                if (TRows.Value > 1) c14 = RowGemm.Fma(x1, y, c14);
                if (TRows.Value > 2) c24 = RowGemm.Fma(x2, y, c24);
                if (TRows.Value > 3) c34 = RowGemm.Fma(x3, y, c34);
            }
        }
        {
            var x0 = RowGemm.MaskLoad(a0 + p, mask);
            var x1 = TRows.Value > 1 ? RowGemm.MaskLoad(a1 + p, mask) : default;
            var x2 = TRows.Value > 2 ? RowGemm.MaskLoad(a2 + p, mask) : default;
            var x3 = TRows.Value > 3 ? RowGemm.MaskLoad(a3 + p, mask) : default;
            {
                var y = RowGemm.MaskLoad(b0 + p, mask);
                c00 = RowGemm.Fma(x0, y, c00);
                if (TRows.Value > 1) c10 = RowGemm.Fma(x1, y, c10);
                if (TRows.Value > 2) c20 = RowGemm.Fma(x2, y, c20);
                if (TRows.Value > 3) c30 = RowGemm.Fma(x3, y, c30);
            }
            if (TCols.Value > 1)
            {
                var y = RowGemm.MaskLoad(b1 + p, mask);
                c01 = RowGemm.Fma(x0, y, c01);
                if (TRows.Value > 1) c11 = RowGemm.Fma(x1, y, c11);
                if (TRows.Value > 2) c21 = RowGemm.Fma(x2, y, c21);
                if (TRows.Value > 3) c31 = RowGemm.Fma(x3, y, c31);
            }
            if (TCols.Value > 2)
            {
                var y = RowGemm.MaskLoad(b2 + p, mask);
                c02 = RowGemm.Fma(x0, y, c02);
                if (TRows.Value > 1) c12 = RowGemm.Fma(x1, y, c12);
                if (TRows.Value > 2) c22 = RowGemm.Fma(x2, y, c22);
                if (TRows.Value > 3) c32 = RowGemm.Fma(x3, y, c32);
            }
            if (TCols.Value > 3)
            {
                var y = RowGemm.MaskLoad(b3 + p, mask);
                c03 = RowGemm.Fma(x0, y, c03);
                if (TRows.Value > 1) c13 = RowGemm.Fma(x1, y, c13);
                if (TRows.Value > 2) c23 = RowGemm.Fma(x2, y, c23);
                if (TRows.Value > 3) c33 = RowGemm.Fma(x3, y, c33);
            }
            if (TCols.Value > 4)
            {
                var y = RowGemm.MaskLoad(b4 + p, mask);
                c04 = RowGemm.Fma(x0, y, c04);
                if (TRows.Value > 1) c14 = RowGemm.Fma(x1, y, c14);
                if (TRows.Value > 2) c24 = RowGemm.Fma(x2, y, c24);
                if (TRows.Value > 3) c34 = RowGemm.Fma(x3, y, c34);
            }
        }
        if (TRows.Value > 0) Put<T, TCols>(c + 0 * ldc, c00, c01, c02, c03, c04);
        if (TRows.Value > 1) Put<T, TCols>(c + 1 * ldc, c10, c11, c12, c13, c14);
        if (TRows.Value > 2) Put<T, TCols>(c + 2 * ldc, c20, c21, c22, c23, c24);
        if (TRows.Value > 3) Put<T, TCols>(c + 3 * ldc, c30, c31, c32, c33, c34);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<T, TCols>(T* c, Vector512<T> v0, Vector512<T> v1, Vector512<T> v2, Vector512<T> v3, Vector512<T> v4)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TCols : struct, IConstant
    {
        c[0] = Vector512.Sum(v0);
        if (TCols.Value > 1) c[1] = Vector512.Sum(v1);
        if (TCols.Value > 2) c[2] = Vector512.Sum(v2);
        if (TCols.Value > 3) c[3] = Vector512.Sum(v3);
        if (TCols.Value > 4) c[4] = Vector512.Sum(v4);
    }
}
