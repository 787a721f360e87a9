using System.Numerics;

namespace MiniGrad.Kernels.Gemm;

/// <summary>4x4 scalar tile: the fallback for machines without 256-bit FMA vectors (and the reference in tests).</summary>
internal readonly unsafe struct ScalarKernel<T> : IMicroKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int MR => 4;

    public static int NR => 4;

    public static bool IsSupported => true;

    public static void Run(int kc, T* a, nint aRow, nint aStep, T* b, T* c, nint ldc, bool accumulate)
    {
        T c00 = T.Zero, c01 = T.Zero, c02 = T.Zero, c03 = T.Zero;
        T c10 = T.Zero, c11 = T.Zero, c12 = T.Zero, c13 = T.Zero;
        T c20 = T.Zero, c21 = T.Zero, c22 = T.Zero, c23 = T.Zero;
        T c30 = T.Zero, c31 = T.Zero, c32 = T.Zero, c33 = T.Zero;
        nint o1 = aRow, o2 = 2 * aRow, o3 = 3 * aRow;
        for (int p = 0; p < kc; p++)
        {
            T b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            T a0 = a[0], a1 = a[o1], a2 = a[o2], a3 = a[o3];
            c00 = T.FusedMultiplyAdd(a0, b0, c00); c01 = T.FusedMultiplyAdd(a0, b1, c01);
            c02 = T.FusedMultiplyAdd(a0, b2, c02); c03 = T.FusedMultiplyAdd(a0, b3, c03);
            c10 = T.FusedMultiplyAdd(a1, b0, c10); c11 = T.FusedMultiplyAdd(a1, b1, c11);
            c12 = T.FusedMultiplyAdd(a1, b2, c12); c13 = T.FusedMultiplyAdd(a1, b3, c13);
            c20 = T.FusedMultiplyAdd(a2, b0, c20); c21 = T.FusedMultiplyAdd(a2, b1, c21);
            c22 = T.FusedMultiplyAdd(a2, b2, c22); c23 = T.FusedMultiplyAdd(a2, b3, c23);
            c30 = T.FusedMultiplyAdd(a3, b0, c30); c31 = T.FusedMultiplyAdd(a3, b1, c31);
            c32 = T.FusedMultiplyAdd(a3, b2, c32); c33 = T.FusedMultiplyAdd(a3, b3, c33);
            a += aStep;
            b += 4;
        }
        Put(c, accumulate, c00, c01, c02, c03);
        Put(c + ldc, accumulate, c10, c11, c12, c13);
        Put(c + 2 * ldc, accumulate, c20, c21, c22, c23);
        Put(c + 3 * ldc, accumulate, c30, c31, c32, c33);
    }

    private static void Put(T* row, bool accumulate, T v0, T v1, T v2, T v3)
    {
        if (accumulate)
        {
            row[0] += v0; row[1] += v1; row[2] += v2; row[3] += v3;
        }
        else
        {
            row[0] = v0; row[1] = v1; row[2] = v2; row[3] = v3;
        }
    }
}
