using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MiniGrad.Kernels;

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
    public static float Float(long iterations) =>
        Vector512.IsHardwareAccelerated ? Run<Vec512<float>, float>(iterations) : Run<Vec256<float>, float>(2 * iterations);

    /// <summary>Runs the double chains for <paramref name="iterations"/>; returns their sum, so that nothing is dropped.</summary>
    public static double Double(long iterations) =>
        Vector512.IsHardwareAccelerated ? Run<Vec512<double>, double>(iterations) : Run<Vec256<double>, double>(2 * iterations);

    /// <summary>
    /// <see cref="Chains"/> independent chains <c>c = c·m + a</c> of <typeparamref name="TV"/> vectors, one fused
    /// multiply-add each per iteration (the same instructions as a loop written against the vector type itself).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe T Run<TV, T>(long iterations)
        where TV : struct, ISimdVector<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var m = TV.Create(T.CreateTruncating(0.999999));
        var a = TV.Create(T.CreateTruncating(1e-7));
        TV c0 = TV.Create(T.One), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0,
            c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++)
        {
            c0 = TV.FusedMultiplyAdd(c0, m, a); c1 = TV.FusedMultiplyAdd(c1, m, a);
            c2 = TV.FusedMultiplyAdd(c2, m, a); c3 = TV.FusedMultiplyAdd(c3, m, a);
            c4 = TV.FusedMultiplyAdd(c4, m, a); c5 = TV.FusedMultiplyAdd(c5, m, a);
            c6 = TV.FusedMultiplyAdd(c6, m, a); c7 = TV.FusedMultiplyAdd(c7, m, a);
            c8 = TV.FusedMultiplyAdd(c8, m, a); c9 = TV.FusedMultiplyAdd(c9, m, a);
            c10 = TV.FusedMultiplyAdd(c10, m, a); c11 = TV.FusedMultiplyAdd(c11, m, a);
        }
        T* lanes = stackalloc T[TV.Count];
        (c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11).StoreUnsafe(ref *lanes, 0);
        T sum = T.Zero;
        for (int l = 0; l < TV.Count; l++) sum += lanes[l];
        return sum;
    }
}
