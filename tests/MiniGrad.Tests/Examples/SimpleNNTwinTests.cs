using System.Text.Json;
using MiniGrad.Examples;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Examples;

/// <summary>
/// examples/SimpleNN (tutorial 000) against PyTorch: <c>torch.manual_seed(0); model = SimpleNN(); x = torch.randn(4, 10)</c>
/// in float32 (Data/pytorch_generator.json, "tutorial000").
/// </summary>
public class SimpleNNTwinTests
{
    private static JsonElement Reference(string activation) =>
        ReferenceData.Load("pytorch_generator.json").GetProperty("tutorial000").EnumerateArray()
            .Single(e => e.GetProperty("activation").GetString() == activation);

    public static TheoryData<string> Activations => new(SimpleNN.Activations);

    [Theory]
    [MemberData(nameof(Activations))]
    public void WeightsAreNnLinearsBitForBitAndTheOutputIsPyTorchs(string activation)
    {
        var reference = Reference(activation);
        var generator = Generator.PyTorchCompatible(0);
        var model = new SimpleNN(activation, generator);
        var x = Tensor<float>.RandomNormal(generator, 4, 10);

        var state = model.StateDict();
        var parameters = reference.GetProperty("initial_parameters");
        Assert.Equal(parameters.EnumerateObject().Select(p => p.Name), state.Keys);
        foreach (var p in parameters.EnumerateObject())
            Bits(p.Value, state[p.Name], p.Name);
        Bits(reference.GetProperty("x"), x, "x");

        var (shape, expected) = ReferenceData.ReadTensor(reference.GetProperty("output"));
        var output = model.Forward(x);
        Assert.Equal(shape, output.Shape.Dims.ToArray());
        // Same weights and input; only the order of float additions in the matrix products may differ.
        Close.All<float>(expected, output.ReadOnlySpan, rel: 1e-5, abs: 1e-6, what: $"SimpleNN({activation}) output");
    }

    [Fact]
    public void PrintsItsLayersAndTheActivationFieldLikePyTorchsRepr()
    {
        Assert.Equal(
            "SimpleNN(\n  (fc1): Linear(inFeatures: 10, outFeatures: 5, bias: True)\n  (fc2): Linear(inFeatures: 5, outFeatures: 3, bias: True)\n  (softmax): Softmax(dim: 1)\n)",
            new SimpleNN("softmax", Generator.PyTorchCompatible(0)).ToString());
    }

    [Fact]
    public void AnUnknownActivationIsRefusedWithTheChoices()
    {
        var e = Assert.Throws<ArgumentException>(() => new SimpleNN("swish", Generator.PyTorchCompatible(0)));
        Assert.Contains("relu6", e.Message);
    }

    private static void Bits(JsonElement expected, Tensor<float> actual, string what)
    {
        var (shape, data) = ReferenceData.ReadTensor(expected);
        Assert.Equal(shape, actual.Shape.Dims.ToArray());
        var a = actual.ToArray();
        for (int i = 0; i < data.Length; i++)
            Assert.True((float)data[i] == a[i], $"{what}[{i}]: MiniGrad {a[i]:R}, PyTorch {data[i]:R}");
    }
}
