using MiniGrad.Examples;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Examples;

/// <summary>examples/ActivationPrintouts: tutorial 001's printed lines, and tutorial 002's Sequential snippet against PyTorch.</summary>
public class ActivationPrintoutsTests
{
    [Fact]
    public void PrintsTutorial001sLinesLineForLine()
    {
        // Copied verbatim from /work/shared/seeds/001_b10ad39cfc4fb57c.txt (the output lines under each example).
        string[] expected =
        [
            "PyTorch ReLU: tensor([0., 2., 0., 4., 0.])",                            // under "Custom ReLU implementation"
            "Custom ReLU: [0 2 0 4 0]",                                              // the NumPy custom_relu
            "Leaky ReLU: tensor([-0.1000,  2.0000, -0.3000,  4.0000,  0.0000])",     // "Using PyTorch's Leaky ReLU"
            "Sigmoid: tensor([0.2689, 0.8808, 0.0474, 0.9820, 0.5000])",             // "Using PyTorch's Sigmoid"
            "Tanh: tensor([-0.7616,  0.9640, -0.9951,  0.9993,  0.0000])",           // "Using PyTorch's Tanh"
            "Softmax: tensor([0.0117, 0.0317, 0.0861, 0.2341, 0.6364])",             // "Using PyTorch's Softmax"
            "Sum of probabilities: tensor(1.)",                                      // as PyTorch 1.13 prints it here (the tutorial's text: tensor(1.0000))
        ];
        Assert.Equal(expected, Tutorial001.Lines().ToArray());
    }

    [Fact]
    public void Tutorial002SequentialGivesPyTorchsOutputForTheSameSeed()
    {
        var reference = ReferenceData.Load("pytorch_generator.json").GetProperty("tutorial002_sequential");
        var (_, input, output) = Tutorial002Sequential.Run(Generator.PyTorchCompatible(0));

        var (inputShape, inputData) = ReferenceData.ReadTensor(reference.GetProperty("input"));
        Assert.Equal(inputShape, input.Shape.Dims.ToArray());
        Assert.Equal(inputData.Select(v => (float)v), input.ToArray()); // bit for bit: same generator, same order

        var (shape, expected) = ReferenceData.ReadTensor(reference.GetProperty("output"));
        Assert.Equal(new[] { 32, 10 }, output.Shape.Dims.ToArray());
        Assert.Equal(shape, output.Shape.Dims.ToArray());
        Close.All<float>(expected, output.ReadOnlySpan, rel: 1e-5, abs: 1e-7, what: "Sequential output");
        // print(output) reads the same too (4 decimals): no value sits on a rounding boundary here.
        Assert.Equal(reference.GetProperty("printed").GetString(), output.ToString());
    }
}
