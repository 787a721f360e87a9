using MiniGrad.Kernels;

namespace MiniGrad.Tests.Kernels;

/// <summary>The fused Adam update gives the same bits whatever the path: vector, scalar tail, or split across threads.</summary>
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

        // The same update in slices of 1001 elements: each runs on one thread and ends in a scalar tail.
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
}
