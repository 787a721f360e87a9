using System.Xml.Linq;
using MiniGrad.Plotting;

namespace MiniGrad.Tests.Plotting;

public class LineChartTests
{
    private static LineChart TwoSeries()
    {
        var x = Enumerable.Range(0, 50).Select(i => i / 10.0).ToArray();
        return new LineChart { Title = "waves", XLabel = "time", YLabel = "amplitude" }
            .Add(new LineSeries("sin", x, x.Select(Math.Sin).ToArray()))
            .Add(new LineSeries("cos <&>", x, x.Select(Math.Cos).ToArray(), Dashed: true));
    }

    [Fact]
    public void ChartHasTitleAxisLabelsLegendAndOneSeriesGroupPerLine()
    {
        var doc = SvgAssert.Parse(TwoSeries().ToSvg());
        var chart = doc.Root!.WithClass("chart").Single();
        Assert.Equal("waves", chart.WithClass("title").Single().Value);
        Assert.Equal("time", chart.WithClass("x-label").Single().Value);
        Assert.Equal("amplitude", chart.WithClass("y-label").Single().Value);
        Assert.Equal(["sin", "cos <&>"], chart.WithClass("series").Select(s => (string)s.Attribute("data-name")!));
        Assert.Equal(["sin", "cos <&>"], chart.WithClass("legend").Single().Elements(SvgAssert.Ns + "text").Select(t => t.Value));
        var paths = chart.WithClass("series").Select(s => s.Element(SvgAssert.Ns + "path")!).ToList();
        Assert.NotEqual((string)paths[0].Attribute("stroke")!, (string)paths[1].Attribute("stroke")!);
        Assert.NotNull(paths[1].Attribute("stroke-dasharray"));
        Assert.Equal(100, SvgAssert.AssertPointsInsidePlotArea(chart));
    }

    [Fact]
    public void TickLabelsAreNiceNumbersCoveringTheData()
    {
        var chart = SvgAssert.Parse(TwoSeries().ToSvg()).Root!.WithClass("chart").Single();
        Assert.Equal(["0", "1", "2", "3", "4", "5"], SvgAssert.TickLabels(chart, "x-axis"));
        var y = SvgAssert.TickLabels(chart, "y-axis").Select(double.Parse).ToList();
        Assert.True(y.Min() <= -1 && y.Max() >= 1);
        Assert.Contains(chart.WithClass("zero"), l => l.D("y1") == l.D("y2")); // the y = 0 line, since y crosses zero
    }

    [Fact]
    public void PointsMapLinearlyIntoThePlotArea()
    {
        var chart = new LineChart().Add(new LineSeries("diag", [0, 10], [0, 10]));
        var g = SvgAssert.Parse(chart.ToSvg()).Root!.WithClass("chart").Single();
        var area = g.WithClass("plot-area").Single();
        var pts = SvgAssert.Points(g.WithClass("series").Single().Element(SvgAssert.Ns + "path")!);
        Assert.Equal(area.D("x"), pts[0].X, 2);
        Assert.Equal(area.D("y") + area.D("height"), pts[0].Y, 2); // (0, 0) at bottom left
        Assert.Equal(area.D("x") + area.D("width"), pts[1].X, 2);
        Assert.Equal(area.D("y"), pts[1].Y, 2);                      // (10, 10) at top right
    }

    [Fact]
    public void NaNAndInfinitePointsLeaveGapsNotBrokenCoordinates()
    {
        var chart = new LineChart().Add(new LineSeries("gappy", [0, 1, 2, 3, 4], [1, double.NaN, 2, double.PositiveInfinity, 3]));
        var g = SvgAssert.Parse(chart.ToSvg()).Root!.WithClass("chart").Single();
        string d = (string)g.WithClass("series").Single().Element(SvgAssert.Ns + "path")!.Attribute("d")!;
        Assert.Equal(3, d.Count(c => c == 'M')); // three pieces, no L across a gap
        Assert.Equal(3, SvgAssert.AssertPointsInsidePlotArea(g));
    }

    [Fact]
    public void LogAxisLabelsDecadesAndSkipsNonPositiveValues()
    {
        var chart = new LineChart { LogY = true }.Add(LineSeries.Indexed("loss", [1.0, 0.1, 0.0, 0.01, 0.002]));
        var g = SvgAssert.Parse(chart.ToSvg()).Root!.WithClass("chart").Single();
        Assert.Equal(["0.001", "0.01", "0.1", "1"], SvgAssert.TickLabels(g, "y-axis"));
        Assert.Equal(4, SvgAssert.AssertPointsInsidePlotArea(g));
    }

    [Fact]
    public void FixedYRangeClipsLinesToThePlotArea()
    {
        var chart = new LineChart { YRange = (-1, 1) }.Add(new LineSeries("steep", [0, 1], [-5, 5]));
        var doc = SvgAssert.Parse(chart.ToSvg());
        var lines = doc.Root!.WithClass("lines").Single();
        string clip = ((string)lines.Attribute("clip-path")!)[5..^1];
        Assert.Single(doc.Descendants(SvgAssert.Ns + "clipPath"), c => (string?)c.Attribute("id") == clip);
        Assert.Equal(["-1.0", "-0.5", "0.0", "0.5", "1.0"], SvgAssert.TickLabels(doc.Root!.WithClass("chart").Single(), "y-axis"));
    }

    [Fact]
    public void MoreSeriesThanColoursStillLookDifferent()
    {
        var chart = new LineChart();
        for (int i = 0; i < 25; i++) chart.Add(new LineSeries($"s{i}", [0, 1], [i, i + 1]));
        var paths = SvgAssert.Parse(chart.ToSvg()).Root!.WithClass("series").Select(s => s.Element(SvgAssert.Ns + "path")!).ToList();
        var looks = paths.Select(p => ((string)p.Attribute("stroke")!, (string?)p.Attribute("stroke-dasharray"))).ToList();
        Assert.Equal(25, looks.Distinct().Count());
    }

    [Fact]
    public void ALongLegendWrapsIntoColumnsInsideTheChart()
    {
        var chart = new LineChart { Width = 700, Height = 300 };
        for (int i = 0; i < 40; i++) chart.Add(new LineSeries($"series{i}", [0, 1], [i, i + 1]));
        var g = SvgAssert.Parse(chart.ToSvg()).Root!.WithClass("chart").Single();
        var texts = g.WithClass("legend").Single().Elements(SvgAssert.Ns + "text").ToList();
        Assert.Equal(40, texts.Count);
        var area = g.WithClass("plot-area").Single();
        Assert.All(texts, t => Assert.InRange(t.D("y"), area.D("y"), area.D("y") + area.D("height")));
        Assert.All(texts, t => Assert.InRange(t.D("x"), area.D("x") + area.D("width"), 700));
        Assert.True(texts.Select(t => t.D("x")).Distinct().Count() > 1, "the legend should have wrapped into columns");
    }

    [Fact]
    public void IntegerXKeepsTicksOnWholeNumbers()
    {
        var chart = new LineChart { IntegerX = true }.Add(LineSeries.Indexed("loss", [3.0, 2.0, 1.5]));
        var g = SvgAssert.Parse(chart.ToSvg()).Root!.WithClass("chart").Single();
        Assert.Equal(["1", "2", "3"], SvgAssert.TickLabels(g, "x-axis"));
        Assert.Equal(3, SvgAssert.AssertPointsInsidePlotArea(g));
    }

    [Fact]
    public void BadInputThrowsWithTheProblem()
    {
        Assert.Throws<InvalidOperationException>(() => new LineChart().ToSvg());
        Assert.Throws<ArgumentException>(() => new LineChart().Add(new LineSeries("x", [1, 2], [1])));
        var allNaN = new LineChart().Add(new LineSeries("nan", [1], [double.NaN]));
        Assert.Contains("finite", Assert.Throws<InvalidOperationException>(() => allNaN.ToSvg()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GridPlacesEveryChartWithUniqueClipIds()
    {
        var grid = new ChartGrid { Title = "many", Columns = 2 };
        for (int i = 0; i < 5; i++) grid.Charts.Add(new LineChart { Title = $"c{i}" }.Add(new LineSeries("s", [0, 1], [i, i + 1])));
        var doc = SvgAssert.Parse(grid.ToSvg());
        var charts = doc.Root!.WithClass("chart").ToList();
        Assert.Equal(5, charts.Count);
        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], charts.Select(c => c.WithClass("title").Single().Value));
        var ids = doc.Descendants(SvgAssert.Ns + "clipPath").Select(c => (string)c.Attribute("id")!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(2 * 300, doc.Root!.D("width"));
        Assert.Equal(34 + 3 * 220, doc.Root!.D("height"));
        Assert.All(charts, c => Assert.Equal(2, SvgAssert.AssertPointsInsidePlotArea(c)));
    }
}
