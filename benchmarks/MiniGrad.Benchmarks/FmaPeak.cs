using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MiniGrad.Benchmarks;

/// <summary>
/// The core's fused multiply-add peak: independent FMA chains of the widest vectors the machine runs in hardware
/// (Vector512, else Vector256: on an AVX2 machine a Vector512 loop would run .NET's software fallback), more than
/// latency × pipes, so the FMA units never wait, and no memory traffic. The GEMM targets are fractions of what this
/// measures.
/// </summary>
public static class FmaPeak
{
    /// <summary>The vectors the loops run: "Vector512" or "Vector256".</summary>
    public static string Width => Vector512.IsHardwareAccelerated ? "Vector512" : "Vector256";

    /// <summary>Independent accumulator chains: Zen 5 has 2 FMA pipes of latency 4, so 8 keep it busy; 12 is margin.</summary>
    public const int Chains = 12;

    /// <summary>
    /// Floating-point operations of <see cref="Float"/> for <paramref name="iterations"/> (an FMA is 2): an iteration
    /// is 12 Vector512 FMAs, or twice 12 Vector256 ones on AVX2 machines.
    /// </summary>
    public static double FloatFlops(long iterations) => iterations * Chains * Vector512<float>.Count * 2.0;

    /// <summary>Floating-point operations of <see cref="Double"/> for <paramref name="iterations"/>.</summary>
    public static double DoubleFlops(long iterations) => iterations * Chains * Vector512<double>.Count * 2.0;

    /// <summary>Runs the float chains for <paramref name="iterations"/>; returns their sum, so that nothing is dropped.</summary>
    public static float Float(long iterations) => Vector512.IsHardwareAccelerated ? Float512(iterations) : Float256(2 * iterations);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Float256(long iterations)
    {
        var m = Vector256.Create(0.999999f);
        var a = Vector256.Create(1e-7f);
        Vector256<float> c0 = Vector256.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0,
            c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, m, a); c1 = Vector256.FusedMultiplyAdd(c1, m, a);
            c2 = Vector256.FusedMultiplyAdd(c2, m, a); c3 = Vector256.FusedMultiplyAdd(c3, m, a);
            c4 = Vector256.FusedMultiplyAdd(c4, m, a); c5 = Vector256.FusedMultiplyAdd(c5, m, a);
            c6 = Vector256.FusedMultiplyAdd(c6, m, a); c7 = Vector256.FusedMultiplyAdd(c7, m, a);
            c8 = Vector256.FusedMultiplyAdd(c8, m, a); c9 = Vector256.FusedMultiplyAdd(c9, m, a);
            c10 = Vector256.FusedMultiplyAdd(c10, m, a); c11 = Vector256.FusedMultiplyAdd(c11, m, a);
        }
        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Float512(long iterations)
    {
        var m = Vector512.Create(0.999999f);
        var a = Vector512.Create(1e-7f);
        Vector512<float> c0 = Vector512.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0,
            c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, m, a); c1 = Vector512.FusedMultiplyAdd(c1, m, a);
            c2 = Vector512.FusedMultiplyAdd(c2, m, a); c3 = Vector512.FusedMultiplyAdd(c3, m, a);
            c4 = Vector512.FusedMultiplyAdd(c4, m, a); c5 = Vector512.FusedMultiplyAdd(c5, m, a);
            c6 = Vector512.FusedMultiplyAdd(c6, m, a); c7 = Vector512.FusedMultiplyAdd(c7, m, a);
            c8 = Vector512.FusedMultiplyAdd(c8, m, a); c9 = Vector512.FusedMultiplyAdd(c9, m, a);
            c10 = Vector512.FusedMultiplyAdd(c10, m, a); c11 = Vector512.FusedMultiplyAdd(c11, m, a);
        }
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    /// <summary>Runs the double chains for <paramref name="iterations"/>; returns their sum, so that nothing is dropped.</summary>
    public static double Double(long iterations) => Vector512.IsHardwareAccelerated ? Double512(iterations) : Double256(2 * iterations);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Double256(long iterations)
    {
        var m = Vector256.Create(0.999999);
        var a = Vector256.Create(1e-7);
        Vector256<double> c0 = Vector256.Create(1.0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0,
            c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, m, a); c1 = Vector256.FusedMultiplyAdd(c1, m, a);
            c2 = Vector256.FusedMultiplyAdd(c2, m, a); c3 = Vector256.FusedMultiplyAdd(c3, m, a);
            c4 = Vector256.FusedMultiplyAdd(c4, m, a); c5 = Vector256.FusedMultiplyAdd(c5, m, a);
            c6 = Vector256.FusedMultiplyAdd(c6, m, a); c7 = Vector256.FusedMultiplyAdd(c7, m, a);
            c8 = Vector256.FusedMultiplyAdd(c8, m, a); c9 = Vector256.FusedMultiplyAdd(c9, m, a);
            c10 = Vector256.FusedMultiplyAdd(c10, m, a); c11 = Vector256.FusedMultiplyAdd(c11, m, a);
        }
        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Double512(long iterations)
    {
        var m = Vector512.Create(0.999999);
        var a = Vector512.Create(1e-7);
        Vector512<double> c0 = Vector512.Create(1.0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0,
            c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, m, a); c1 = Vector512.FusedMultiplyAdd(c1, m, a);
            c2 = Vector512.FusedMultiplyAdd(c2, m, a); c3 = Vector512.FusedMultiplyAdd(c3, m, a);
            c4 = Vector512.FusedMultiplyAdd(c4, m, a); c5 = Vector512.FusedMultiplyAdd(c5, m, a);
            c6 = Vector512.FusedMultiplyAdd(c6, m, a); c7 = Vector512.FusedMultiplyAdd(c7, m, a);
            c8 = Vector512.FusedMultiplyAdd(c8, m, a); c9 = Vector512.FusedMultiplyAdd(c9, m, a);
            c10 = Vector512.FusedMultiplyAdd(c10, m, a); c11 = Vector512.FusedMultiplyAdd(c11, m, a);
        }
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }
}
