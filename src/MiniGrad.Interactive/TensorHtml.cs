using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;

namespace MiniGrad.Interactive;

/// <summary>
/// A tensor as HTML: a 2-D tensor as a table (row and column numbers in the margins, each element written as the
/// PyTorch print writes it), any other tensor as its PyTorch print in a <c>&lt;pre&gt;</c> block. A caption gives the
/// shape, the dtype and the grad_fn or requires_grad, as the print's suffixes do.
/// </summary>
public static class TensorHtml
{
    /// <summary>The HTML of <paramref name="tensor"/>.</summary>
    /// <remarks>
    /// Like the print, a tensor of more than 1000 elements is summarized: the first and last three rows and columns,
    /// with a <c>…</c> row and column between them.
    /// </remarks>
    public static string Render<T>(Tensor<T> tensor)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.IsDisposed || tensor.Shape.Rank != 2 || tensor.Length == 0)
            return "<pre class=\"minigrad-tensor\">" + WebUtility.HtmlEncode(tensor.ToString()) + "</pre>";

        int rows = tensor.Shape[0], columns = tensor.Shape[1];
        bool summarize = tensor.Length > TensorFormatter.Threshold;
        var rowIndices = Shown(rows, summarize);
        var columnIndices = Shown(columns, summarize);
        var write = TensorFormatter.ElementWriter(tensor);
        ReadOnlySpan<T> data = tensor.ReadOnlySpan;

        var sb = new StringBuilder();
        sb.Append("<table class=\"minigrad-tensor\" style=\"font-family: monospace; text-align: right\">");
        sb.Append("<caption style=\"text-align: left\">").Append(WebUtility.HtmlEncode(Caption(tensor))).Append("</caption>");
        sb.Append("<thead><tr><th></th>");
        foreach (int c in columnIndices) sb.Append("<th>").Append(c < 0 ? "…" : c.ToString(CultureInfo.InvariantCulture)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (int r in rowIndices)
        {
            sb.Append("<tr><th>").Append(r < 0 ? "⋮" : r.ToString(CultureInfo.InvariantCulture)).Append("</th>");
            foreach (int c in columnIndices)
            {
                string cell = r < 0 ? (c < 0 ? "⋱" : "⋮") : c < 0 ? "…" : write(double.CreateChecked(data[r * columns + c]));
                sb.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        return sb.ToString();
    }

    /// <summary><c>tensor [2, 3], dtype=torch.float64, grad_fn=&lt;MmBackward0&gt;</c>: the print's suffixes, with the shape.</summary>
    internal static string Caption<T>(Tensor<T> tensor)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var parts = new List<string> { "tensor " + tensor.Shape, typeof(T) == typeof(double) ? "dtype=torch.float64" : "dtype=torch.float32" };
        if (tensor.GradSuffix() is { } grad) parts.Add(grad);
        return string.Join(", ", parts);
    }

    /// <summary>The indices shown along one dimension; -1 stands for the elided middle.</summary>
    private static List<int> Shown(int count, bool summarize)
    {
        int edge = TensorFormatter.EdgeItems;
        if (!summarize || count <= 2 * edge) return Enumerable.Range(0, count).ToList();
        return [.. Enumerable.Range(0, edge), -1, .. Enumerable.Range(count - edge, edge)];
    }
}
