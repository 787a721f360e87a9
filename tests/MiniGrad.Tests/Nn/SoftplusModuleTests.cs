namespace MiniGrad.Tests.Nn;

/// <summary>The Softplus module refuses what Functional.Softplus refuses, where the module is made.</summary>
public class SoftplusModuleTests
{
    [Theory]
    [InlineData(0.0, "beta = 0 is meaningless")]
    [InlineData(double.PositiveInfinity, "beta = +Infinity is not finite")]
    [InlineData(1e-60, "rounds to 0 in Single")]
    public void TheConstructorRefusesABetaSoftplusCannotUse(double beta, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MiniGrad.Nn.Softplus<float>(beta));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ANegativeBetaIsAcceptedAsInPyTorch()
    {
        var m = new MiniGrad.Nn.Softplus<double>(beta: -1);
        var y = m.Forward(Tensor.FromArray(new[] { 0.0 }));
        Assert.Equal(-Math.Log(2), y.Item(), 14);
    }
}
