using MiniGrad.Checkpoints;
using MiniGrad.Nn;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Checkpoints;

/// <summary><c>module.Save(path)</c> / <c>module.Load(path)</c>: state-dict names, buffers included, all or nothing.</summary>
public sealed class ModuleCheckpointsTests() : TempFolderTest("checkpoints")
{
    private static Sequential<float> Net(ulong seed) =>
        new(new Linear<float>(4, 8, new Generator(seed)), new Tanh<float>(), new Linear<float>(8, 3, new Generator(seed + 1)));

    private static List<float[]> Values<T>(Module<T> m) where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T> =>
        m.StateDict().Values.Select(t => t.ToArray().Select(v => float.CreateTruncating(v)).ToArray()).ToList();

    [Fact]
    public void AModuleSavedAndLoadedHasTheSameStateUnderTheStateDictNames()
    {
        string path = At("net.safetensors");
        var saved = Net(1);
        saved.Save(path, new Dictionary<string, string> { ["epoch"] = "3" });
        var file = SafeTensors.Load(path);
        Assert.Equal(["0.bias", "0.weight", "2.bias", "2.weight"], file.Names);
        Assert.Equal("3", file.Metadata["epoch"]);
        var loaded = Net(7);
        loaded.Load(path);
        Assert.Equal(Values(saved), Values(loaded));
    }

    [Fact]
    public void AFileReadOnceLoadsAsItsPathDoesAndItsMismatchesNameTheGivenSource()
    {
        string path = At("once.safetensors");
        var saved = Net(1);
        saved.Save(path, new Dictionary<string, string> { ["note"] = "read once" });
        var file = SafeTensors.Load(path);
        File.Delete(path); // everything comes from the read above
        var loaded = Net(7);
        loaded.Load(file, "from memory");
        Assert.Equal(Values(saved), Values(loaded));

        var wide = new Sequential<float>(new Linear<float>(4, 9, new Generator(1)), new Tanh<float>(), new Linear<float>(9, 3, new Generator(2)));
        var before = Values(wide);
        var e = Assert.Throws<InvalidDataException>(() => wide.Load(file, "from memory"));
        Assert.StartsWith("from memory: ", e.Message);
        Assert.Contains("tensor '0.weight' has shape [8, 4] but the module's is [9, 4]", e.Message);
        Assert.Equal(before, Values(wide));
    }

    [Fact]
    public void BuffersAreSavedAndADoubleModuleWritesF64()
    {
        string path = At("bn.safetensors");
        var bn = new BatchNorm1d<double>(3);
        bn.Forward(Tensor.FromArray([1.0, 2, 3, 4, 5, 7], 2, 3));
        bn.Save(path);
        var file = SafeTensors.Load(path);
        Assert.Contains("running_mean", file.Names);
        Assert.Contains("num_batches_tracked", file.Names);
        Assert.All(file.Entries, e => Assert.Equal("F64", e.Dtype));
        var other = new BatchNorm1d<double>(3);
        other.Load(path);
        Assert.Equal(bn.StateDict().Values.Select(t => t.ToArray()), other.StateDict().Values.Select(t => t.ToArray()));
    }

    [Fact]
    public void AShapeOrNameMismatchNamesTheFileAndTensorsAndChangesNothing()
    {
        string path = At("wide.safetensors");
        new Sequential<float>(new Linear<float>(4, 9, new Generator(1)), new Tanh<float>(), new Linear<float>(9, 3, new Generator(2))).Save(path);
        var net = Net(5);
        var before = Values(net);
        var e = Assert.Throws<InvalidDataException>(() => net.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains("tensor '0.weight' has shape [9, 4] but the module's is [8, 4]", e.Message);
        Assert.Contains("No parameter or buffer was changed", e.Message);
        Assert.Equal(before, Values(net));

        string extra = At("extra.safetensors");
        var state = net.StateDict();
        state.Remove("2.bias");
        state["3.weight"] = Tensor<float>.Scalar(1);
        SafeTensors.Save(extra, state);
        e = Assert.Throws<InvalidDataException>(() => net.Load(extra));
        Assert.Contains("tensor '2.bias' [3] is missing", e.Message);
        Assert.Contains("tensor '3.weight' is not in the module", e.Message);
        Assert.Equal(before, Values(net));
    }

    [Fact]
    public void AMalformedFileLeavesTheModuleUntouched()
    {
        string path = At("bad.safetensors");
        var net = Net(5);
        net.Save(path);
        var bytes = File.ReadAllBytes(path);
        bytes[^1] = 0; // still well formed: the values change, so a load would show
        Array.Resize(ref bytes, bytes.Length - 4); // now the data is shorter than the header says
        File.WriteAllBytes(path, bytes);
        var before = Values(net);
        Assert.Throws<SafeTensorsFormatException>(() => net.Load(path));
        Assert.Equal(before, Values(net));
    }
}
