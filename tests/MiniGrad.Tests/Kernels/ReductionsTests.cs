using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Tests.Kernels;

/// <summary>
/// <see cref="Reductions.Sum{T}"/>'s order, which is the same on every machine: its Vector512, AVX2 and one-lane
/// implementations give the bits of the order written out here, at every length and alignment. (On a machine without
/// Vector512 hardware, the Vector512 implementation runs in .NET's software vectors: the same adds, slowly.)
/// </summary>
public class ReductionsTests
{
    [Fact]
    public void EveryImplementationGivesTheBitsOfTheWrittenOutOrder()
    {
        Check<float>();
        Check<double>();
    }

    [Fact]
    public void TheSumDoesNotDependOnWhereTheSpanStarts()
    {
        var rng = new Random(5);
        var values = Enumerable.Range(0, 400).Select(_ => (float)(rng.NextDouble() * 2 - 1) * MathF.Pow(10, rng.Next(-3, 4))).ToArray();
        foreach (int length in new[] { 17, 64, 100, 255 })
        {
            float aligned = Reductions.Sum<float>(values.AsSpan(0, length).ToArray());
            for (int start = 1; start < 16; start++)
            {
                var copy = values.AsSpan(start, length).ToArray();
                Assert.Equal(Reductions.Sum<float>(copy), Reductions.Sum<float>(values.AsSpan(start, length)));
            }
            Assert.Equal(Expected<float>(values.AsSpan(0, length).ToArray()), aligned);
        }
    }

    private static void Check<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var rng = new Random(typeof(T) == typeof(float) ? 1 : 2);
        for (int n = 0; n <= 300; n++)
        {
            // Magnitudes from 1e-4 to 1e4, so that the order of the adds shows in the bits.
            var x = Enumerable.Range(0, n).Select(_ => T.CreateChecked((rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.Next(-4, 5)))).ToArray();
            T expected = Expected(x);
            Assert.Equal(expected, Reductions.Sum<T>(x));
            Assert.Equal(expected, WithTail(Reductions.WholeVectors512<T>(x, out int e512), x, e512));
            Assert.Equal(expected, WithTail(Reductions.WholeVectors256<T>(x, out int e256), x, e256));
            Assert.Equal(expected, WithTail(Reductions.WholeVectorsScalar<T>(x, out int eScalar), x, eScalar));
        }
    }

    private static T WithTail<T>(T total, T[] x, int end)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int i = end; i < x.Length; i++) total += x[i];
        return total;
    }

    /// <summary>The documented order, one element at a time.</summary>
    private static T Expected<T>(T[] x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int w = 64 / System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), n = x.Length, i = 0;
        var acc = new T[4, w];
        for (; i + 4 * w <= n; i += 4 * w)
            for (int q = 0; q < 4; q++)
                for (int l = 0; l < w; l++) acc[q, l] += x[i + q * w + l];
        for (; i + w <= n; i += w)
            for (int l = 0; l < w; l++) acc[0, l] += x[i + l];
        var v = new T[w];
        for (int l = 0; l < w; l++) v[l] = (acc[0, l] + acc[1, l]) + (acc[2, l] + acc[3, l]);
        var half = new T[w / 2];
        for (int l = 0; l < w / 2; l++) half[l] = v[l] + v[l + w / 2];
        var quarter = new T[w / 4];
        for (int l = 0; l < w / 4; l++) quarter[l] = half[l] + half[l + w / 4];
        T total = quarter.Length == 4 ? (quarter[0] + quarter[2]) + (quarter[1] + quarter[3]) : quarter[0] + quarter[1];
        for (; i < n; i++) total += x[i];
        return total;
    }
}
