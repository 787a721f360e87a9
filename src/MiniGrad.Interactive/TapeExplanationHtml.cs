using System.Globalization;
using System.Net;
using System.Text;
using MiniGrad.Study;

namespace MiniGrad.Interactive;

/// <summary>
/// A <see cref="TapeExplanation"/> as three HTML tables, with the columns of its text form: the forward ops, the
/// backward steps (one row per input an op sends a gradient to) and the leaves with the gradients they received.
/// </summary>
public static class TapeExplanationHtml
{
    /// <summary>The HTML of <paramref name="explanation"/> (values abbreviated to their first four elements).</summary>
    public static string Render(TapeExplanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var sb = new StringBuilder("<div class=\"minigrad-tape\">");
        var forward = new HtmlTable($"Forward: {explanation.Forward.Count} op{(explanation.Forward.Count == 1 ? "" : "s")} on the path to {explanation.Root}",
            "step", "op", "inputs", "output", "shape", "values");
        foreach (var s in explanation.Forward)
            forward.Add(Number(s.Step), s.Op, string.Join(", ", s.Inputs), s.Output, s.Shape.ToString(), ValueFormat.Values(s.Values));
        forward.AppendTo(sb);

        var backward = new HtmlTable($"Backward, in reverse (upstream = d{explanation.Root}/d(output); gradient = upstream × local, summed over broadcast dims)",
            "step", "op", "output", "upstream", "input", "local d(out)/d(in)", "gradient to input");
        foreach (var s in explanation.Backward)
        {
            string output = s.Output + (s.RetainsGrad ? " (retained)" : "");
            string upstream = ValueFormat.Values(s.Upstream) + TapeExplanation.HookNote(s.HookCount, s.UpstreamBeforeHooks);
            for (int j = 0; j < s.Inputs.Count; j++)
            {
                var e = s.Inputs[j];
                backward.Add(j == 0 ? Number(s.Step) : "", j == 0 ? s.Op : "", j == 0 ? output : "", j == 0 ? upstream : "",
                    e.Input, e.LocalDerivative is null ? "-" : ValueFormat.Values(e.LocalDerivative),
                    e.Gradient is null ? "(not needed)" : ValueFormat.Values(e.Gradient));
            }
        }
        backward.AppendTo(sb);

        var leaves = new HtmlTable("Leaves", "leaf", "shape", "requires grad", "gradient received", "Grad");
        foreach (var leaf in explanation.Leaves)
        {
            leaves.Add(leaf.Leaf, leaf.Shape.ToString(), leaf.RequiresGrad ? "yes" : "no",
                leaf.Received is null ? "-" : ValueFormat.Values(leaf.Received) + TapeExplanation.HookNote(leaf.HookCount, leaf.ReceivedBeforeHooks),
                leaf.Grad is null ? "none" : ValueFormat.Values(leaf.Grad));
        }
        leaves.AppendTo(sb);
        return sb.Append("</div>").ToString();
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A captioned table whose every cell is text (HTML-escaped on the way out).</summary>
    private sealed class HtmlTable(string caption, params string[] headers)
    {
        private readonly List<string[]> rows = [];

        public void Add(params string[] cells) => rows.Add(cells);

        public void AppendTo(StringBuilder sb)
        {
            sb.Append("<table style=\"font-family: monospace\"><caption style=\"text-align: left\">")
                .Append(WebUtility.HtmlEncode(caption)).Append("</caption><thead><tr>");
            foreach (string h in headers) sb.Append("<th style=\"text-align: left; padding: 0 0.6em\">").Append(WebUtility.HtmlEncode(h)).Append("</th>");
            sb.Append("</tr></thead><tbody>");
            foreach (var row in rows)
            {
                sb.Append("<tr>");
                foreach (string cell in row) sb.Append("<td style=\"text-align: left; padding: 0 0.6em\">").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
                sb.Append("</tr>");
            }
            sb.Append("</tbody></table>");
        }
    }
}
