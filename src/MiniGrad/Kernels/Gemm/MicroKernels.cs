// The register tiles must be plain locals for the JIT to keep them in registers, so these kernels are unrolled by
// hand and repetitive on purpose (they were written out by a short script): change the pattern in all of them.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MiniGrad.Kernels.Gemm;

/// <summary>8x32 float tile: 16 zmm accumulators, two B vectors and one broadcast per row per k step.</summary>
internal readonly unsafe struct Float512Kernel : IMicroKernel<float>
{
    public static int MR => 8;

    public static int NR => 32;

    public static bool IsSupported => Vector512.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, nint aRow, nint aStep, float* b, float* c, nint ldc, bool accumulate)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        nint o1 = aRow, o2 = 2 * aRow, o3 = 3 * aRow;
        float* ah = a + 4 * aRow;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var a0 = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[o1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[o2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[o3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(ah[0]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(ah[o1]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(ah[o2]);
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(ah[o3]);
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            a += aStep;
            ah += aStep;
            b += 32;
        }
        if (accumulate)
        {
            Vector512.Store(Vector512.Load(c) + c00, c);
            Vector512.Store(Vector512.Load(c + 16) + c01, c + 16);
            Vector512.Store(Vector512.Load(c + 1 * ldc) + c10, c + 1 * ldc);
            Vector512.Store(Vector512.Load(c + 1 * ldc + 16) + c11, c + 1 * ldc + 16);
            Vector512.Store(Vector512.Load(c + 2 * ldc) + c20, c + 2 * ldc);
            Vector512.Store(Vector512.Load(c + 2 * ldc + 16) + c21, c + 2 * ldc + 16);
            Vector512.Store(Vector512.Load(c + 3 * ldc) + c30, c + 3 * ldc);
            Vector512.Store(Vector512.Load(c + 3 * ldc + 16) + c31, c + 3 * ldc + 16);
            Vector512.Store(Vector512.Load(c + 4 * ldc) + c40, c + 4 * ldc);
            Vector512.Store(Vector512.Load(c + 4 * ldc + 16) + c41, c + 4 * ldc + 16);
            Vector512.Store(Vector512.Load(c + 5 * ldc) + c50, c + 5 * ldc);
            Vector512.Store(Vector512.Load(c + 5 * ldc + 16) + c51, c + 5 * ldc + 16);
            Vector512.Store(Vector512.Load(c + 6 * ldc) + c60, c + 6 * ldc);
            Vector512.Store(Vector512.Load(c + 6 * ldc + 16) + c61, c + 6 * ldc + 16);
            Vector512.Store(Vector512.Load(c + 7 * ldc) + c70, c + 7 * ldc);
            Vector512.Store(Vector512.Load(c + 7 * ldc + 16) + c71, c + 7 * ldc + 16);
        }
        else
        {
            Vector512.Store(c00, c);
            Vector512.Store(c01, c + 16);
            Vector512.Store(c10, c + 1 * ldc);
            Vector512.Store(c11, c + 1 * ldc + 16);
            Vector512.Store(c20, c + 2 * ldc);
            Vector512.Store(c21, c + 2 * ldc + 16);
            Vector512.Store(c30, c + 3 * ldc);
            Vector512.Store(c31, c + 3 * ldc + 16);
            Vector512.Store(c40, c + 4 * ldc);
            Vector512.Store(c41, c + 4 * ldc + 16);
            Vector512.Store(c50, c + 5 * ldc);
            Vector512.Store(c51, c + 5 * ldc + 16);
            Vector512.Store(c60, c + 6 * ldc);
            Vector512.Store(c61, c + 6 * ldc + 16);
            Vector512.Store(c70, c + 7 * ldc);
            Vector512.Store(c71, c + 7 * ldc + 16);
        }
    }
}

/// <summary>8x16 double tile: 16 zmm accumulators, two B vectors and one broadcast per row per k step.</summary>
internal readonly unsafe struct Double512Kernel : IMicroKernel<double>
{
    public static int MR => 8;

    public static int NR => 16;

    public static bool IsSupported => Vector512.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, double* a, nint aRow, nint aStep, double* b, double* c, nint ldc, bool accumulate)
    {
        Vector512<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        nint o1 = aRow, o2 = 2 * aRow, o3 = 3 * aRow;
        double* ah = a + 4 * aRow;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 8);
            var a0 = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[o1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[o2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[o3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(ah[0]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(ah[o1]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(ah[o2]);
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(ah[o3]);
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            a += aStep;
            ah += aStep;
            b += 16;
        }
        if (accumulate)
        {
            Vector512.Store(Vector512.Load(c) + c00, c);
            Vector512.Store(Vector512.Load(c + 8) + c01, c + 8);
            Vector512.Store(Vector512.Load(c + 1 * ldc) + c10, c + 1 * ldc);
            Vector512.Store(Vector512.Load(c + 1 * ldc + 8) + c11, c + 1 * ldc + 8);
            Vector512.Store(Vector512.Load(c + 2 * ldc) + c20, c + 2 * ldc);
            Vector512.Store(Vector512.Load(c + 2 * ldc + 8) + c21, c + 2 * ldc + 8);
            Vector512.Store(Vector512.Load(c + 3 * ldc) + c30, c + 3 * ldc);
            Vector512.Store(Vector512.Load(c + 3 * ldc + 8) + c31, c + 3 * ldc + 8);
            Vector512.Store(Vector512.Load(c + 4 * ldc) + c40, c + 4 * ldc);
            Vector512.Store(Vector512.Load(c + 4 * ldc + 8) + c41, c + 4 * ldc + 8);
            Vector512.Store(Vector512.Load(c + 5 * ldc) + c50, c + 5 * ldc);
            Vector512.Store(Vector512.Load(c + 5 * ldc + 8) + c51, c + 5 * ldc + 8);
            Vector512.Store(Vector512.Load(c + 6 * ldc) + c60, c + 6 * ldc);
            Vector512.Store(Vector512.Load(c + 6 * ldc + 8) + c61, c + 6 * ldc + 8);
            Vector512.Store(Vector512.Load(c + 7 * ldc) + c70, c + 7 * ldc);
            Vector512.Store(Vector512.Load(c + 7 * ldc + 8) + c71, c + 7 * ldc + 8);
        }
        else
        {
            Vector512.Store(c00, c);
            Vector512.Store(c01, c + 8);
            Vector512.Store(c10, c + 1 * ldc);
            Vector512.Store(c11, c + 1 * ldc + 8);
            Vector512.Store(c20, c + 2 * ldc);
            Vector512.Store(c21, c + 2 * ldc + 8);
            Vector512.Store(c30, c + 3 * ldc);
            Vector512.Store(c31, c + 3 * ldc + 8);
            Vector512.Store(c40, c + 4 * ldc);
            Vector512.Store(c41, c + 4 * ldc + 8);
            Vector512.Store(c50, c + 5 * ldc);
            Vector512.Store(c51, c + 5 * ldc + 8);
            Vector512.Store(c60, c + 6 * ldc);
            Vector512.Store(c61, c + 6 * ldc + 8);
            Vector512.Store(c70, c + 7 * ldc);
            Vector512.Store(c71, c + 7 * ldc + 8);
        }
    }
}

/// <summary>6x16 float tile for AVX2+FMA machines: 12 ymm accumulators (of 16 registers).</summary>
internal readonly unsafe struct Float256Kernel : IMicroKernel<float>
{
    public static int MR => 6;

    public static int NR => 16;

    public static bool IsSupported => Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, nint aRow, nint aStep, float* b, float* c, nint ldc, bool accumulate)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        nint o1 = aRow, o2 = 2 * aRow;
        float* ah = a + 3 * aRow;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[o1]);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[o2]);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(ah[0]);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(ah[o1]);
            c40 = Vector256.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(ah[o2]);
            c50 = Vector256.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
            a += aStep;
            ah += aStep;
            b += 16;
        }
        if (accumulate)
        {
            Vector256.Store(Vector256.Load(c) + c00, c);
            Vector256.Store(Vector256.Load(c + 8) + c01, c + 8);
            Vector256.Store(Vector256.Load(c + 1 * ldc) + c10, c + 1 * ldc);
            Vector256.Store(Vector256.Load(c + 1 * ldc + 8) + c11, c + 1 * ldc + 8);
            Vector256.Store(Vector256.Load(c + 2 * ldc) + c20, c + 2 * ldc);
            Vector256.Store(Vector256.Load(c + 2 * ldc + 8) + c21, c + 2 * ldc + 8);
            Vector256.Store(Vector256.Load(c + 3 * ldc) + c30, c + 3 * ldc);
            Vector256.Store(Vector256.Load(c + 3 * ldc + 8) + c31, c + 3 * ldc + 8);
            Vector256.Store(Vector256.Load(c + 4 * ldc) + c40, c + 4 * ldc);
            Vector256.Store(Vector256.Load(c + 4 * ldc + 8) + c41, c + 4 * ldc + 8);
            Vector256.Store(Vector256.Load(c + 5 * ldc) + c50, c + 5 * ldc);
            Vector256.Store(Vector256.Load(c + 5 * ldc + 8) + c51, c + 5 * ldc + 8);
        }
        else
        {
            Vector256.Store(c00, c);
            Vector256.Store(c01, c + 8);
            Vector256.Store(c10, c + 1 * ldc);
            Vector256.Store(c11, c + 1 * ldc + 8);
            Vector256.Store(c20, c + 2 * ldc);
            Vector256.Store(c21, c + 2 * ldc + 8);
            Vector256.Store(c30, c + 3 * ldc);
            Vector256.Store(c31, c + 3 * ldc + 8);
            Vector256.Store(c40, c + 4 * ldc);
            Vector256.Store(c41, c + 4 * ldc + 8);
            Vector256.Store(c50, c + 5 * ldc);
            Vector256.Store(c51, c + 5 * ldc + 8);
        }
    }
}

/// <summary>6x8 double tile for AVX2+FMA machines: 12 ymm accumulators (of 16 registers).</summary>
internal readonly unsafe struct Double256Kernel : IMicroKernel<double>
{
    public static int MR => 6;

    public static int NR => 8;

    public static bool IsSupported => Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, double* a, nint aRow, nint aStep, double* b, double* c, nint ldc, bool accumulate)
    {
        Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        nint o1 = aRow, o2 = 2 * aRow;
        double* ah = a + 3 * aRow;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 4);
            var a0 = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[o1]);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[o2]);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(ah[0]);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(ah[o1]);
            c40 = Vector256.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(ah[o2]);
            c50 = Vector256.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
            a += aStep;
            ah += aStep;
            b += 8;
        }
        if (accumulate)
        {
            Vector256.Store(Vector256.Load(c) + c00, c);
            Vector256.Store(Vector256.Load(c + 4) + c01, c + 4);
            Vector256.Store(Vector256.Load(c + 1 * ldc) + c10, c + 1 * ldc);
            Vector256.Store(Vector256.Load(c + 1 * ldc + 4) + c11, c + 1 * ldc + 4);
            Vector256.Store(Vector256.Load(c + 2 * ldc) + c20, c + 2 * ldc);
            Vector256.Store(Vector256.Load(c + 2 * ldc + 4) + c21, c + 2 * ldc + 4);
            Vector256.Store(Vector256.Load(c + 3 * ldc) + c30, c + 3 * ldc);
            Vector256.Store(Vector256.Load(c + 3 * ldc + 4) + c31, c + 3 * ldc + 4);
            Vector256.Store(Vector256.Load(c + 4 * ldc) + c40, c + 4 * ldc);
            Vector256.Store(Vector256.Load(c + 4 * ldc + 4) + c41, c + 4 * ldc + 4);
            Vector256.Store(Vector256.Load(c + 5 * ldc) + c50, c + 5 * ldc);
            Vector256.Store(Vector256.Load(c + 5 * ldc + 4) + c51, c + 5 * ldc + 4);
        }
        else
        {
            Vector256.Store(c00, c);
            Vector256.Store(c01, c + 4);
            Vector256.Store(c10, c + 1 * ldc);
            Vector256.Store(c11, c + 1 * ldc + 4);
            Vector256.Store(c20, c + 2 * ldc);
            Vector256.Store(c21, c + 2 * ldc + 4);
            Vector256.Store(c30, c + 3 * ldc);
            Vector256.Store(c31, c + 3 * ldc + 4);
            Vector256.Store(c40, c + 4 * ldc);
            Vector256.Store(c41, c + 4 * ldc + 4);
            Vector256.Store(c50, c + 5 * ldc);
            Vector256.Store(c51, c + 5 * ldc + 4);
        }
    }
}
