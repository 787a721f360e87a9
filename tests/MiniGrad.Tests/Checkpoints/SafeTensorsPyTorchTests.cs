using System.Text.Json;
using System.Text.RegularExpressions;
using MiniGrad.Checkpoints;
using MiniGrad.Nn;
using MiniGrad.Tests.Support;
using Xunit.Abstractions;

namespace MiniGrad.Tests.Checkpoints;

/// <summary>
/// safetensors files between MiniGrad and PyTorch 1.13, both ways, through tests/MiniGrad.Tests/Checkpoints/
/// safetensors_io.py (the format written from its specification with struct, json and torch.frombuffer, as the
/// safetensors package is not installed) and safetensors_driver.py, run by /usr/bin/python3. Without torch the tests
/// write that they skipped to the test output and return.
/// </summary>
public sealed class SafeTensorsPyTorchTests(ITestOutputHelper output) : TempFolderTest("safetensors-torch")
{
    private const string Python = "/usr/bin/python3";
    private const string Driver = "tests/MiniGrad.Tests/Checkpoints/safetensors_driver.py";

    [Fact]
    public void PyTorchLoadsAMiniGradModelAndComputesTheSameOutputs()
    {
        var gen = new Generator(11);
        var net = new Sequential<float>(new Linear<float>(4, 8, gen), new Tanh<float>(), new Linear<float>(8, 3, gen));
        string path = At("net.safetensors"), resaved = At("resaved.safetensors");
        net.Save(path, new Dictionary<string, string> { ["format"] = "pt" });
        var x = Tensor<float>.RandomUniform(new Generator(12), -2, 2, 5, 4);
        var rows = Enumerable.Range(0, 5).Select(i => Enumerable.Range(0, 4).Select(j => (double)x[i, j]).ToArray()).ToArray();
        if (RunPython(["forward", path, JsonSerializer.Serialize(rows), resaved]) is not { } stdout) return;

        var torch = JsonSerializer.Deserialize<double[][]>(stdout)!;
        var ours = net.Forward(x);
        AssertSameOutputs(torch, ours);
        // The file written from the specification in Python is MiniGrad's, byte for byte.
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(resaved));
    }

    [Fact]
    public void MiniGradLoadsWhatPyTorchSavesIncludingHalfBFloat16ScalarsAndEmptyTensors()
    {
        if (RunPython(["write", Folder]) is not { } stdout) return;
        using var json = JsonDocument.Parse(stdout);
        foreach (var file in new[] { "model", "mixed", "edge" })
        {
            var loaded = SafeTensors.Load(At(file + ".safetensors"));
            var expected = json.RootElement.GetProperty(file);
            Assert.Equal(expected.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal), loaded.Names.Order(StringComparer.Ordinal));
            foreach (var tensor in expected.EnumerateObject())
            {
                var shape = tensor.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
                var values = tensor.Value.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
                var asDouble = loaded.Get<double>(tensor.Name);
                Assert.Equal(new TensorShape(shape), asDouble.Shape);
                Assert.Equal(values, asDouble.ToArray()); // F16, BF16 and F32 are exact as doubles
                Assert.Equal(values.Select(v => (float)v), loaded.Get<float>(tensor.Name).ToArray());
            }
        }
        Assert.Equal("BF16", SafeTensors.Load(At("mixed.safetensors"))["bf16"].Dtype);
        Assert.Equal("edge cases", SafeTensors.Load(At("edge.safetensors")).Metadata["note"]);

        var net = new Sequential<float>(new Linear<float>(4, 8, new Generator(1)), new Tanh<float>(), new Linear<float>(8, 3, new Generator(2)));
        net.Load(At("model.safetensors"));
        var weight = json.RootElement.GetProperty("model").GetProperty("2.weight").GetProperty("values").EnumerateArray().Select(v => (float)v.GetDouble());
        Assert.Equal(weight, net.StateDict()["2.weight"].ToArray());
    }

    [Fact]
    public void PyTorchLoadsTheModelThatTrainSaveWrites()
    {
        // minigrad train --task iris --hidden 8 --activation tanh: the driver's Sequential(Linear(4, 8), Tanh, Linear(8, 3)).
        string path = At("iris.safetensors"), resaved = At("iris-resaved.safetensors");
        var options = new MiniGrad.Cli.Training.TrainingOptions
        {
            Task = MiniGrad.Cli.Training.TrainingTask.Iris, Hidden = [8], Activation = "tanh", Epochs = 3, SavePath = path,
        };
        var result = MiniGrad.Cli.Training.HoldoutRun.Run(options, MiniGrad.Cli.Training.HoldoutData<float>.Load(options));
        var model = Assert.IsType<MiniGrad.Cli.Training.TrainedModel<float>>(result.Trained).Model;
        var x = Tensor<float>.RandomUniform(new Generator(12), -2, 2, 5, 4);
        var rows = Enumerable.Range(0, 5).Select(i => Enumerable.Range(0, 4).Select(j => (double)x[i, j]).ToArray()).ToArray();
        if (RunPython(["forward", path, JsonSerializer.Serialize(rows), resaved]) is not { } stdout) return;

        var torch = JsonSerializer.Deserialize<double[][]>(stdout)!;
        using var _ = MiniGrad.Tape.NoGrad();
        model.Eval();
        var ours = model.Forward(x);
        AssertSameOutputs(torch, ours);
        // PyTorch's side keeps the description it was given: the resaved file still rebuilds in minigrad predict.
        Assert.Equal(SafeTensors.Load(path).Metadata, SafeTensors.Load(resaved).Metadata);
    }

    private string? RunPython(string[] arguments)
    {
        if (!File.Exists(Python))
        {
            output.WriteLine($"SKIPPED: {Python} does not exist, so safetensors files were not exchanged with PyTorch.");
            return null;
        }
        var result = ChildProcess.Run(Python, [Driver, .. arguments], Repository.Root(),
            new Dictionary<string, string> { ["OPENBLAS_NUM_THREADS"] = "1" });
        if (result.ExitCode != 0 && Regex.IsMatch(result.Stderr, "No module named '(torch|numpy)'"))
        {
            output.WriteLine($"SKIPPED: {Python} has no torch (tests/scripts/install-python-deps.sh installs Debian's python3-torch), " +
                             "so safetensors files were not exchanged with PyTorch.");
            return null;
        }
        Assert.True(result.ExitCode == 0, $"{Driver} {string.Join(' ', arguments)} failed:\n{result.Stderr}");
        return result.Stdout;
    }

    /// <summary>PyTorch's outputs of the 5 × 3 test batch against MiniGrad's, within 1e-6 (float weights).</summary>
    private void AssertSameOutputs(double[][] torch, Tensor<float> ours)
    {
        double largest = 0;
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 3; j++)
                largest = Math.Max(largest, Math.Abs(torch[i][j] - ours[i, j]));
        output.WriteLine($"largest difference between the outputs: {largest:E2}");
        Assert.True(largest <= 1e-6, $"largest difference {largest:E2}");
    }
}
