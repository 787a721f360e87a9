using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MiniGrad.Kernels.Gemm;

/// <summary>
/// The tutorials' tiny products (10 × 18 × 18): op(B) is copied once into rows padded to whole Vector512s, then each
/// block of four rows of C is one or two vectors wide and lives in registers for the whole k loop. No tiling, no
/// edge tiles: at this size the packed driver's bookkeeping costs more than the arithmetic.
/// </summary>
[SkipLocalsInit]
internal static unsafe class SmallGemm
{
    /// <summary>True when this path can take a product with <paramref name="n"/> columns.</summary>
    public static bool Fits<T>(int n)
        where T : unmanaged => Vector512.IsHardwareAccelerated && n <= 2 * Vector512<T>.Count;

    /// <summary><c>C[m, n] = op(A) · op(B)</c>; requires <see cref="Fits{T}"/> and <c>k &gt; 0</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T>(int m, int n, int k, StridedMatrix<T> a, StridedMatrix<T> b, T* c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count;
        int ldb = n <= w ? w : 2 * w;
        T* bp = PackBuffers.Current.B<T>((nint)k * ldb);
        // op(B)'s rows padded to ldb: B's "panel" of all n columns (register transposes when B is stored [n, k]).
        Packing.PackPanel(new StridedMatrix<T>(b.Ptr, b.ColStride, b.RowStride), 0, n, 0, k, ldb, bp);
        T* spill = stackalloc T[4 * 2 * Vector512<T>.Count];
        for (int i = 0; i < m; i += 4)
        {
            // A tail block of fewer than four rows repeats its last row and stores only the real ones.
            int rows = Math.Min(4, m - i);
            T* a0 = a.At(i, 0), a1 = a.At(i + Math.Min(1, rows - 1), 0);
            T* a2 = a.At(i + Math.Min(2, rows - 1), 0), a3 = a.At(i + Math.Min(3, rows - 1), 0);
            nint cs = a.ColStride;
            if (ldb == w)
            {
                Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default;
                T* bRow = bp;
                for (nint p = 0; p < k; p++, bRow += ldb)
                {
                    var bv = Vector512.Load(bRow);
                    c0 = Fma(Vector512.Create(a0[p * cs]), bv, c0);
                    c1 = Fma(Vector512.Create(a1[p * cs]), bv, c1);
                    c2 = Fma(Vector512.Create(a2[p * cs]), bv, c2);
                    c3 = Fma(Vector512.Create(a3[p * cs]), bv, c3);
                }
                c0.Store(spill);
                c1.Store(spill + w);
                c2.Store(spill + 2 * w);
                c3.Store(spill + 3 * w);
            }
            else
            {
                Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default;
                Vector512<T> c20 = default, c21 = default, c30 = default, c31 = default;
                T* bRow = bp;
                for (nint p = 0; p < k; p++, bRow += ldb)
                {
                    var b0 = Vector512.Load(bRow);
                    var b1 = Vector512.Load(bRow + w);
                    var x0 = Vector512.Create(a0[p * cs]);
                    c00 = Fma(x0, b0, c00);
                    c01 = Fma(x0, b1, c01);
                    var x1 = Vector512.Create(a1[p * cs]);
                    c10 = Fma(x1, b0, c10);
                    c11 = Fma(x1, b1, c11);
                    var x2 = Vector512.Create(a2[p * cs]);
                    c20 = Fma(x2, b0, c20);
                    c21 = Fma(x2, b1, c21);
                    var x3 = Vector512.Create(a3[p * cs]);
                    c30 = Fma(x3, b0, c30);
                    c31 = Fma(x3, b1, c31);
                }
                c00.Store(spill);
                c01.Store(spill + w);
                c10.Store(spill + 2 * w);
                c11.Store(spill + 3 * w);
                c20.Store(spill + 4 * w);
                c21.Store(spill + 5 * w);
                c30.Store(spill + 6 * w);
                c31.Store(spill + 7 * w);
            }
            for (int r = 0; r < rows; r++)
                Unsafe.CopyBlockUnaligned(c + (nint)(i + r) * n, spill + r * ldb, (uint)(n * sizeof(T)));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> z)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        return Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
    }
}
