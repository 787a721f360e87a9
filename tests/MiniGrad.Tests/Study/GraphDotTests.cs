using System.Text.RegularExpressions;
using System.Xml.Linq;
using MiniGrad.Study;
using Xunit.Abstractions;

namespace MiniGrad.Tests.Study;

public partial class GraphDotTests(ITestOutputHelper output)
{
    [GeneratedRegex(@"^  (?<id>t\d+|op\d+) \[(?<attrs>.*)\];$")]
    private static partial Regex NodeLine();

    [GeneratedRegex(@"^  (?<from>t\d+|op\d+) -> (?<to>t\d+|op\d+)( \[.*\])?;$")]
    private static partial Regex EdgeLine();

    [GeneratedRegex(@"label=""(?<label>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();

    private static (Dictionary<string, string> Nodes, List<(string From, string To)> Edges) Parse(string dot)
    {
        var lines = dot.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("digraph minigrad {", lines[0], StringComparison.Ordinal);
        Assert.Equal("}", lines[^1]);
        var nodes = new Dictionary<string, string>();
        var edges = new List<(string, string)>();
        foreach (var line in lines[1..^1])
        {
            if (EdgeLine().Match(line) is { Success: true } e) edges.Add((e.Groups["from"].Value, e.Groups["to"].Value));
            else if (NodeLine().Match(line) is { Success: true } n)
                nodes.Add(n.Groups["id"].Value, Label().Match(n.Groups["attrs"].Value).Groups["label"].Value);
            else Assert.Matches(@"^  (rankdir|graph|node|edge|labelloc|label)\b.*;$", line);
        }
        return (nodes, edges);
    }

    [Fact]
    public void MicrogradGraphHasOneNodePerTensorAndOpAndEdgesThroughEachOp()
    {
        var L = StudyExamples.MicrogradExpression();
        L.Backward();
        var (nodes, edges) = Parse(GraphDot.Export(L));

        Assert.Equal(7, nodes.Keys.Count(k => k.StartsWith('t')));  // a b c e d f L
        Assert.Equal(3, nodes.Keys.Count(k => k.StartsWith("op", StringComparison.Ordinal)));
        Assert.Equal(3 * 2 + 3, edges.Count);                       // two inputs and one output per op
        Assert.All(edges, e => Assert.True(nodes.ContainsKey(e.From) && nodes.ContainsKey(e.To), $"{e} names an undeclared node"));
        Assert.All(edges, e => Assert.NotEqual(e.From.StartsWith('t'), e.To.StartsWith('t'))); // tensor -> op -> tensor

        string Node(string name) => nodes.Values.Single(l => l.StartsWith(name + "\\n", StringComparison.Ordinal));
        Assert.Contains("value -8", Node("L"), StringComparison.Ordinal);
        Assert.Contains("grad 6", Node("a"), StringComparison.Ordinal);          // dL/da = f * b
        Assert.Contains("grad not kept", Node("e"), StringComparison.Ordinal);       // intermediate, not retained
        Assert.Contains("Mul\\nstep 1", nodes["op1"], StringComparison.Ordinal);
        // e = a * b: a and b feed op1, op1 makes e.
        string Id(string name) => nodes.Single(n => n.Value.StartsWith(name + "\\n", StringComparison.Ordinal)).Key;
        Assert.Contains((Id("a"), "op1"), edges);
        Assert.Contains((Id("b"), "op1"), edges);
        Assert.Contains(("op1", Id("e")), edges);
    }

    [Fact]
    public void ExportIsDeterministicAndShowsShapesAndStatsForLargerTensors()
    {
        string first = GraphDot.Export(StudyExamples.LinearReluMseStep(), "one step");
        string second = GraphDot.Export(StudyExamples.LinearReluMseStep(), "one step");
        Assert.Equal(first, second);
        var (nodes, _) = Parse(first);
        var weight = nodes.Values.Single(l => l.StartsWith("weight\\n", StringComparison.Ordinal));
        Assert.Contains("shape [2, 3]", weight, StringComparison.Ordinal);
        Assert.Contains("min ", weight, StringComparison.Ordinal);
        Assert.Contains("label=\"one step\"", first, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotesAndBackslashesInNamesAreEscaped()
    {
        var a = Tensor.Scalar(1.0).RequireGrad();
        a.Name = "say \"hi\" \\ bye";
        var (nodes, _) = Parse(GraphDot.Export(a * 2.0));
        Assert.Contains(nodes.Values, l => l.StartsWith("say \\\"hi\\\" \\\\ bye", StringComparison.Ordinal));
    }

    [Fact]
    public void ALongChainExportsWithoutRecursion()
    {
        var y = Tensor.Scalar(1.0).RequireGrad();
        for (int i = 0; i < 5_000; i++) y = y + 1.0;
        var (nodes, edges) = Parse(GraphDot.Export(y));
        Assert.Equal(5_000, nodes.Keys.Count(k => k.StartsWith("op", StringComparison.Ordinal)));
        Assert.Equal(5_000 * 3, edges.Count);
    }

    [Fact]
    public void DotAcceptsTheExportWhenGraphvizIsInstalled()
    {
        if (GraphvizRenderer.FindDot() is null)
        {
            output.WriteLine("SKIPPED: Graphviz's dot is not on PATH, so the DOT text was not checked by dot (the structural tests still ran).");
            return;
        }
        var L = StudyExamples.LinearReluMseStep();
        L.Backward();
        string dot = GraphDot.Export(L, "Linear + ReLU + MSE");
        var (code, svg, error) = GraphvizRenderer.Run(dot, "svg");
        Assert.True(code == 0, $"dot exited with {code}: {error}");
        Assert.Equal("", error.Trim());
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var titles = doc.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "node")
            .Select(g => g.Element(ns + "title")!.Value).ToList();
        var (nodes, _) = Parse(dot);
        Assert.Equal(nodes.Keys.Order(), titles.Order());
        output.WriteLine($"dot rendered {titles.Count} nodes.");
    }
}

public class GraphToolsTests
{
    [Fact]
    public void RetainAllGradsGivesEveryIntermediateItsChainRuleGradient()
    {
        var L = StudyExamples.MicrogradExpression();
        Assert.Equal(3, GraphTools.RetainAllGrads(L)); // e, d, L
        L.Backward();
        var d = L.GradFn!.Inputs[0];
        var f = L.GradFn.Inputs[1];
        var e = d.GradFn!.Inputs[0];
        Assert.Equal(1.0, L.Grad!.Item());
        Assert.Equal(f.Item(), d.Grad!.Item());
        Assert.Equal(f.Item(), e.Grad!.Item()); // Add passes the gradient through unchanged
        Assert.True(GraphTools.DependsOn(L, e));
        Assert.False(GraphTools.DependsOn(e, L));
    }
}
