using System.Globalization;
using System.Xml.Linq;
using MiniGrad.Study;

namespace MiniGrad.Interactive;

/// <summary>
/// Draws the graph behind a tensor as SVG with a layered layout of its own: leaves in the first column, each op one
/// column right of its deepest input and its output one column right of the op, nodes stacked in tape order within a
/// column. The boxes and colours are <see cref="GraphDot"/>'s: a tensor is a box (blue when it is a leaf that
/// requires grad, grey for a constant, white when an op made it, a double border for the root), an op an ellipse.
/// </summary>
internal static class GraphSvg
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";
    private const double CharWidth = 6.7, LineHeight = 14, Padding = 8, ColumnGap = 44, RowGap = 14, Margin = 12;

    public static string Describe(ITensor root)
    {
        var walk = new GraphWalk(root);
        return $"graph of {walk.Label(root)}: {walk.Entries.Count} op{(walk.Entries.Count == 1 ? "" : "s")}, {walk.Leaves.Count} lea{(walk.Leaves.Count == 1 ? "f" : "ves")}";
    }

    public static string Render(ITensor root, string? title)
    {
        var walk = new GraphWalk(root);
        var nodes = new List<Node>();
        var tensorNodes = new Dictionary<ITensor, Node>(ReferenceEqualityComparer.Instance);
        foreach (var t in walk.Tensors)
        {
            var node = new Node(TensorLines(walk, t), IsOp: false, Fill: t.GradFn is not null ? "white" : t.RequiresGrad ? "#cfe2ff" : "#eeeeee",
                IsRoot: ReferenceEquals(t, root));
            tensorNodes[t] = node;
            nodes.Add(node);
        }
        var edges = new List<(Node From, Node To)>();
        foreach (var e in walk.Entries)
        {
            var op = new Node([e.ToString() ?? e.Name, "step " + walk.StepOf(e).ToString(CultureInfo.InvariantCulture)], IsOp: true, Fill: "#fff3cd", IsRoot: false);
            nodes.Add(op);
            foreach (var input in e.InputTensors) edges.Add((tensorNodes[input], op));
            edges.Add((op, tensorNodes[e.OutputTensor]));
            // Tape order is execution order, so an op's inputs already have their columns.
            op.Column = e.InputTensors.Count == 0 ? 0 : e.InputTensors.Max(i => tensorNodes[i].Column) + 1;
            tensorNodes[e.OutputTensor].Column = op.Column + 1;
        }
        // A leaf sits just left of the first op that uses it, not in the first column: c of (a*b + c) next to the Add,
        // so its edge does not run under the boxes between.
        foreach (var leaf in walk.Leaves)
        {
            var node = tensorNodes[leaf];
            var users = edges.Where(edge => ReferenceEquals(edge.From, node)).Select(edge => edge.To.Column).ToList();
            if (users.Count > 0) node.Column = users.Min() - 1;
        }

        // Columns: widths from their widest node, nodes stacked and centred on the tallest column.
        var columns = nodes.GroupBy(n => n.Column).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        double titleHeight = title is null ? 0 : 24;
        double x = Margin, tallest = columns.Max(c => c.Sum(n => n.Height) + RowGap * (c.Count - 1));
        foreach (var column in columns)
        {
            double width = column.Max(n => n.Width);
            double y = Margin + titleHeight + (tallest - (column.Sum(n => n.Height) + RowGap * (column.Count - 1))) / 2;
            foreach (var n in column)
            {
                n.X = x + (width - n.Width) / 2;
                n.Y = y;
                y += n.Height + RowGap;
            }
            x += width + ColumnGap;
        }
        double totalWidth = x - ColumnGap + Margin, totalHeight = Margin * 2 + titleHeight + tallest;

        var svg = new XElement(Ns + "svg", new XAttribute("width", Num(totalWidth)), new XAttribute("height", Num(totalHeight)),
            new XAttribute("viewBox", $"0 0 {Num(totalWidth)} {Num(totalHeight)}"),
            new XAttribute("font-family", "Menlo, Consolas, 'DejaVu Sans Mono', monospace"), new XAttribute("font-size", "11"),
            new XElement(Ns + "defs", new XElement(Ns + "marker", new XAttribute("id", "arrow"), new XAttribute("viewBox", "0 0 10 10"),
                new XAttribute("refX", "10"), new XAttribute("refY", "5"), new XAttribute("markerWidth", "7"), new XAttribute("markerHeight", "7"),
                new XAttribute("orient", "auto-start-reverse"),
                new XElement(Ns + "path", new XAttribute("d", "M 0 0 L 10 5 L 0 10 z"), new XAttribute("fill", "#555555")))),
            new XElement(Ns + "rect", new XAttribute("width", Num(totalWidth)), new XAttribute("height", Num(totalHeight)), new XAttribute("fill", "white")));
        if (title is not null)
            svg.Add(new XElement(Ns + "text", new XAttribute("class", "title"), new XAttribute("x", Num(totalWidth / 2)), new XAttribute("y", Num(Margin + 14)),
                new XAttribute("text-anchor", "middle"), new XAttribute("font-size", "13"), title));
        foreach (var (from, to) in edges)
        {
            double x1 = from.X + from.Width, y1 = from.Y + from.Height / 2, x2 = to.X, y2 = to.Y + to.Height / 2, bend = ColumnGap / 2;
            svg.Add(new XElement(Ns + "path", new XAttribute("class", "edge"),
                new XAttribute("d", $"M {Num(x1)} {Num(y1)} C {Num(x1 + bend)} {Num(y1)}, {Num(x2 - bend)} {Num(y2)}, {Num(x2)} {Num(y2)}"),
                new XAttribute("fill", "none"), new XAttribute("stroke", "#555555"), new XAttribute("marker-end", "url(#arrow)")));
        }
        foreach (var n in nodes) svg.Add(n.ToSvg());
        return new XDocument(new XDeclaration("1.0", "utf-8", null), svg).Declaration + "\n" + svg.ToString() + "\n";
    }

    /// <summary>GraphDot's lines for a tensor: label, shape, value, gradient (summaries of more than four elements take two lines).</summary>
    private static List<string> TensorLines(GraphWalk walk, ITensor t)
    {
        var lines = new List<string> { walk.Label(t) };
        if (t.Shape.Rank > 0) lines.Add("shape " + t.Shape);
        lines.AddRange(("value " + GraphDot.Summary(ValueFormat.Snapshot(t))).Split('\n'));
        var grad = ValueFormat.GradSnapshot(t);
        lines.AddRange((grad is not null ? "grad " + GraphDot.Summary(grad)
            : !t.RequiresGrad ? "no grad"
            : t.GradFn is not null ? "grad not kept (intermediate)"
            : "grad none yet").Split('\n'));
        return lines;
    }

    private static string Num(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private sealed class Node(IReadOnlyList<string> lines, bool IsOp, string Fill, bool IsRoot)
    {
        public IReadOnlyList<string> Lines { get; } = lines;

        public int Column { get; set; }

        public double X { get; set; }

        public double Y { get; set; }

        // An ellipse needs more room than a box around the same text.
        public double Width => Lines.Max(l => l.Length) * CharWidth + 2 * Padding + (IsOp ? 24 : 0);

        public double Height => Lines.Count * LineHeight + 2 * Padding - 4 + (IsOp ? 8 : 0);

        public XElement ToSvg()
        {
            var g = new XElement(Ns + "g", new XAttribute("class", IsOp ? "op" : "tensor"));
            if (IsOp)
            {
                g.Add(new XElement(Ns + "ellipse", new XAttribute("cx", Num(X + Width / 2)), new XAttribute("cy", Num(Y + Height / 2)),
                    new XAttribute("rx", Num(Width / 2)), new XAttribute("ry", Num(Height / 2)), new XAttribute("fill", Fill), new XAttribute("stroke", "#333333")));
            }
            else
            {
                g.Add(Box(0));
                if (IsRoot) g.Add(Box(3));
            }
            var text = new XElement(Ns + "text", new XAttribute("x", Num(X + Width / 2)), new XAttribute("text-anchor", "middle"));
            double top = Y + Height / 2 - (Lines.Count - 1) * LineHeight / 2 + 4;
            for (int i = 0; i < Lines.Count; i++)
                text.Add(new XElement(Ns + "tspan", new XAttribute("x", Num(X + Width / 2)), new XAttribute("y", Num(top + i * LineHeight)), Lines[i]));
            g.Add(text);
            return g;
        }

        private XElement Box(double inset) =>
            new(Ns + "rect", new XAttribute("x", Num(X + inset)), new XAttribute("y", Num(Y + inset)),
                new XAttribute("width", Num(Width - 2 * inset)), new XAttribute("height", Num(Height - 2 * inset)),
                new XAttribute("rx", IsRoot && inset == 0 ? "2" : "4"), new XAttribute("fill", inset == 0 ? Fill : "none"), new XAttribute("stroke", "#333333"));
    }
}
