using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MiniGrad.Tests.Plotting;

/// <summary>Reads the SVG the study tools write: charts, their plot areas, series points, legends, labels.</summary>
internal static partial class SvgAssert
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    [GeneratedRegex(@"[ML]\s*(-?[\d.]+),(-?[\d.]+)")]
    private static partial Regex PathPoint();

    public static XDocument Parse(string svg)
    {
        var doc = XDocument.Parse(svg);
        Assert.Equal(Ns + "svg", doc.Root!.Name);
        foreach (var attr in doc.Descendants().Attributes())
        {
            Assert.DoesNotContain("NaN", attr.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Infinity", attr.Value, StringComparison.OrdinalIgnoreCase);
        }
        return doc;
    }

    public static IEnumerable<XElement> WithClass(this XContainer c, string cls) =>
        c.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cls) == true);

    public static double D(this XElement e, string attr) => double.Parse((string)e.Attribute(attr)!, CultureInfo.InvariantCulture);

    public static List<(double X, double Y)> Points(XElement path)
    {
        string d = (string)path.Attribute("d")!;
        return PathPoint().Matches(d).Select(m => (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>Every point of every series path lies inside its chart's plot area (within rounding).</summary>
    public static int AssertPointsInsidePlotArea(XElement chart)
    {
        var area = chart.WithClass("plot-area").Single();
        double x0 = area.D("x"), y0 = area.D("y"), x1 = x0 + area.D("width"), y1 = y0 + area.D("height");
        int n = 0;
        foreach (var path in chart.WithClass("series").Select(s => s.Element(Ns + "path")!))
        foreach (var (x, y) in Points(path))
        {
            Assert.InRange(x, x0 - 0.01, x1 + 0.01);
            Assert.InRange(y, y0 - 0.01, y1 + 0.01);
            n++;
        }
        return n;
    }

    public static List<string> TickLabels(XElement chart, string axis) =>
        chart.WithClass(axis).Single().WithClass("tick-label").Select(t => t.Value).ToList();
}
