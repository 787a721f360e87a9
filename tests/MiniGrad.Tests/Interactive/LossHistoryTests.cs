using MiniGrad.Interactive;
using MiniGrad.Tests.Plotting;

namespace MiniGrad.Tests.Interactive;

public class LossHistoryTests
{
    [Fact]
    public void ChartHasOnePointPerLossAndTheRunsName()
    {
        var history = new LossHistory("relu");
        for (int i = 0; i < 25; i++) history.Add(Tensor.Scalar(1.0 / (i + 1)));
        Assert.Equal(25, history.Losses.Count);
        Assert.Equal(0.04, history.Losses[^1], 15);

        var chart = SvgAssert.Parse(history.ToSvg()).Root!.WithClass("chart").Single();
        Assert.Equal(["relu"], chart.WithClass("legend").Single().Elements(SvgAssert.Ns + "text").Select(t => t.Value));
        Assert.Equal(25, SvgAssert.AssertPointsInsidePlotArea(chart));
        Assert.Equal("loss (log scale)", chart.WithClass("y-label").Single().Value); // from 1 to 0.04: more than 20×
        Assert.Equal("relu: 25 losses, last 0.04", history.ToString());
    }

    [Fact]
    public void ComparisonDrawsEveryRunOnOneChart()
    {
        var a = new LossHistory("with Tanh");
        var b = new LossHistory("without");
        foreach (double v in new[] { 0.7, 0.5, 0.3 }) a.Add(v);
        foreach (double v in new[] { 0.7, 0.69, 0.69 }) b.Add(v);
        var chart = SvgAssert.Parse(LossHistory.Compare(a, b).ToSvg()).Root!.WithClass("chart").Single();
        Assert.Equal(["with Tanh", "without"], chart.WithClass("legend").Single().Elements(SvgAssert.Ns + "text").Select(t => t.Value));
        Assert.Equal(6, SvgAssert.AssertPointsInsidePlotArea(chart));
    }

    [Fact]
    public void BadInputSaysWhatToDo()
    {
        var history = new LossHistory("run");
        var e = Assert.Throws<ArgumentException>(() => history.Add(Tensor.FromArray(new[] { 1.0, 2.0 })));
        Assert.Contains("LossHistory.Add", e.Message, StringComparison.Ordinal);
        Assert.Contains("[2]", e.Message, StringComparison.Ordinal);
        Assert.Empty(history.Losses); // nothing half-added

        var empty = Assert.Throws<InvalidOperationException>(() => history.ToSvg());
        Assert.Contains("'run' has no loss", empty.Message, StringComparison.Ordinal);

        history.Add(1.0);
        var twice = Assert.Throws<ArgumentException>(() => LossHistory.Compare(history, new LossHistory("run")));
        Assert.Contains("two runs are named 'run'", twice.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => LossHistory.Compare());
        Assert.Throws<ArgumentException>(() => new LossHistory(" "));
    }
}
