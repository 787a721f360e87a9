using MiniGrad.Plotting;

namespace MiniGrad.Tests.Plotting;

public class LossPlotTests
{
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

    [Fact]
    public void ChartCanBeAdjustedBeforeRendering()
    {
        double[] slow = Enumerable.Range(0, 10).Select(i => 1.0 - i / 100.0).ToArray();
        var chart = LossPlot.Chart([("sigmoid", slow)], logY: true);
        Assert.True(chart.LogY);
        Assert.True(chart.IntegerX);
        Assert.Equal(LossPlot.Svg([("sigmoid", slow)], logY: true), chart.ToSvg());
    }
}
