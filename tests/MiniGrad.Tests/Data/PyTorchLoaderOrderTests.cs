using System.Text.Json;
using MiniGrad.Data;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Data;

/// <summary>
/// MiniGrad's DataLoader and DataSplit against PyTorch 1.13's, recorded by tests/scripts/pytorch_loader_orders.py in
/// Data/loader_orders.json: with a PyTorch-compatible generator of the same seed, every epoch's batches hold the same
/// samples in the same order, and the generator is left where PyTorch's is (its next draws agree).
/// </summary>
public class PyTorchLoaderOrderTests
{
    public static TheoryData<int> LoaderCases() => Indices("loaders");

    public static TheoryData<int> SplitCases() => Indices("splits");

    [Theory]
    [MemberData(nameof(LoaderCases))]
    public void LoaderYieldsPyTorchsBatchesEpochAfterEpoch(int index)
    {
        var c = ReferenceData.Load("loader_orders.json").GetProperty("loaders")[index];
        int n = c.GetProperty("n").GetInt32();
        var generator = Generator.PyTorchCompatible(c.GetProperty("seed").GetUInt64());
        var dataset = new TensorDataset<double>(Tensor<double>.Arange(n), Tensor<double>.Arange(n));
        var loader = DataLoader.Create(dataset, c.GetProperty("batch_size").GetInt32(), c.GetProperty("shuffle").GetBoolean(),
            c.GetProperty("drop_last").GetBoolean(), generator);
        Assert.Equal(c.GetProperty("len").GetInt32(), loader.Count);
        foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
        {
            var expected = epoch.EnumerateArray().Select(b => b.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToList();
            var actual = loader.Select(b => b.Inputs.ToArray().Select(v => (int)v).ToArray()).ToList();
            Assert.Equal(expected, actual);
        }
        AssertNextDraws(c, generator);
    }

    [Theory]
    [MemberData(nameof(SplitCases))]
    public void RandomSplitGivesPyTorchsParts(int index)
    {
        var c = ReferenceData.Load("loader_orders.json").GetProperty("splits")[index];
        int n = c.GetProperty("n").GetInt32();
        var generator = Generator.PyTorchCompatible(c.GetProperty("seed").GetUInt64());
        var lengths = c.GetProperty("lengths").EnumerateArray().ToList();
        var expected = c.GetProperty("parts").EnumerateArray().Select(p => p.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToList();
        var dataset = new ClassificationDataset<float>(Tensor<float>.Arange(n).Reshape(n, 1), new int[n]);
        // Integer lengths in the JSON are counts, others fractions, as random_split reads them.
        var parts = lengths.All(l => l.TryGetInt32(out _))
            ? DataSplit.RandomSplit(dataset, lengths.Select(l => l.GetInt32()).ToArray(), generator)
            : DataSplit.RandomSplit(dataset, lengths.Select(l => l.GetDouble()).ToArray(), generator);
        Assert.Equal(expected, parts.Select(p => p.Inputs.ToArray().Select(v => (int)v).ToArray()).ToList());
        AssertNextDraws(c, generator);
    }

    [Fact]
    public void TheReferenceCoversTheAskedCases()
    {
        var loaders = ReferenceData.Load("loader_orders.json").GetProperty("loaders").EnumerateArray().ToList();
        Assert.Contains(loaders, c => c.GetProperty("n").GetInt32() == 1);
        Assert.Contains(loaders, c => c.GetProperty("n").GetInt32() == 97);
        Assert.Contains(loaders, c => c.GetProperty("n").GetInt32() > 100 && c.GetProperty("batch_size").GetInt32() == 1);
        Assert.Contains(loaders, c => c.GetProperty("drop_last").GetBoolean());
        Assert.Equal(3, ReferenceData.Load("loader_orders.json").GetProperty("epochs").GetInt32());
        Assert.StartsWith("PyTorch 1.13", ReferenceData.Load("loader_orders.json").GetProperty("generator").GetString());
    }

    private static void AssertNextDraws(JsonElement c, Generator generator)
    {
        var after = c.GetProperty("after").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(after, Tensor<double>.RandomUniform(generator, 0, 1, 3).ToArray());
    }

    private static TheoryData<int> Indices(string name)
    {
        var data = new TheoryData<int>();
        int count = ReferenceData.Load("loader_orders.json").GetProperty(name).GetArrayLength();
        for (int i = 0; i < count; i++) data.Add(i);
        return data;
    }
}
