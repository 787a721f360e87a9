using MiniGrad.Study;

namespace MiniGrad.Tests.Study;

public class ActivationCurveTests
{
    private static Tensor<double> ReluByClamp(Tensor<double> x) => x.Clamp(0.0, double.PositiveInfinity);

    private static Tensor<double> SigmoidByExp(Tensor<double> x) => 1.0 / (1.0 + (-x).Exp());

    [Fact]
    public void SampledDerivativeIsTheBackwardPassOfTheFunction()
    {
        var (x, y, dy) = ActivationCurve.Sample(SigmoidByExp, -3, 3, 61);
        for (int i = 0; i < x.Length; i++)
        {
            double s = 1 / (1 + Math.Exp(-x[i]));
            Assert.Equal(s, y[i], 12);
            Assert.Equal(s * (1 - s), dy[i], 12);
        }
        var relu = ActivationCurve.Sample(ReluByClamp, -2, 2, 5);
        Assert.Equal([0.0, 0.0, 1.0, 1.0, 1.0], relu.DyDx); // at 0 clamp passes the gradient (bounds included)
    }

    [Fact]
    public void NonElementwiseFunctionIsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => ActivationCurve.Sample(x => x.Sum()));
        Assert.Contains("elementwise", ex.Message, StringComparison.Ordinal);
    }
}
