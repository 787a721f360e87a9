using MiniGrad.Nn;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Nn;

public class LinearTests
{
    [Theory]
    [InlineData(10, 18)]
    [InlineData(1, 3)]
    [InlineData(100, 4)]
    public void InitIsUniformWithinOneOverSqrtInFeaturesForWeightAndBias(int inFeatures, int outFeatures)
    {
        var linear = new Linear<double>(inFeatures, outFeatures, new Generator(3));
        double bound = 1 / Math.Sqrt(inFeatures);
        Assert.Equal(new TensorShape(outFeatures, inFeatures), linear.Weight.Shape);
        Assert.Equal(new TensorShape(outFeatures), linear.Bias!.Shape);
        Assert.All(linear.Weight.ToArray(), w => Assert.InRange(Math.Abs(w), 0, bound * (1 + 1e-15)));
        Assert.All(linear.Bias.ToArray(), b => Assert.InRange(Math.Abs(b), 0, bound));
        // Not degenerate: the draws spread over the range.
        if (inFeatures * outFeatures >= 40)
            Assert.True(linear.Weight.ToArray().Max() > bound / 2 && linear.Weight.ToArray().Min() < -bound / 2);
    }

    [Fact]
    public void SameSeedGivesSameParametersAndWeightIsDrawnBeforeBias()
    {
        var a = new Linear<double>(4, 3, new Generator(9));
        var b = new Linear<double>(4, 3, new Generator(9));
        Assert.Equal(a.Weight.ToArray(), b.Weight.ToArray());
        Assert.Equal(a.Bias!.ToArray(), b.Bias!.ToArray());
        var g = new Generator(9);
        double weightBound = Math.Sqrt(3.0) * (Math.Sqrt(2.0 / (1 + Math.Sqrt(5.0) * Math.Sqrt(5.0))) / 2);
        Assert.Equal(0.5, weightBound, 15);
        var w = Tensor<double>.RandomUniform(g, -weightBound, weightBound, 3, 4);
        var bias = Tensor<double>.RandomUniform(g, -0.5, 0.5, 3);
        Assert.Equal(w.ToArray(), a.Weight.ToArray());
        Assert.Equal(bias.ToArray(), a.Bias.ToArray());
    }

    [Fact]
    public void ForwardIsXTimesWeightTransposedPlusBias()
    {
        var linear = new Linear<double>(3, 2, new Generator(5));
        var x = Tensor<double>.RandomNormal(new Generator(6), 4, 3);
        var y = linear.Forward(x);
        Assert.Equal(new TensorShape(4, 2), y.Shape);
        for (int r = 0; r < 4; r++)
            for (int o = 0; o < 2; o++)
            {
                double expected = linear.Bias![o];
                for (int i = 0; i < 3; i++) expected += x[r, i] * linear.Weight[o, i];
                Assert.Equal(expected, y[r, o], 12);
            }
    }

    [Fact]
    public void ForwardWithoutBiasAndWithOtherRanks()
    {
        var linear = new Linear<double>(3, 2, new Generator(5), bias: false);
        Assert.Null(linear.Bias);
        Assert.Single(linear.Parameters());
        var x = Tensor<double>.RandomNormal(new Generator(6), 2, 4, 3);
        var y = linear.Forward(x);
        Assert.Equal(new TensorShape(2, 4, 2), y.Shape);
        var flat = linear.Forward(x.Reshape(8, 3));
        Close.All(flat.ToArray(), y.ReadOnlySpan, 1e-15, 0, "rank 3 vs rank 2");
        var v = linear.Forward(Tensor<double>.FromArray([1.0, 2.0, 3.0]));
        Assert.Equal(new TensorShape(2), v.Shape);
    }

    [Fact]
    public void WrongInputWidthThrowsNamingLayerAndShape()
    {
        var linear = new Linear<float>(10, 18, new Generator(1));
        var e = Assert.Throws<ArgumentException>(() => linear.Forward(Tensor<float>.Zeros(5, 3)));
        Assert.Contains("Linear(inFeatures: 10, outFeatures: 18, bias: True)", e.Message);
        Assert.Contains("[5, 3]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Linear<float>(0, 3, new Generator(1)));
    }

    [Fact]
    public void PrintsLikePytorchWithDotnetNames()
    {
        Assert.Equal("Linear(inFeatures: 10, outFeatures: 18, bias: True)", new Linear<float>(10, 18, new Generator(1)).ToString());
        Assert.Equal("Linear(inFeatures: 4, outFeatures: 1, bias: False)", new Linear<double>(4, 1, new Generator(1), bias: false).ToString());
    }

    [Fact]
    public void GradientsMatchCentralDifferences()
    {
        var linear = new Linear<double>(3, 2, new Generator(11));
        var x = Tensor<double>.RandomNormal(new Generator(12), 4, 3);
        var inputs = new[] { x, linear.Weight, linear.Bias! };
        Tensor<double> F(Tensor<double>[] t) => (Tensor<double>.MatMul(t[0], t[1], transposeB: true) + t[2]).Pow(2.0).Sum();
        var numeric = NumericGradient.Compute(F, inputs);
        x.RequiresGrad = true;
        linear.Forward(x).Pow(2.0).Sum().Backward();
        Close.All(numeric[0], x.Grad!.ReadOnlySpan, 1e-6, 1e-8, "dx");
        Close.All(numeric[1], linear.Weight.Grad!.ReadOnlySpan, 1e-6, 1e-8, "dW");
        Close.All(numeric[2], linear.Bias!.Grad!.ReadOnlySpan, 1e-6, 1e-8, "db");
    }
}
