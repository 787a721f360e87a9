namespace MiniGrad.Tests.Storage;

public class GeneratorTests
{
    [Fact]
    public void SameSeedSameBitsDifferentSeedDifferentBits()
    {
        var a = new Generator(42);
        var b = new Generator(42);
        var c = new Generator(43);
        var sa = Enumerable.Range(0, 1000).Select(_ => a.NextUInt64()).ToArray();
        var sb = Enumerable.Range(0, 1000).Select(_ => b.NextUInt64()).ToArray();
        var sc = Enumerable.Range(0, 1000).Select(_ => c.NextUInt64()).ToArray();
        Assert.Equal(sa, sb);
        Assert.NotEqual(sa, sc);
        Assert.True(sa.Zip(sc).Count(p => p.First == p.Second) < 5);
    }

    [Fact]
    public void RandomTensorsRepeatForASeed()
    {
        var n1 = Tensor<float>.RandomNormal(new Generator(7), 3, 5);
        var n2 = Tensor<float>.RandomNormal(new Generator(7), 3, 5);
        var n3 = Tensor<float>.RandomNormal(new Generator(8), 3, 5);
        Assert.Equal(n1.ToArray().Select(BitConverter.SingleToInt32Bits), n2.ToArray().Select(BitConverter.SingleToInt32Bits));
        Assert.NotEqual(n1.ToArray(), n3.ToArray());
        var u1 = Tensor<double>.RandomUniform(new Generator(7), -2, 3, 100);
        var u2 = Tensor<double>.RandomUniform(new Generator(7), -2, 3, 100);
        Assert.Equal(u1.ToArray().Select(BitConverter.DoubleToInt64Bits), u2.ToArray().Select(BitConverter.DoubleToInt64Bits));
        Assert.All(u1.ToArray(), v => Assert.InRange(v, -2, 3 - 1e-12));
    }

    [Fact]
    public void RandomNormalHasTheAskedMeanAndStd()
    {
        const int n = 20_000;
        var x = Tensor<double>.RandomNormal(new Generator(123), 2.0, 3.0, n).ToArray();
        double mean = x.Average();
        double std = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        // Five standard errors: 5 * 3 / sqrt(n) for the mean, 5 * 3 / sqrt(2n) for the std.
        Assert.InRange(mean, 2.0 - 0.107, 2.0 + 0.107);
        Assert.InRange(std, 3.0 - 0.076, 3.0 + 0.076);
        // Roughly 68% within one std.
        double within = x.Count(v => Math.Abs(v - 2.0) < 3.0) / (double)n;
        Assert.InRange(within, 0.66, 0.70);
    }

    [Fact]
    public void NextIntStaysInRangeAndCoversIt()
    {
        var g = new Generator(5);
        var counts = new int[7];
        for (int i = 0; i < 7000; i++) counts[g.NextInt(7)]++;
        Assert.All(counts, c => Assert.InRange(c, 800, 1200));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.NextInt(0));
    }
}
