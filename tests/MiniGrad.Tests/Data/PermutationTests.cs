namespace MiniGrad.Tests.Data;

/// <summary>Generator.Permutation, the randperm under the loader and the splits (PyTorch's order is checked by
/// PyTorchLoaderOrderTests through them).</summary>
public class PermutationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(97)]
    [InlineData(1000)]
    public void IsAPermutationForBothKindsOfGenerator(int n)
    {
        foreach (var g in new[] { new Generator(3), Generator.PyTorchCompatible(3) })
            Assert.Equal(Enumerable.Range(0, n), g.Permutation(n).Order());
    }

    [Fact]
    public void DrawsNMinusOne32BitValuesFromAPyTorchCompatibleGenerator()
    {
        // randperm(n) uses n - 1 draws of 32 bits: after a permutation of 5 and one more draw, the generator is where
        // a fresh one is after 5 draws (4 + 1), seen through the next 64-bit value.
        var a = Generator.PyTorchCompatible(11);
        a.Permutation(5);
        a.Permutation(2); // one more 32-bit draw
        var b = Generator.PyTorchCompatible(11);
        b.Permutation(6); // five draws
        Assert.Equal(b.NextUInt64(), a.NextUInt64());
    }

    [Fact]
    public void SpreadsEveryElementOverEveryPosition()
    {
        var g = new Generator(8);
        var counts = new int[4, 4];
        for (int trial = 0; trial < 4000; trial++)
        {
            var p = g.Permutation(4);
            for (int i = 0; i < 4; i++) counts[i, p[i]]++;
        }
        foreach (int c in counts) Assert.InRange(c, 850, 1150);
    }

    [Fact]
    public void RefusesANegativeLength()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Generator(1).Permutation(-2));
        Assert.Contains("n must be >= 0, got -2", e.Message);
    }
}
