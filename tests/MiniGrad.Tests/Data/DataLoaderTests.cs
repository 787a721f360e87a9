using MiniGrad.Data;

namespace MiniGrad.Tests.Data;

public class DataLoaderTests
{
    private static TensorDataset<float> Numbered(int n) =>
        new(Tensor<float>.FromArray(Enumerable.Range(0, n * 2).Select(i => (float)i).ToArray(), n, 2),
            Tensor<float>.Arange(n));

    [Theory]
    [InlineData(10, 3, false, 4)]
    [InlineData(10, 3, true, 3)]
    [InlineData(9, 3, false, 3)]
    [InlineData(9, 3, true, 3)]
    [InlineData(2, 5, false, 1)]
    [InlineData(2, 5, true, 0)]
    [InlineData(0, 5, false, 0)]
    public void CountIsTheNumberOfBatchesAndTheBatchesCoverTheSamplesInOrder(int n, int batchSize, bool dropLast, int batches)
    {
        var loader = DataLoader.Create(Numbered(n), batchSize, dropLast: dropLast);
        Assert.Equal(batches, loader.Count);
        var seen = new List<float>();
        int count = 0;
        foreach (var (x, y) in loader)
        {
            count++;
            Assert.Equal(2, x.Shape[1]);
            Assert.Equal(x.Shape[0], y.Shape[0]);
            Assert.True(x.Shape[0] == batchSize || (!dropLast && count == batches));
            seen.AddRange(y.ToArray());
        }
        Assert.Equal(batches, count);
        Assert.Equal(Enumerable.Range(0, dropLast ? batches * batchSize : n).Select(i => (float)i), seen);
    }

    [Fact]
    public void WithoutShufflingBatchesAreViewsAndWithShufflingCopies()
    {
        var data = Numbered(6);
        foreach (var (x, y) in DataLoader.Create(data, 4))
        {
            Assert.True(x.SharesStorageWith(data.Inputs));
            Assert.True(y.SharesStorageWith(data.Targets));
        }
        foreach (var (x, y) in DataLoader.Create(data, 4, shuffle: true, generator: new Generator(1)))
        {
            Assert.False(x.SharesStorageWith(data.Inputs));
            // Rows travel together: input row i is [2i, 2i + 1] and its target is i.
            for (int r = 0; r < y.Length; r++)
                Assert.Equal(new[] { 2 * y[r], 2 * y[r] + 1 }, new[] { x[r, 0], x[r, 1] });
        }
    }

    [Fact]
    public void EachEpochDrawsANewOrderAndTheSameSeedRepeatsThem()
    {
        static List<float[]> Epochs(ulong seed)
        {
            var loader = DataLoader.Create(Numbered(20), 20, shuffle: true, generator: new Generator(seed));
            return Enumerable.Range(0, 3).Select(_ => loader.Single().Targets.ToArray()).ToList();
        }
        var a = Epochs(5);
        Assert.Equal(a.Select(e => e.Select(v => (int)v)), Epochs(5).Select(e => e.Select(v => (int)v)));
        Assert.NotEqual(a[0], a[1]);
        Assert.NotEqual(a[1], a[2]);
        Assert.All(a, e => Assert.Equal(Enumerable.Range(0, 20).Select(i => (float)i), e.Order()));
        Assert.NotEqual(a[0], Epochs(6)[0]);
    }

    [Fact]
    public void ClassTargetsComeAsIntArrays()
    {
        var data = new ClassificationDataset<double>(Tensor<double>.Arange(5).Reshape(5, 1), [0, 1, 2, 1, 0], ["a", "b", "c"]);
        var batches = DataLoader.Create(data, batchSize: 2).ToList();
        Assert.Equal([[0, 1], [2, 1], [0]], batches.Select(b => b.Targets));
        Assert.Equal([4.0], batches[2].Inputs.ToArray());
        var shuffled = DataLoader.Create(data, batchSize: 5, shuffle: true, generator: new Generator(3)).Single();
        for (int i = 0; i < 5; i++) Assert.Equal(data.Targets[(int)shuffled.Inputs[i, 0]], shuffled.Targets[i]);
    }

    [Fact]
    public void BadArgumentsAreRefusedWithTheValue()
    {
        var data = Numbered(3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DataLoader.Create(data, batchSize: 0));
        Assert.Contains("batchSize must be >= 1, got 0", e.Message);
        var s = Assert.Throws<ArgumentException>(() => DataLoader.Create(data, 2, shuffle: true));
        Assert.Contains("needs a generator", s.Message);
        Assert.Throws<ArgumentNullException>(() => DataLoader.Create<(Tensor<float>, Tensor<float>)>(null!));
    }
}
