using MiniGrad.Data;

namespace MiniGrad.Tests.Data;

public class DataSplitTests
{
    [Theory]
    [InlineData(10, new[] { 0.3, 0.7 }, new[] { 3, 7 })]
    [InlineData(11, new[] { 0.5, 0.25, 0.25 }, new[] { 6, 3, 2 })]
    [InlineData(1797, new[] { 0.8, 0.1, 0.1 }, new[] { 1438, 180, 179 })]
    [InlineData(2, new[] { 0.5, 0.5 }, new[] { 1, 1 })]
    [InlineData(0, new[] { 1.0 }, new[] { 0 })]
    public void FractionsBecomeLengthsAsInPyTorch(int count, double[] fractions, int[] lengths) =>
        Assert.Equal(lengths, DataSplit.Lengths(count, fractions));

    [Fact]
    public void PartsAreDisjointCoverEverythingAndRepeatForASeed()
    {
        var data = new ClassificationDataset<double>(Tensor<double>.Arange(100).Reshape(100, 1), Enumerable.Range(0, 100).Select(i => i % 3).ToArray(), ["a", "b", "c"]);
        var parts = DataSplit.RandomSplit(data, [0.7, 0.15, 0.15], new Generator(9));
        Assert.Equal([70, 15, 15], parts.Select(p => p.Count));
        var all = parts.SelectMany(p => p.Inputs.ToArray()).ToArray();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (double)i), all.Order());
        Assert.All(parts, p => Assert.Equal(data.ClassNames, p.ClassNames));
        Assert.All(parts, p => { for (int i = 0; i < p.Count; i++) Assert.Equal((int)p.Inputs[i, 0] % 3, p.Targets[i]); });
        var again = DataSplit.RandomSplit(data, [0.7, 0.15, 0.15], new Generator(9));
        Assert.Equal(all, again.SelectMany(p => p.Inputs.ToArray()));
        Assert.NotEqual(all, DataSplit.RandomSplit(data, [0.7, 0.15, 0.15], new Generator(10)).SelectMany(p => p.Inputs.ToArray()));
        var counted = DataSplit.RandomSplit(new TensorDataset<float>(Tensor<float>.Zeros(5, 2), Tensor<float>.Zeros(5)), [2, 3], new Generator(1));
        Assert.Equal([2, 3], counted.Select(p => p.Count));
    }

    [Fact]
    public void BadFractionsAndLengthsAreRefusedWithTheirValues()
    {
        var e = Assert.Throws<ArgumentException>(() => DataSplit.Lengths(10, [0.5, 0.6]));
        Assert.Contains("[0.5, 0.6] sum to 1.1", e.Message);
        var f = Assert.Throws<ArgumentException>(() => DataSplit.Lengths(10, [1.5, -0.5]));
        Assert.Contains("fraction 1.5 (part 0) is not between 0 and 1", f.Message);
        var l = Assert.Throws<ArgumentException>(() => DataSplit.RandomIndices(10, [3, 6], new Generator(1)));
        Assert.Contains("[3, 6] sum to 9, but the dataset has 10 samples", l.Message);
        Assert.Throws<ArgumentException>(() => DataSplit.RandomIndices(10, [11, -1], new Generator(1)));
        Assert.Throws<ArgumentException>(() => DataSplit.Lengths(10, ReadOnlySpan<double>.Empty));
    }
}
