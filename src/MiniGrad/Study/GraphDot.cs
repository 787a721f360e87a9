using System.Globalization;
using System.Text;

namespace MiniGrad.Study;

/// <summary>
/// Writes the graph behind a tensor in Graphviz's DOT language: every tensor as a box (its name or the step that made
/// it, its shape, a value summary and a gradient summary), every op as an ellipse, edges from inputs through ops to
/// outputs. The walk is iterative and the order fixed (tape order), so one graph always gives the same file.
/// Render with <c>dot -Tsvg graph.dot -o graph.svg</c> (see <see cref="GraphvizRenderer"/>).
/// </summary>
public static class GraphDot
{
    /// <summary>The DOT text of the graph <paramref name="root"/> was computed by.</summary>
    /// <param name="root">The tensor to draw the graph of (drawn with a double border).</param>
    /// <param name="title">An optional caption shown above the graph.</param>
    public static string Export(ITensor root, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var walk = new GraphWalk(root);
        var ids = new Dictionary<ITensor, string>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < walk.Tensors.Count; i++) ids[walk.Tensors[i]] = "t" + i.ToString(CultureInfo.InvariantCulture);

        var sb = new StringBuilder();
        sb.Append("digraph minigrad {\n");
        sb.Append("  rankdir=LR;\n");
        sb.Append("  graph [fontname=\"Helvetica\", fontsize=12];\n");
        sb.Append("  node [fontname=\"Helvetica\", fontsize=10];\n");
        sb.Append("  edge [color=\"#555555\"];\n");
        if (title is not null) sb.Append("  labelloc=t;\n  label=").Append(Quote(title)).Append(";\n");

        foreach (var t in walk.Tensors)
        {
            var lines = new List<string> { walk.Label(t) };
            if (t.Shape.Rank > 0) lines.Add("shape " + t.Shape);
            lines.Add("value " + Summary(ValueFormat.Snapshot(t)));
            var grad = ValueFormat.GradSnapshot(t);
            lines.Add(grad is not null ? "grad " + Summary(grad)
                : !t.RequiresGrad ? "no grad"
                : t.GradFn is not null ? "grad not kept (intermediate)"
                : "grad none yet");
            string style = t.GradFn is not null ? "\"rounded\""
                : t.RequiresGrad ? "\"filled\", fillcolor=\"#cfe2ff\""
                : "\"filled\", fillcolor=\"#eeeeee\"";
            sb.Append("  ").Append(ids[t]).Append(" [shape=box, style=").Append(style)
                .Append(ReferenceEquals(t, root) ? ", peripheries=2" : "")
                .Append(", label=").Append(Quote(string.Join("\n", lines))).Append("];\n");
        }

        foreach (var e in walk.Entries)
        {
            string op = "op" + walk.StepOf(e).ToString(CultureInfo.InvariantCulture);
            sb.Append("  ").Append(op).Append(" [shape=ellipse, style=\"filled\", fillcolor=\"#fff3cd\", label=")
                .Append(Quote($"{e}\nstep {walk.StepOf(e)}")).Append("];\n");
            for (int j = 0; j < e.InputTensors.Count; j++)
            {
                sb.Append("  ").Append(ids[e.InputTensors[j]]).Append(" -> ").Append(op);
                if (e.InputTensors.Count > 1) sb.Append(" [headlabel=\"").Append(j).Append("\", labelfontsize=8]");
                sb.Append(";\n");
            }
            sb.Append("  ").Append(op).Append(" -> ").Append(ids[e.OutputTensor]).Append(";\n");
        }
        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>Values for up to four elements, else the first three and min / mean / max.</summary>
    internal static string Summary(double[] v) =>
        v.Length <= 4 ? ValueFormat.Values(v) : ValueFormat.Values(v, 3) + "\n" + ValueFormat.Stats(v);

    /// <summary>A DOT quoted string: backslashes and quotes escaped, line breaks as DOT's centred <c>\n</c>.</summary>
    internal static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"').ToString();
    }
}
