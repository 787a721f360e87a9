using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MiniGrad.Kernels;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Kernels;

public class FiniteTests
{
    private static readonly float[] Bad = [float.NaN, float.PositiveInfinity, float.NegativeInfinity];

    /// <summary>A length, a seed (which also places the bad value) and which bad value; shrinks to shorter arrays and to NaN.</summary>
    private static Arbitrary<(int N, int Seed, int Kind)> Cases() =>
        (from n in Gen.Choose(1, 300)
         from seed in Gen.Choose(0, 10_000)
         from kind in Gen.Choose(0, 2)
         select (n, seed, kind))
        .ShrinkingWith(c => Shrinks.Each(c, n => Shrinks.Int(n, 1), Shrinks.None, k => Shrinks.Int(k)));

    [Property(MaxTest = 100)]
    public Property FindsTheFirstNanOrInfinityAtAnyPosition() =>
        Prop.ForAll(Cases(), c =>
        {
            var (n, seed, kind) = c;
            var values = Tensor<float>.RandomNormal(new Generator((ulong)seed), n).ToArray();
            Assert.Equal(-1, Finite.IndexOfNonFinite<float>(values));
            int at = seed % n;
            values[at] = Bad[kind];
            if (at + 1 < n) values[n - 1] = float.NaN; // a later one must not be reported instead
            Assert.Equal(at, Finite.IndexOfNonFinite<float>(values));
        });

    [Fact]
    public void ExtremeFiniteValuesAreFinite()
    {
        var values = new double[130];
        for (int i = 0; i < values.Length; i++)
            values[i] = (i % 4) switch { 0 => double.MaxValue, 1 => -double.MaxValue, 2 => double.Epsilon, _ => -0.0 };
        Assert.Equal(-1, Finite.IndexOfNonFinite<double>(values));
        Assert.Equal(-1, Finite.IndexOfNonFinite<double>([]));
    }
}
