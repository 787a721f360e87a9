using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace MiniGrad.Plotting;

/// <summary>
/// A line chart written as SVG: a title, x and y axes with ticks at nice numbers and their labels, a light grid, a
/// zero line, any number of series clipped to the plot area, and a legend. No plotting library is involved; the SVG
/// is built as XML, so it is always well-formed.
/// </summary>
/// <remarks>
/// The parts carry classes (<c>plot-area</c>, <c>x-axis</c>, <c>y-axis</c>, <c>series</c>, <c>legend</c>, <c>title</c>,
/// <c>x-label</c>, <c>y-label</c>), so the drawing can be restyled with CSS or inspected by a test.
/// </remarks>
public sealed class LineChart
{
    /// <summary>The default colours, in order (Matplotlib's tab10).</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private static readonly XNamespace Ns = SvgDocument.Ns;

    private const double CharWidth = 6.5;  // a rough width of a 11px sans-serif character, for layout

    /// <summary>The chart's title (empty for none).</summary>
    public string Title { get; set; } = "";

    /// <summary>The x axis label.</summary>
    public string XLabel { get; set; } = "";

    /// <summary>The y axis label.</summary>
    public string YLabel { get; set; } = "";

    /// <summary>The width in pixels.</summary>
    public double Width { get; set; } = 640;

    /// <summary>The height in pixels.</summary>
    public double Height { get; set; } = 400;

    /// <summary>Plot y on a logarithmic axis (ticks at powers of ten); non-positive values leave gaps.</summary>
    public bool LogY { get; set; }

    /// <summary>Put x ticks on whole numbers only (epochs, steps): never 1.5.</summary>
    public bool IntegerX { get; set; }

    /// <summary>A fixed y range; null fits the data.</summary>
    public (double Min, double Max)? YRange { get; set; }

    /// <summary>Show the legend (on the right of the plot area).</summary>
    public bool ShowLegend { get; set; } = true;

    /// <summary>The lines, drawn in order.</summary>
    public List<LineSeries> Series { get; } = [];

    /// <summary>Adds a series and returns the chart, for chaining.</summary>
    public LineChart Add(LineSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.X.Count != series.Y.Count)
            throw new ArgumentException($"LineChart: series '{series.Name}' has {series.X.Count} x values and {series.Y.Count} y values.", nameof(series));
        Series.Add(series);
        return this;
    }

    /// <summary>The chart as a standalone SVG document.</summary>
    public string ToSvg()
    {
        var svg = SvgDocument.Root(Width, Height);
        svg.Add(SvgDocument.Background(Width, Height));
        var ids = new IdSource();
        svg.Add(Render(0, 0, ids));
        return SvgDocument.Serialize(svg);
    }

    /// <summary>Writes <see cref="ToSvg"/> to <paramref name="path"/>.</summary>
    public void Save(string path) => File.WriteAllText(path, ToSvg());

    /// <summary>The chart as a group translated to (<paramref name="left"/>, <paramref name="top"/>), for grids.</summary>
    internal XElement Render(double left, double top, IdSource ids)
    {
        if (Series.Count == 0) throw new InvalidOperationException($"LineChart '{Title}': add at least one series before rendering.");
        var g = new XElement(Ns + "g", new XAttribute("class", "chart"), new XAttribute("transform", $"translate({F(left)},{F(top)})"));

        // Layout: title on top, x label at the bottom, y label on the left, legend on the right.
        double plotLeft = 58 + (YLabel.Length > 0 ? 16 : 0);
        double plotTop = Title.Length > 0 ? 30 : 12;
        double plotBottom = Height - 34 - (XLabel.Length > 0 ? 14 : 0);
        // The legend takes as many columns as it needs to stay within the plot's height.
        const double LegendRow = 16;
        int legendRows = Math.Max(1, Math.Min(Series.Count, (int)((plotBottom - plotTop - 4) / LegendRow)));
        int legendColumns = (Series.Count + legendRows - 1) / legendRows;
        double legendColumnWidth = 24 + CharWidth * Series.Max(s => s.Name.Length) + 12;
        double legendWidth = ShowLegend ? legendColumns * legendColumnWidth : 0;
        double plotRight = Width - 14 - legendWidth;
        if (plotRight - plotLeft < 40 || plotBottom - plotTop < 40)
            throw new InvalidOperationException($"LineChart '{Title}': {Width}x{Height} pixels leave no room for the plot; make it larger or the names shorter.");

        var (xs, ys) = Ranges();
        double xmin = xs.Ticks.Min, xmax = xs.Ticks.Max, ymin = ys.Min, ymax = ys.Max;
        double Px(double x) => plotLeft + (x - xmin) / (xmax - xmin) * (plotRight - plotLeft);
        double Py(double y) => plotBottom - (ToAxis(y) - ymin) / (ymax - ymin) * (plotBottom - plotTop);

        g.Add(new XElement(Ns + "rect", new XAttribute("class", "plot-area"),
            A("x", plotLeft), A("y", plotTop), A("width", plotRight - plotLeft), A("height", plotBottom - plotTop),
            new XAttribute("fill", "white"), new XAttribute("stroke", "#999999")));

        // Axes with ticks, tick labels and grid lines.
        var xAxis = new XElement(Ns + "g", new XAttribute("class", "x-axis"), new XAttribute("font-size", "11"), new XAttribute("text-anchor", "middle"));
        foreach (double t in xs.Ticks.Ticks)
        {
            double px = Px(t);
            xAxis.Add(Line("grid", px, plotTop, px, plotBottom, "#eeeeee"));
            xAxis.Add(Line("tick", px, plotBottom, px, plotBottom + 5, "#333333"));
            xAxis.Add(new XElement(Ns + "text", new XAttribute("class", "tick-label"), A("x", px), A("y", plotBottom + 17), xs.Ticks.Format(t)));
        }
        var yAxis = new XElement(Ns + "g", new XAttribute("class", "y-axis"), new XAttribute("font-size", "11"), new XAttribute("text-anchor", "end"));
        foreach (var (value, label) in ys.Labels)
        {
            double py = plotBottom - (value - ymin) / (ymax - ymin) * (plotBottom - plotTop);
            yAxis.Add(Line("grid", plotLeft, py, plotRight, py, "#eeeeee"));
            yAxis.Add(Line("tick", plotLeft - 5, py, plotLeft, py, "#333333"));
            yAxis.Add(new XElement(Ns + "text", new XAttribute("class", "tick-label"), A("x", plotLeft - 8), A("y", py + 4), label));
        }
        g.Add(xAxis, yAxis);
        if (xmin < 0 && xmax > 0) g.Add(Line("zero", Px(0), plotTop, Px(0), plotBottom, "#bbbbbb"));
        if (!LogY && ymin < 0 && ymax > 0) g.Add(Line("zero", plotLeft, Py(0), plotRight, Py(0), "#bbbbbb"));

        // Series, clipped to the plot area (a fixed YRange may cut them).
        string clipId = ids.Next("clip");
        g.Add(new XElement(Ns + "clipPath", new XAttribute("id", clipId),
            new XElement(Ns + "rect", A("x", plotLeft), A("y", plotTop), A("width", plotRight - plotLeft), A("height", plotBottom - plotTop))));
        var seriesGroup = new XElement(Ns + "g", new XAttribute("class", "lines"), new XAttribute("clip-path", $"url(#{clipId})"));
        for (int i = 0; i < Series.Count; i++)
        {
            var s = Series[i];
            var path = new StringBuilder();
            bool penDown = false;
            for (int k = 0; k < s.X.Count; k++)
            {
                double x = s.X[k], y = s.Y[k];
                if (!double.IsFinite(x) || !double.IsFinite(y) || (LogY && y <= 0))
                {
                    penDown = false; // a gap
                    continue;
                }
                path.Append(penDown ? " L" : (path.Length > 0 ? " M" : "M")).Append(F(Px(x))).Append(',').Append(F(Py(y)));
                penDown = true;
            }
            var pathElement = new XElement(Ns + "path", new XAttribute("class", "line"), new XAttribute("d", path.ToString()),
                new XAttribute("fill", "none"), new XAttribute("stroke", ColorOf(i)), new XAttribute("stroke-width", "1.8"),
                new XAttribute("stroke-linejoin", "round"));
            if (DashOf(i) is { } dash) pathElement.Add(new XAttribute("stroke-dasharray", dash));
            seriesGroup.Add(new XElement(Ns + "g", new XAttribute("class", "series"), new XAttribute("data-name", s.Name), pathElement));
        }
        g.Add(seriesGroup);

        if (Title.Length > 0)
            g.Add(new XElement(Ns + "text", new XAttribute("class", "title"), A("x", (plotLeft + plotRight) / 2), A("y", 19),
                new XAttribute("text-anchor", "middle"), new XAttribute("font-size", "14"), new XAttribute("font-weight", "bold"), Title));
        if (XLabel.Length > 0)
            g.Add(new XElement(Ns + "text", new XAttribute("class", "x-label"), A("x", (plotLeft + plotRight) / 2), A("y", Height - 8),
                new XAttribute("text-anchor", "middle"), new XAttribute("font-size", "12"), XLabel));
        if (YLabel.Length > 0)
        {
            double cy = (plotTop + plotBottom) / 2;
            g.Add(new XElement(Ns + "text", new XAttribute("class", "y-label"), A("x", 14), A("y", cy),
                new XAttribute("transform", $"rotate(-90 14 {F(cy)})"), new XAttribute("text-anchor", "middle"), new XAttribute("font-size", "12"), YLabel));
        }

        if (ShowLegend)
        {
            var legend = new XElement(Ns + "g", new XAttribute("class", "legend"), new XAttribute("font-size", "11"));
            for (int i = 0; i < Series.Count; i++)
            {
                double lx = plotRight + 12 + i / legendRows * legendColumnWidth;
                double ly = plotTop + 8 + LegendRow * (i % legendRows);
                var swatch = Line("swatch", lx, ly, lx + 18, ly, ColorOf(i));
                swatch.SetAttributeValue("stroke-width", "2.5");
                if (DashOf(i) is { } dash) swatch.Add(new XAttribute("stroke-dasharray", dash));
                legend.Add(swatch, new XElement(Ns + "text", A("x", lx + 24), A("y", ly + 4), Series[i].Name));
            }
            g.Add(legend);
        }
        return g;
    }

    private string ColorOf(int i) => Series[i].Color ?? Palette[i % Palette.Count];

    /// <summary>
    /// The dash pattern of series <paramref name="i"/>: dashed when asked; otherwise, once the palette's colours are
    /// used up, the second round of colours is dashed and the third dotted, so no two lines look alike.
    /// </summary>
    private string? DashOf(int i)
    {
        if (Series[i].Dashed) return "5,3";
        if (Series[i].Color is not null) return null;
        return (i / Palette.Count % 3) switch { 1 => "7,3", 2 => "2,2", _ => null };
    }

    private double ToAxis(double y) => LogY ? Math.Log10(y) : y;

    /// <summary>The x ticks, and the y axis range in axis units (log10 on a log axis) with its labelled values.</summary>
    private (XAxis X, YAxis Y) Ranges()
    {
        double xmin = double.PositiveInfinity, xmax = double.NegativeInfinity, ymin = double.PositiveInfinity, ymax = double.NegativeInfinity;
        foreach (var s in Series)
        {
            for (int k = 0; k < s.X.Count; k++)
            {
                double x = s.X[k], y = s.Y[k];
                if (!double.IsFinite(x) || !double.IsFinite(y) || (LogY && y <= 0)) continue;
                xmin = Math.Min(xmin, x);
                xmax = Math.Max(xmax, x);
                ymin = Math.Min(ymin, y);
                ymax = Math.Max(ymax, y);
            }
        }
        if (double.IsInfinity(xmin))
            throw new InvalidOperationException($"LineChart '{Title}': no series has a finite point{(LogY ? " with a positive y (the y axis is logarithmic)" : "")}.");
        if (YRange is { } r)
        {
            if (!(r.Min < r.Max) || (LogY && r.Min <= 0))
                throw new InvalidOperationException($"LineChart '{Title}': YRange ({r.Min}, {r.Max}) must have Min < Max{(LogY ? " and Min > 0 on a log axis" : "")}.");
            (ymin, ymax) = r;
        }
        var xTicks = NiceTicks.For(xmin, xmax);
        if (IntegerX && xTicks.Step < 1)
        {
            double first = Math.Floor(xmin), last = Math.Max(Math.Ceiling(xmax), first + 1);
            xTicks = new NiceTicks(first, last, 1, Enumerable.Range(0, (int)(last - first) + 1).Select(i => first + i).ToArray());
        }
        if (!LogY)
        {
            var yTicks = YRange is null ? NiceTicks.For(ymin, ymax) : NiceTicks.For(ymin, ymax) with { Min = ymin, Max = ymax };
            var labels = yTicks.Ticks.Where(t => t >= yTicks.Min - 1e-12 && t <= yTicks.Max + 1e-12).Select(t => (t, yTicks.Format(t))).ToList();
            return (new XAxis(xTicks), new YAxis(yTicks.Min, yTicks.Max, labels));
        }
        // Log axis: whole decades, every decade labelled (every second one past eight decades).
        int lo = (int)Math.Floor(Math.Log10(ymin) + 1e-12), hi = (int)Math.Ceiling(Math.Log10(ymax) - 1e-12);
        if (hi == lo) hi++;
        int stride = hi - lo > 8 ? 2 : 1;
        var decades = new List<(double, string)>();
        for (int d = lo; d <= hi; d += stride)
            decades.Add((d, Math.Pow(10, d).ToString(d is < -4 or > 5 ? "0e0" : "0.#####", CultureInfo.InvariantCulture)));
        return (new XAxis(xTicks), new YAxis(lo, hi, decades));
    }

    private sealed record XAxis(NiceTicks Ticks);

    private sealed record YAxis(double Min, double Max, IReadOnlyList<(double Value, string Label)> Labels);

    private static XElement Line(string cls, double x1, double y1, double x2, double y2, string stroke) =>
        new(Ns + "line", new XAttribute("class", cls), A("x1", x1), A("y1", y1), A("x2", x2), A("y2", y2), new XAttribute("stroke", stroke));

    private static XAttribute A(string name, double v) => SvgDocument.Attribute(name, v);

    private static string F(double v) => SvgDocument.Number(v);
}
