using System.Text;

namespace MiniGrad.Study;

/// <summary>A plain-text table with left-aligned columns separated by two spaces (listings meant for a terminal or a README).</summary>
internal sealed class TextTable
{
    private readonly string[] headers;
    private readonly List<string[]> rows = [];

    public TextTable(params string[] headers) => this.headers = headers;

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
            throw new ArgumentException($"TextTable: a row of {cells.Length} cells for {headers.Length} columns.", nameof(cells));
        rows.Add(cells);
    }

    public void AppendTo(StringBuilder sb)
    {
        var widths = new int[headers.Length];
        for (int c = 0; c < headers.Length; c++)
        {
            widths[c] = headers[c].Length;
            foreach (var r in rows) widths[c] = Math.Max(widths[c], r[c].Length);
        }
        AppendRow(sb, headers, widths);
        foreach (var r in rows) AppendRow(sb, r, widths);
    }

    private static void AppendRow(StringBuilder sb, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (int c = 0; c < cells.Length; c++)
        {
            if (c > 0) line.Append("  ");
            line.Append(cells[c].PadRight(widths[c]));
        }
        sb.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
