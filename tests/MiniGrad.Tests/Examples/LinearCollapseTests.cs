using MiniGrad.Examples;

namespace MiniGrad.Tests.Examples;

/// <summary>examples/LinearCollapse: without activations a deep network is one layer, and one layer cannot learn XOR.</summary>
public class LinearCollapseTests
{
    private static readonly int[] Sizes = [2, 8, 8, 8, 1];

    [Theory]
    [InlineData(0UL)]
    [InlineData(7UL)]
    public void ADeepNetworkWithoutActivationsEqualsItsCollapsedLayer(ulong seed)
    {
        var network = new DeepNetwork(Sizes, relu: false, Generator.PyTorchCompatible(seed));
        var x = Tensor<double>.RandomNormal(new Generator(seed + 100), 200, 2) * 10.0;
        var (w, b) = network.Collapse();
        Assert.Equal(new[] { 1, 2 }, w.Shape.Dims.ToArray());
        Assert.Equal(new[] { 1 }, b.Shape.Dims.ToArray());
        Assert.True(network.MaxCollapseError(x) < 1e-12, $"max error {network.MaxCollapseError(x)}");
    }

    [Fact]
    public void ANetworkWithReluDoesNotCollapse()
    {
        var network = new DeepNetwork(Sizes, relu: true, Generator.PyTorchCompatible(0));
        Assert.Throws<InvalidOperationException>(() => network.Collapse());
    }

    [Fact]
    public void OnXorTheLinearNetworkFailsWhereTheReluNetworkSucceeds()
    {
        var linear = new DeepNetwork(Sizes, relu: false, Generator.PyTorchCompatible(0));
        var relu = new DeepNetwork(Sizes, relu: true, Generator.PyTorchCompatible(0));
        var (_, linearAccuracy) = XorExperiment.Train(linear, steps: 2000);
        var (reluLoss, reluAccuracy) = XorExperiment.Train(relu, steps: 2000);

        Assert.True(linearAccuracy <= 0.75, $"linear accuracy {linearAccuracy}");
        Assert.Equal(1.0, reluAccuracy);
        Assert.True(reluLoss < 0.05, $"ReLU network's loss {reluLoss}");
        // Trained or not, the linear network is still one affine map.
        Assert.True(linear.MaxCollapseError(XorExperiment.Inputs()) < 1e-12);
    }
}
