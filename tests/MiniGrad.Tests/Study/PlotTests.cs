using MiniGrad.Study;
using MiniGrad.Tests.Study.Svg;

namespace MiniGrad.Tests.Study;

public class PlotTests
{
    private static Tensor<double> ReluByClamp(Tensor<double> x) => x.Clamp(0.0, double.PositiveInfinity);

    private static Tensor<double> SigmoidByExp(Tensor<double> x) => 1.0 / (1.0 + (-x).Exp());

    [Fact]
    public void SampledDerivativeIsTheBackwardPassOfTheFunction()
    {
        var (x, y, dy) = ActivationPlot.Sample(SigmoidByExp, -3, 3, 61);
        for (int i = 0; i < x.Length; i++)
        {
            double s = 1 / (1 + Math.Exp(-x[i]));
            Assert.Equal(s, y[i], 12);
            Assert.Equal(s * (1 - s), dy[i], 12);
        }
        var relu = ActivationPlot.Sample(ReluByClamp, -2, 2, 5);
        Assert.Equal([0.0, 0.0, 1.0, 1.0, 1.0], relu.DyDx); // at 0 clamp passes the gradient (bounds included)
    }

    [Fact]
    public void ActivationSvgHasOneChartPerActivationWithFunctionAndDerivative()
    {
        string svg = ActivationPlot.Svg([("relu", ReluByClamp), ("sigmoid", SigmoidByExp), ("square", x => x * x)], columns: 2, points: 101);
        var doc = SvgAssert.Parse(svg);
        var charts = doc.Root!.WithClass("chart").ToList();
        Assert.Equal(["relu", "sigmoid", "square"], charts.Select(c => c.WithClass("title").Single().Value));
        foreach (var chart in charts)
        {
            Assert.Equal(["f(x)", "f'(x)"], chart.WithClass("series").Select(s => (string)s.Attribute("data-name")!));
            Assert.Equal(2 * 101, SvgAssert.AssertPointsInsidePlotArea(chart));
        }
        // x runs over [-4, 4]: the x axis must be labelled from -4 to 4.
        var xTicks = SvgAssert.TickLabels(charts[0], "x-axis").Select(double.Parse).ToList();
        Assert.Equal(-4, xTicks.Min());
        Assert.Equal(4, xTicks.Max());
        // square's derivative reaches 8 at x = 4: its y axis must cover [-8, 16].
        var yTicks = SvgAssert.TickLabels(charts[2], "y-axis").Select(double.Parse).ToList();
        Assert.True(yTicks.Min() <= -8 && yTicks.Max() >= 16, string.Join(", ", yTicks));
    }

    [Fact]
    public void NonElementwiseFunctionIsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => ActivationPlot.Sample(x => x.Sum()));
        Assert.Contains("elementwise", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LossPlotDrawsOneCurvePerRunAndChoosesTheAxis()
    {
        double[] fast = Enumerable.Range(0, 30).Select(i => Math.Exp(-i / 3.0)).ToArray();
        double[] slow = Enumerable.Range(0, 30).Select(i => 1.0 - i / 100.0).ToArray();
        var doc = SvgAssert.Parse(LossPlot.Svg([("relu", fast), ("sigmoid", slow)]));
        var chart = doc.Root!.WithClass("chart").Single();
        Assert.Equal(["relu", "sigmoid"], chart.WithClass("legend").Single().Elements(SvgAssert.Ns + "text").Select(t => t.Value));
        Assert.Equal("epoch", chart.WithClass("x-label").Single().Value);
        Assert.Equal("loss (log scale)", chart.WithClass("y-label").Single().Value); // spans e^-9.7: log axis
        Assert.Equal(60, SvgAssert.AssertPointsInsidePlotArea(chart));

        double[] perfect = [.. fast[..29], 0.0]; // a loss that reaches exactly 0 keeps the log axis
        Assert.Equal("loss (log scale)", SvgAssert.Parse(LossPlot.Svg([("relu", perfect)])).Root!.WithClass("y-label").Single().Value);

        var linear = SvgAssert.Parse(LossPlot.Svg([("sigmoid", slow)])).Root!.WithClass("chart").Single();
        Assert.Equal("loss", linear.WithClass("y-label").Single().Value);
    }
}
