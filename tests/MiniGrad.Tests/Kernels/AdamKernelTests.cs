using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MiniGrad.Kernels;

namespace MiniGrad.Tests.Kernels;

/// <summary>The fused Adam update gives the same bits whatever the path: whole vectors, the tail, or split across threads.</summary>
[Collection(nameof(MiniGrad.Tests.Support.ThreadCountCollection))]
public class AdamKernelTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void WholeSplitAndSlicedUpdatesAreBitIdentical(bool decoupled, bool amsgrad)
    {
        const int n = 3 * AdamKernel.ParallelLimit + 1001; // large enough to split, with a ragged end
        var rng = new Random(9);
        float[] Rand(double scale) => Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() - 0.5) * scale)).ToArray();
        var (p, g, m, v) = (Rand(2), Rand(1), Rand(0.1), Rand(0.01).Select(Math.Abs).ToArray());
        var maxV = amsgrad ? v.Select(x => x * 1.5f).ToArray() : [];
        var c = new AdamConstants<float>(0.9f, 0.1f, 0.999f, 0.001f, decoupled ? 0f : 0.01f, 0.99999f, decoupled, 1f,
            MathF.Sqrt(0.001f), 1e-8f, -0.01f);

        var (p1, m1, v1, x1) = ((float[])p.Clone(), (float[])m.Clone(), (float[])v.Clone(), (float[])maxV.Clone());
        int saved = Threading.MaxDegreeOfParallelism;
        try
        {
            Threading.MaxDegreeOfParallelism = 2;
            AdamKernel.Update<float>(p1, g, m1, v1, x1, c);
        }
        finally
        {
            Threading.MaxDegreeOfParallelism = saved;
        }

        // The same update in slices of 1001 elements: each runs on one thread and ends in a tail.
        var (p2, m2, v2, x2) = ((float[])p.Clone(), (float[])m.Clone(), (float[])v.Clone(), (float[])maxV.Clone());
        for (int i = 0; i < n; i += 1001)
        {
            int len = Math.Min(1001, n - i);
            AdamKernel.Update(p2.AsSpan(i, len), g.AsSpan(i, len), m2.AsSpan(i, len), v2.AsSpan(i, len),
                amsgrad ? x2.AsSpan(i, len) : default, c);
        }
        Assert.True(p1.AsSpan().SequenceEqual(p2), "parameters differ");
        Assert.True(m1.AsSpan().SequenceEqual(m2), "first moments differ");
        Assert.True(v1.AsSpan().SequenceEqual(v2), "second moments differ");
        Assert.True(x1.AsSpan().SequenceEqual(x2), "max second moments differ");
        Assert.False(p1.AsSpan().SequenceEqual(p), "the update changed nothing");

        // And one element against the formula written out in double-free float arithmetic.
        int k = n - 1;
        float gk = g[k] + (decoupled ? 0f : p[k] * 0.01f), pk = decoupled ? p[k] * 0.99999f : p[k];
        float mk = m[k] * 0.9f + gk * 0.1f, vk = v[k] * 0.999f + gk * 0.001f * gk;
        if (amsgrad) vk = MathF.Max(maxV[k], vk);
        Assert.Equal(pk + mk * -0.01f / (MathF.Sqrt(vk) / MathF.Sqrt(0.001f) + 1e-8f), p2[k]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryLengthGivesTheFormulasBitsAndWritesNothingPastTheEnd(bool amsgrad)
    {
        // Lengths 1 to 40 end in every possible tail (the last elements, fewer than a vector, go through one masked
        // vector): each element must be the formula's, and the elements after the span must stay as they were.
        var rng = new Random(17);
        var c = new AdamConstants<float>(0.9f, 0.1f, 0.999f, 0.001f, 0.01f, 1f, false, 1f, MathF.Sqrt(0.001f), 1e-8f, -0.01f);
        for (int n = 1; n <= 40; n++)
        {
            const int after = 20;
            float[] Rand(double scale) => Enumerable.Range(0, n + after).Select(_ => (float)((rng.NextDouble() - 0.5) * scale)).ToArray();
            var (p, g, m, v) = (Rand(2), Rand(1), Rand(0.1), Rand(0.01).Select(Math.Abs).ToArray());
            var maxV = v.Select(x => x * 1.5f).ToArray();
            m[0] = 1e-40f; // a subnormal moment, as dead units leave
            var (p1, m1, v1, x1) = ((float[])p.Clone(), (float[])m.Clone(), (float[])v.Clone(), (float[])maxV.Clone());
            AdamKernel.Update(p1.AsSpan(0, n), g.AsSpan(0, n), m1.AsSpan(0, n), v1.AsSpan(0, n), amsgrad ? x1.AsSpan(0, n) : default, c);
            for (int k = 0; k < n; k++)
            {
                float gk = g[k] + p[k] * 0.01f;
                float mk = m[k] * 0.9f + gk * 0.1f, vk = v[k] * 0.999f + gk * 0.001f * gk;
                if (amsgrad) vk = MathF.Max(maxV[k], vk);
                Assert.Equal(mk, m1[k]);
                Assert.Equal(amsgrad ? v[k] * 0.999f + gk * 0.001f * gk : vk, v1[k]);
                if (amsgrad) Assert.Equal(vk, x1[k]);
                Assert.Equal(p[k] + mk * -0.01f / (MathF.Sqrt(vk) / MathF.Sqrt(0.001f) + 1e-8f), p1[k]);
            }
            Assert.Equal(p[n..], p1[n..]);
            Assert.Equal(m[n..], m1[n..]);
            Assert.Equal(v[n..], v1[n..]);
            Assert.Equal(maxV[n..], x1[n..]);
        }
    }

    [Fact]
    public void DividingThroughTheReciprocalGivesTheDivisionsBitsForEveryFloatSignificand()
    {
        // √v / √(1 − β₂ᵗ) is computed from the divisor's reciprocal with Markstein's correction; it must give the
        // bits of the division PyTorch computes. Every significand of x in [1, 2) (the same bits in every binade
        // that neither underflows nor overflows, checked below), against the divisors Adam meets and others.
        var rng = new Random(17);
        var divisors = new List<float>
        {
            1f, float.BitDecrement(1f), MathF.ScaleB(1f, -60), float.BitIncrement(MathF.ScaleB(1f, -60)),
            MathF.ScaleB(1f, -12), // β₂ = 1 − 2^-24, the float just below 1, at step 1
            BitConverter.Int32BitsToSingle(0x3F7FFFFF) / 2, BitConverter.Int32BitsToSingle(0x3F000001), // significands all ones, and one past 1
        };
        foreach (double beta2 in new[] { 0.999, 0.99, 0.9, 0.95, 0.9999 })
            for (int step = 1; step <= 40; step++)
                divisors.Add(MathF.Sqrt((float)(1 - Math.Pow(beta2, step))));
        for (int i = 0; i < 150; i++) divisors.Add((float)Math.Pow(2, -60 * rng.NextDouble()));

        foreach (float c in divisors)
        {
            Assert.True(AdamKernel.ExactViaReciprocal(c), $"{c} is outside the range the reciprocal path serves");
            Assert.Equal(0, Mismatches(c, BitConverter.SingleToInt32Bits(1f), 1 << 23));
        }
        // The extreme binades: the smallest square roots (of subnormals) and large ones, against the extreme divisors.
        foreach (float c in new[] { 1f, float.BitDecrement(1f), MathF.ScaleB(1f, -60), MathF.Sqrt(0.001f), divisors[^1] })
            foreach (float start in new[] { MathF.Sqrt(float.Epsilon), MathF.ScaleB(1f, -75), MathF.ScaleB(1f, 62), MathF.ScaleB(1f, 63) })
                Assert.Equal(0, Mismatches(c, BitConverter.SingleToInt32Bits(start), 1 << 20));
    }

    [Fact]
    public void DividingThroughTheReciprocalGivesTheDivisionsBitsInDoubleAndAtTheSpecialValues()
    {
        var rng = new Random(23);
        var xs = new double[1 << 16];
        for (int round = 0; round < 40; round++)
        {
            double c = round == 0 ? 1 : round == 1 ? Math.ScaleB(1, -60) : Math.Pow(2, -60 * rng.NextDouble());
            for (int i = 0; i < xs.Length; i++) xs[i] = Math.Sqrt(Math.Pow(2, rng.NextDouble() * 2100 - 1074) * (1 + rng.NextDouble()));
            Assert.Equal(0, Mismatches(c, xs));
        }
        // Zero, the smallest root, and a root that overflowed to infinity: what the division gives.
        foreach (double c in new[] { 1, Math.Sqrt(0.001), Math.ScaleB(1, -60) })
        {
            Assert.Equal(0, Mismatches(c, [0, double.Epsilon, Math.Sqrt(double.Epsilon), double.PositiveInfinity, double.MaxValue]));
            Assert.Equal(0, Mismatches((float)c, [0f, float.Epsilon, MathF.Sqrt(float.Epsilon), float.PositiveInfinity, float.MaxValue]));
        }
        // Outside the range the proof covers, the kernel divides.
        Assert.False(AdamKernel.ExactViaReciprocal(float.BitDecrement(MathF.ScaleB(1f, -60))));
        Assert.False(AdamKernel.ExactViaReciprocal(float.BitIncrement(1f)));
        Assert.False(AdamKernel.ExactViaReciprocal(float.NaN));
        Assert.False(AdamKernel.ExactViaReciprocal(0.0));
    }

    // x / c against DivideViaReciprocal for the floats whose bits run from firstBits, in the machine's widest vectors.
    private static int Mismatches(float c, int firstBits, int count)
    {
        var xs = new float[1 << 14];
        var bits = MemoryMarshal.Cast<float, int>(xs.AsSpan());
        var lanes = new Vector<int>(Enumerable.Range(0, Vector<int>.Count).ToArray());
        int mismatches = 0;
        for (int start = 0; start < count; start += xs.Length)
        {
            for (int i = 0; i < bits.Length; i += Vector<int>.Count)
                (lanes + new Vector<int>(firstBits + start + i)).CopyTo(bits[i..]);
            mismatches += Mismatches(c, xs);
        }
        return mismatches;
    }

    private static int Mismatches<T>(T c, T[] xs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Vector512.IsHardwareAccelerated ? Mismatches<Vec512<T>, T>(c, xs)
        : Vector256.IsHardwareAccelerated ? Mismatches<Vec256<T>, T>(c, xs)
        : Mismatches<Scalar<T>, T>(c, xs);

    private static int Mismatches<TV, T>(T c, T[] xs)
        where TV : struct, ISimdVector<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (quotients, divided) = (new T[xs.Length], new T[xs.Length]);
        var (cv, r) = (TV.Create(c), TV.Create(T.One / c));
        int i = 0;
        for (; i <= xs.Length - TV.Count; i += TV.Count)
        {
            var x = TV.LoadUnsafe(ref xs[0], (nuint)i);
            AdamKernel.DivideViaReciprocal<TV, T>(x, cv, r).StoreUnsafe(ref quotients[0], (nuint)i);
            (x / cv).StoreUnsafe(ref divided[0], (nuint)i);
        }
        for (; i < xs.Length; i++)
        {
            var x = Scalar<T>.Create(xs[i]);
            AdamKernel.DivideViaReciprocal<Scalar<T>, T>(x, Scalar<T>.Create(c), Scalar<T>.Create(T.One / c)).StoreUnsafe(ref quotients[0], (nuint)i);
            divided[i] = xs[i] / c;
        }
        var a = MemoryMarshal.AsBytes(quotients.AsSpan());
        var b = MemoryMarshal.AsBytes(divided.AsSpan());
        if (a.SequenceEqual(b)) return 0;
        int size = a.Length / xs.Length, count = 0;
        for (int k = 0; k < xs.Length; k++)
            if (!a.Slice(k * size, size).SequenceEqual(b.Slice(k * size, size))) count++;
        return count;
    }
}
