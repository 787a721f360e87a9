using MiniGrad.Nn;

namespace MiniGrad.Tests.Activations;

/// <summary>Invalid parameters are refused (where PyTorch refuses them, plus NaN) with the value in the message.</summary>
public class ActivationArgumentTests
{
    private static readonly Tensor<double> X = Tensor.FromArray(new[] { 1.0, -2.0, 3.0, -4.0, 5.0, -6.0 }, 2, 3);

    private static void Refused(Action call, params string[] inMessage)
    {
        var e = Assert.ThrowsAny<ArgumentException>(call);
        foreach (string s in inMessage) Assert.Contains(s, e.Message);
    }

    [Fact]
    public void HardtanhNeedsMinBelowMax()
    {
        Refused(() => Functional.Hardtanh(X, 1.0, 1.0), "minVal (1)", "maxVal (1)");
        Refused(() => Functional.Hardtanh(X, 2.0, -1.5), "2", "-1.5");
        Refused(() => new Hardtanh<double>(0.5, 0.25), "0.5", "0.25");
    }

    [Fact]
    public void SoftshrinkRefusesNegativeLambdaButHardshrinkDoesNotLikePyTorch()
    {
        Refused(() => Functional.Softshrink(X, -0.5), "-0.5");
        Refused(() => new Softshrink<float>(-0.25), "-0.25");
        Assert.Equal(X.ToArray(), Functional.Hardshrink(X, -0.5).ToArray());
    }

    [Fact]
    public void CeluRefusesZeroAlphaEluAcceptsNegative()
    {
        Refused(() => Functional.Celu(X, 0.0), "alpha", "0");
        Refused(() => new Celu<double>(0.0), "alpha", "0");
        Assert.Equal(-0.5 * (Math.Exp(-2.0) - 1), Functional.Elu(X, -0.5)[0, 1], 14);
    }

    [Fact]
    public void NaNParametersAreRefused()
    {
        Refused(() => Functional.LeakyRelu(X, double.NaN), "negativeSlope");
        Refused(() => Functional.Elu(X, double.NaN), "alpha");
        Refused(() => Functional.Softplus(X, double.NaN), "beta");
        Refused(() => Functional.Threshold(X, double.NaN, 1), "threshold");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-3)]
    [InlineData(7)]
    public void DimOutOfRangeIsRefused(int dim)
    {
        string d = $"dim {dim}";
        Refused(() => Functional.Softmax(X, dim), d, "[2, 3]");
        Refused(() => Functional.LogSoftmax(X, dim), d);
        Refused(() => Functional.Softmin(X, dim), d);
        Refused(() => Functional.Glu(X, dim), d);
    }

    [Fact]
    public void NegativeDimsCountFromTheEnd()
    {
        Assert.Equal(Functional.Softmax(X, 1).ToArray(), Functional.Softmax(X, -1).ToArray());
        Assert.Equal(Functional.LogSoftmax(X, 0).ToArray(), Functional.LogSoftmax(X, -2).ToArray());
        var y = Functional.Glu(Tensor.FromArray(new[] { 1.0, 2.0, 3.0, 4.0 }, 2, 2), -2).ToArray();
        Assert.Equal(1 / (1 + Math.Exp(-3.0)), y[0], 15);
        Assert.Equal(2 / (1 + Math.Exp(-4.0)), y[1], 15);
    }

    [Fact]
    public void GluRefusesAnOddSize() => Refused(() => Functional.Glu(X, 1), "even", "size 3", "[2, 3]");

    [Fact]
    public void RreluChecksItsBoundsAndItsGenerator()
    {
        Refused(() => Functional.Rrelu(X, 0.5, 0.25), "0.5", "0.25");
        Refused(() => new Rrelu<double>(0.4, 0.3), "0.4", "0.3");
        Refused(() => Functional.Rrelu(X, training: true), "Generator");
        Refused(() => new Rrelu<double>().Forward(X), "Generator");
    }

    [Fact]
    public void PreluChecksWeightSize()
    {
        Refused(() => Functional.Prelu(X, Tensor.FromArray(new[] { 0.1, 0.2 })), "2", "3 channel");
        Assert.ThrowsAny<ArgumentException>(() => new Prelu<double>(0));
    }
}
