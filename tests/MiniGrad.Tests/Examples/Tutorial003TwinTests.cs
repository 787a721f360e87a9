using System.Text.Json;
using MiniGrad.Examples;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Examples;

/// <summary>
/// examples/Tutorial003 against PyTorch 1.13 running the tutorial's script after <c>torch.manual_seed(0)</c> in float32
/// (Data/pytorch_generator.json, "tutorial003", written by tests/scripts/pytorch_generator.py).
/// </summary>
public class Tutorial003TwinTests
{
    // Observed max relative difference of the 150 epoch losses (float32, x64 with AVX-512, packed GEMM): relu 3.3e-5,
    // sigmoid 2.6e-7, tanh 8.3e-7, leaky_relu 1.8e-6 (with the earlier row-by-row GEMM: relu 6.5e-7). MiniGrad's
    // float GEMM and sums add in another order than PyTorch's, so the last bits differ from the first step on and
    // drift a little over 1500 Adam steps; 1e-4 leaves room for that drift, not for a wrong formula.
    private const double LossTolerance = 1e-4;

    private static JsonElement Reference(string activation) =>
        ReferenceData.Load("pytorch_generator.json").GetProperty("tutorial003").EnumerateArray()
            .Single(e => e.GetProperty("activation").GetString() == activation);

    public static TheoryData<string> Activations => new(SimpleModel<float>.ActivationNames);

    [Theory]
    [MemberData(nameof(Activations))]
    public void DataAndInitialParametersAreNnLinearsBitForBit(string activation)
    {
        var reference = Reference(activation);
        var (x, y, _, initial) = Tutorial003Training.Run<float>(activation, Generator.PyTorchCompatible(0), numEpochs: 0);

        AssertBits(reference.GetProperty("X"), x, "X");
        AssertBits(reference.GetProperty("y"), y, "y");
        var parameters = reference.GetProperty("initial_parameters");
        Assert.Equal(parameters.EnumerateObject().Select(p => p.Name), initial.Keys);
        foreach (var p in parameters.EnumerateObject())
            AssertBits(p.Value, initial[p.Name], p.Name);
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void EveryEpochLossMatchesPyTorchsSeededRun(string activation)
    {
        var expected = Reference(activation).GetProperty("epoch_losses").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var actual = new List<double>();
        Tutorial003Training.Run<float>(activation, Generator.PyTorchCompatible(0),
            onEpoch: (epoch, loss) => actual.Add(loss.Item()));

        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            double rel = Math.Abs(actual[i] - expected[i]) / Math.Abs(expected[i]);
            Assert.True(rel <= LossTolerance,
                $"{activation}, epoch {i + 1}: MiniGrad {actual[i]:R}, PyTorch {expected[i]:R} (relative difference {rel:E2})");
        }
    }

    [Fact]
    public void TrainingLowersTheLossOnTheTutorialsData()
    {
        // Independent of PyTorch's numbers: 150 epochs of Adam fit the random targets better than the start.
        var losses = new List<double>();
        Tutorial003Training.Run<float>("relu", Generator.PyTorchCompatible(0), onEpoch: (_, loss) => losses.Add(loss.Item()));
        Assert.True(losses[^1] < 0.5 * losses[0], $"first epoch {losses[0]}, last {losses[^1]}");
    }

    private static void AssertBits(JsonElement expected, Tensor<float> actual, string what)
    {
        var (shape, data) = ReferenceData.ReadTensor(expected);
        Assert.Equal(shape, actual.Shape.Dims.ToArray());
        var a = actual.ToArray();
        for (int i = 0; i < data.Length; i++)
            Assert.True((float)data[i] == a[i], $"{what}[{i}]: MiniGrad {a[i]:R}, PyTorch {data[i]:R}");
    }
}
