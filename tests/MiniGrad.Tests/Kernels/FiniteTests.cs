using FsCheck;
using FsCheck.Fluent;
using MiniGrad.Kernels;

namespace MiniGrad.Tests.Kernels;

public class FiniteTests
{
    [Fact]
    public void FindsTheFirstNanOrInfinityAtAnyPosition()
    {
        var bad = new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity };
        Prop.ForAll(Gen.Choose(1, 300).Zip(Gen.Choose(0, 10_000)).Zip(Gen.Choose(0, 2)).ToArbitrary(), c =>
        {
            var ((n, seed), kind) = c;
            var values = Tensor<float>.RandomNormal(new Generator((ulong)seed), n).ToArray();
            Assert.Equal(-1, Finite.IndexOfNonFinite<float>(values));
            int at = seed % n;
            values[at] = bad[kind];
            if (at + 1 < n) values[n - 1] = float.NaN; // a later one must not be reported instead
            Assert.Equal(at, Finite.IndexOfNonFinite<float>(values));
        }).QuickCheckThrowOnFailure();
    }

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
