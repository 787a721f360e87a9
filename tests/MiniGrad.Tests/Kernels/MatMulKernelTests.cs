using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Kernels;

/// <summary>The matmul kernel against a naive triple loop, for sizes including 1 and primes, in all four layouts.</summary>
public class MatMulKernelTests
{
    private static double[] Naive(double[] a, double[] b, int m, int k, int n, bool ta, bool tb)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                    s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                c[i * n + j] = s;
            }
        return c;
    }

    private static void Compare(int m, int k, int n, bool ta, bool tb, ulong seed)
    {
        var g = new Generator(seed);
        var a = Enumerable.Range(0, m * k).Select(_ => g.NextUniform(-1, 1)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => g.NextUniform(-1, 1)).ToArray();
        var c = new double[m * n];
        MiniGrad.Kernels.MatMul.Multiply<double>(a, b, c, m, k, n, ta, tb);
        // Sums of k products of values in [-1, 1] in another order: differences are a few ulps of k.
        Support.Close.All<double>(Naive(a, b, m, k, n, ta, tb), c, 0, 1e-13 * k, $"[{m}x{k}]@[{k}x{n}] ta={ta} tb={tb}");

        var cf = new float[m * n];
        MiniGrad.Kernels.MatMul.Multiply<float>(a.Select(v => (float)v).ToArray(), b.Select(v => (float)v).ToArray(), cf, m, k, n, ta, tb);
        var naiveF = Naive(a.Select(v => (double)(float)v).ToArray(), b.Select(v => (double)(float)v).ToArray(), m, k, n, ta, tb);
        Support.Close.All<float>(naiveF, cf, 0, 1e-6 * k, "float");
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 7, 1)]
    [InlineData(7, 1, 13)]
    [InlineData(2, 3, 5)]
    [InlineData(17, 31, 13)]
    [InlineData(64, 64, 64)]
    [InlineData(67, 1, 3)]
    [InlineData(3, 0, 4)]
    public void MatchesTheNaiveLoop(int m, int k, int n)
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                Compare(m, k, n, ta, tb, (ulong)(m * 1000 + k * 10 + n));
    }

    private static readonly int[] Sizes = [1, 2, 3, 5, 7, 8, 11, 13, 16, 17, 31, 33, 37];

    /// <summary>Sizes including 1 and primes, both layouts of each operand, a seed; shrinks to smaller sizes and no transposes.</summary>
    private static Arbitrary<((int M, int K, int N) Size, (bool A, bool B) Transposed, int Seed)> Products()
    {
        var size = Gen.Elements(Sizes);
        var gen = from m in size
                  from k in size
                  from n in size
                  from ta in Gen.Elements(false, true)
                  from tb in Gen.Elements(false, true)
                  from seed in Gen.Choose(0, int.MaxValue)
                  select ((m, k, n), (ta, tb), seed);
        IEnumerable<int> Smaller(int s) => Shrinks.Earlier(s, Sizes);
        return gen.ShrinkingWith(c => Shrinks.Each(c,
            s => Shrinks.Each(s, Smaller, Smaller, Smaller),
            t => Shrinks.Each(t, Shrinks.Bool, Shrinks.Bool),
            Shrinks.None));
    }

    [Property(MaxTest = 60)]
    public Property MatchesTheNaiveLoopForRandomSizes() =>
        Prop.ForAll(Products(), c => Compare(c.Size.M, c.Size.K, c.Size.N, c.Transposed.A, c.Transposed.B, (ulong)c.Seed));

    [Fact]
    public void RejectsBuffersThatDoNotFit()
    {
        Assert.Throws<ArgumentException>(() => MiniGrad.Kernels.MatMul.Multiply<double>(new double[6], new double[6], new double[4], 2, 3, 3, false, false));
    }
}
