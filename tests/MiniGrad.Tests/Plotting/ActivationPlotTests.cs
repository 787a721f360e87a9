using MiniGrad.Plotting;

namespace MiniGrad.Tests.Plotting;

public class ActivationPlotTests
{
    private static Tensor<double> ReluByClamp(Tensor<double> x) => x.Clamp(0.0, double.PositiveInfinity);

    private static Tensor<double> SigmoidByExp(Tensor<double> x) => 1.0 / (1.0 + (-x).Exp());

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
    public void GridIsTheSvgBeforeRendering()
    {
        (string, Func<Tensor<double>, Tensor<double>>)[] activations = [("relu", ReluByClamp), ("sigmoid", SigmoidByExp)];
        var grid = ActivationPlot.Grid(activations, columns: 2, points: 51);
        Assert.Equal(["relu", "sigmoid"], grid.Charts.Select(c => c.Title));
        Assert.Equal(ActivationPlot.Svg(activations, columns: 2, points: 51), grid.ToSvg());
    }

    [Fact]
    public void NoActivationIsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => ActivationPlot.Svg([]));
        Assert.Contains("no activation", ex.Message, StringComparison.Ordinal);
    }
}
