using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MiniGrad;

/// <summary>
/// Fast mode's random projections: seeded unit vectors u (per checked input) and v (per output), uniform on [0, 1)
/// before normalising, as PyTorch draws them. Each value is a hash of (seed, stream, index) with SplitMix64's
/// finaliser, so that drawing them is not one long dependency chain and a vector of indices is hashed at a time.
/// </summary>
internal static class RandomProjections
{
    private const ulong Gamma = 0x9E37_79B9_7F4A_7C15UL;
    private const ulong M1 = 0xBF58_476D_1CE4_E5B9UL;
    private const ulong M2 = 0x94D0_49BB_1331_11EBUL;

    /// <summary>n values uniform on [0, 1), normalised to length 1, from the seed and a stream number.</summary>
    public static double[] UnitVector(ulong seed, int stream, int n)
    {
        var v = GC.AllocateUninitializedArray<double>(n);
        FillHashedUniform(Mix(seed ^ (0xF457_0000_0000_0000UL + (ulong)stream)), v);
        double norm = Math.Sqrt(FastReductions.Dot(v, v));
        if (norm > 0) TensorPrimitives.Divide(v, norm, v);
        return v;
    }

    /// <summary>SplitMix64's finaliser.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * M1;
        z = (z ^ (z >> 27)) * M2;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// destination[i] uniform on [0, 1): the top 53 bits of <see cref="Mix"/> applied to key + (i + 1) γ, a vector of
    /// indices at a time (the values do not depend on the vector width).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FillHashedUniform(ulong key, Span<double> destination)
    {
        const double Scale = 1.0 / (1UL << 53);
        int n = destination.Length, w = Vector<ulong>.Count, i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var d = MemoryMarshal.Cast<double, Vector<double>>(destination);
            Span<ulong> lanes = stackalloc ulong[w];
            for (int l = 0; l < w; l++) lanes[l] = (ulong)(l + 1);
            var index = new Vector<ulong>(lanes);
            var step = new Vector<ulong>((ulong)w);
            var k = new Vector<ulong>(key);
            var g = new Vector<ulong>(Gamma);
            var m1 = new Vector<ulong>(M1);
            var m2 = new Vector<ulong>(M2);
            var scale = new Vector<double>(Scale);
            for (int b = 0; b < d.Length; b++)
            {
                var z = k + g * index;
                z = (z ^ Vector.ShiftRightLogical(z, 30)) * m1;
                z = (z ^ Vector.ShiftRightLogical(z, 27)) * m2;
                z ^= Vector.ShiftRightLogical(z, 31);
                d[b] = Vector.ConvertToDouble(Vector.AsVectorInt64(Vector.ShiftRightLogical(z, 11))) * scale;
                index += step;
            }
            i = d.Length * Vector<double>.Count;
        }
        for (; i < n; i++) destination[i] = (long)(Mix(key + Gamma * (ulong)(i + 1)) >> 11) * Scale;
    }
}
