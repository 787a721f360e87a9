using System.Xml.Linq;

namespace MiniGrad.Plotting;

/// <summary>Several <see cref="LineChart"/>s in one SVG, in rows of <see cref="Columns"/> (small multiples), under one title.</summary>
public sealed class ChartGrid
{
    /// <summary>The title above the grid (empty for none).</summary>
    public string Title { get; set; } = "";

    /// <summary>Charts per row.</summary>
    public int Columns { get; set; } = 4;

    /// <summary>The width of each cell in pixels; each chart is resized to its cell.</summary>
    public double CellWidth { get; set; } = 300;

    /// <summary>The height of each cell in pixels.</summary>
    public double CellHeight { get; set; } = 220;

    /// <summary>The charts, placed left to right, top to bottom.</summary>
    public List<LineChart> Charts { get; } = [];

    /// <summary>The grid as a standalone SVG document.</summary>
    public string ToSvg()
    {
        if (Charts.Count == 0) throw new InvalidOperationException("ChartGrid: add at least one chart before rendering.");
        if (Columns < 1) throw new InvalidOperationException($"ChartGrid: Columns must be at least 1, not {Columns}.");
        int cols = Math.Min(Columns, Charts.Count);
        int rows = (Charts.Count + cols - 1) / cols;
        double top = Title.Length > 0 ? 34 : 0;
        double width = cols * CellWidth, height = top + rows * CellHeight;
        var svg = SvgDocument.Root(width, height);
        svg.Add(SvgDocument.Background(width, height));
        if (Title.Length > 0)
            svg.Add(new XElement(SvgDocument.Ns + "text", new XAttribute("class", "grid-title"), new XAttribute("x", SvgDocument.Number(width / 2)),
                new XAttribute("y", "22"), new XAttribute("text-anchor", "middle"), new XAttribute("font-size", "16"),
                new XAttribute("font-weight", "bold"), Title));
        var ids = new IdSource();
        for (int i = 0; i < Charts.Count; i++)
        {
            var chart = Charts[i];
            chart.Width = CellWidth;
            chart.Height = CellHeight;
            svg.Add(chart.Render(i % cols * CellWidth, top + i / cols * CellHeight, ids));
        }
        return SvgDocument.Serialize(svg);
    }

    /// <summary>Writes <see cref="ToSvg"/> to <paramref name="path"/>.</summary>
    public void Save(string path) => File.WriteAllText(path, ToSvg());
}
