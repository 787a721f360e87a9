using MiniGrad.Nn;

namespace MiniGrad.Tests.Activations;

/// <summary>
/// The printed lines of the tutorial /work/shared/seeds/001_b10ad39cfc4fb57c.txt, reproduced with MiniGrad's
/// modules on the same float tensors. (Its NumPy line "Custom ReLU: [0 2 0 4 0]" prints a NumPy array, not a tensor.)
/// </summary>
public class TutorialPrintTests
{
    private static Tensor<float> TutorialInput() => Tensor.FromArray(new[] { -1.0f, 2.0f, -3.0f, 4.0f, 0.0f });

    [Fact]
    public void Relu() =>
        Assert.Equal("PyTorch ReLU: tensor([0., 2., 0., 4., 0.])", "PyTorch ReLU: " + new Relu<float>().Forward(TutorialInput()));

    [Fact]
    public void LeakyRelu() =>
        Assert.Equal("Leaky ReLU: tensor([-0.1000,  2.0000, -0.3000,  4.0000,  0.0000])",
            "Leaky ReLU: " + new LeakyRelu<float>(negativeSlope: 0.1).Forward(TutorialInput()));

    [Fact]
    public void Sigmoid() =>
        Assert.Equal("Sigmoid: tensor([0.2689, 0.8808, 0.0474, 0.9820, 0.5000])", "Sigmoid: " + new Sigmoid<float>().Forward(TutorialInput()));

    [Fact]
    public void Tanh() =>
        Assert.Equal("Tanh: tensor([-0.7616,  0.9640, -0.9951,  0.9993,  0.0000])", "Tanh: " + new Tanh<float>().Forward(TutorialInput()));

    [Fact]
    public void SoftmaxAndTheSumOfItsProbabilities()
    {
        var y = new Softmax<float>(dim: 0).Forward(Tensor.FromArray(new[] { 1.0f, 2.0f, 3.0f, 4.0f, 5.0f }));
        Assert.Equal("Softmax: tensor([0.0117, 0.0317, 0.0861, 0.2341, 0.6364])", "Softmax: " + y);
        // PyTorch 1.13 (Debian's, on this project's machine) prints tensor(1.): the probabilities sum to 1 exactly. The
        // tutorial's text shows tensor(1.0000), a sum one float step away, from the PyTorch build it was written with.
        Assert.Equal("Sum of probabilities: tensor(1.)", "Sum of probabilities: " + y.Sum());
    }

    [Fact]
    public void ModulesPrintLikePyTorchInDotNetNames()
    {
        Assert.Equal("Relu()", new Relu<float>().ToString());
        Assert.Equal("LeakyRelu(negativeSlope: 0.01)", new LeakyRelu<float>().ToString());
        Assert.Equal("Sigmoid()", new Sigmoid<double>().ToString());
        Assert.Equal("Tanh()", new Tanh<double>().ToString());
    }
}
