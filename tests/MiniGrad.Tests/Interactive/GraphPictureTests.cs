using System.Xml.Linq;
using MiniGrad.Interactive;
using MiniGrad.Study;
using MiniGrad.Tests.Plotting;

namespace MiniGrad.Tests.Interactive;

public class GraphPictureTests
{
    private static (Tensor<double> L, XDocument Svg) MicrogradAfterBackward()
    {
        var L = StudyExamples.MicrogradExpression();
        GraphTools.RetainAllGrads(L);
        L.Backward(retainGraph: true);
        return (L, SvgAssert.Parse(L.Graph("micrograd").ToSvg()));
    }

    private static List<List<string>> Boxes(XDocument svg, string cls) =>
        svg.Root!.WithClass(cls).Select(g => g.Descendants(SvgAssert.Ns + "tspan").Select(t => t.Value).ToList()).ToList();

    [Fact]
    public void EveryTensorIsDrawnWithItsValueAndGradient()
    {
        var (_, svg) = MicrogradAfterBackward();
        var tensors = Boxes(svg, "tensor");

        // L = (a*b + c) * f with a=2, b=-3, c=10, f=-2: by the chain rule dL/da = b·f = 6, dL/db = a·f = -4, dL/dc = f,
        // dL/df = a*b + c = 4, and the retained intermediates e = a*b, d = e + c both get dL/dd = f = -2.
        var expected = new Dictionary<string, (string Value, string Grad)>
        {
            ["a"] = ("2", "6"), ["b"] = ("-3", "-4"), ["c"] = ("10", "-2"), ["f"] = ("-2", "4"),
            ["e"] = ("-6", "-2"), ["d"] = ("4", "-2"), ["L"] = ("-8", "1"),
        };
        Assert.Equal(expected.Keys.Order(), tensors.Select(t => t[0]).Order());
        foreach (var box in tensors)
            Assert.Equal(["value " + expected[box[0]].Value, "grad " + expected[box[0]].Grad], box.Skip(1));
    }

    [Fact]
    public void OpsAreDrawnInTapeOrderWithTheirEdges()
    {
        var (_, svg) = MicrogradAfterBackward();
        Assert.Equal([["Mul", "step 1"], ["Add", "step 2"], ["Mul", "step 3"]], Boxes(svg, "op"));
        // Two inputs into each op and one output out of it.
        Assert.Equal(9, svg.Root!.WithClass("edge").Count());
        Assert.Equal("micrograd", svg.Root!.WithClass("title").Single().Value);
        // Every edge ends in the arrow marker the picture defines.
        string markerId = (string)svg.Root!.Descendants(SvgAssert.Ns + "marker").Single().Attribute("id")!;
        Assert.All(svg.Root!.WithClass("edge"), e => Assert.Equal($"url(#{markerId})", (string)e.Attribute("marker-end")!));
    }

    [Fact]
    public void ColumnsRunFromLeavesToTheRootWithoutOverlaps()
    {
        var (_, svg) = MicrogradAfterBackward();
        var rects = svg.Root!.WithClass("tensor").ToDictionary(
            g => g.Descendants(SvgAssert.Ns + "tspan").First().Value, g => g.Elements(SvgAssert.Ns + "rect").First());
        // Boxes are centred in their column.
        double X(string name) => rects[name].D("x") + rects[name].D("width") / 2;

        Assert.True(X("a") < X("e") && X("e") < X("d") && X("d") < X("L"), "each op's output is right of its inputs");
        Assert.Equal(X("e"), X("c"), 6); // c waits next to the Add that uses it, in e's column
        Assert.Equal(X("d"), X("f"), 6);

        // Boxes in one column do not overlap.
        foreach (var column in rects.Values.GroupBy(r => Math.Round(r.D("x") + r.D("width") / 2, 1)))
        {
            var spans = column.Select(r => (Top: r.D("y"), Bottom: r.D("y") + r.D("height"))).OrderBy(s => s.Top).ToList();
            for (int i = 1; i < spans.Count; i++) Assert.True(spans[i].Top >= spans[i - 1].Bottom, "boxes overlap");
        }
    }

    [Fact]
    public void BeforeBackwardTheGradientsAreNotThereYet()
    {
        var L = StudyExamples.MicrogradExpression();
        var svg = SvgAssert.Parse(new GraphPicture(L).ToSvg());
        var boxes = Boxes(svg, "tensor").ToDictionary(b => b[0]);
        Assert.Equal("grad none yet", boxes["a"][^1]);
        Assert.Equal("grad not kept (intermediate)", boxes["e"][^1]);
        Assert.Empty(svg.Root!.WithClass("title"));
        Assert.Equal("graph of L: 3 ops, 4 leaves", L.Graph().ToString());
    }

    [Fact]
    public void LabelsAreEscapedAndShapesShown()
    {
        var x = Tensor.FromArray(new[] { 1.0, -2.0, 3.0, 4.0, 5.0, 6.0 }, 2, 3).RequireGrad();
        x.Name = "<x & y>";
        var s = Functional.Relu(x).Sum();
        string text = s.Graph().ToSvg();
        Assert.Contains("&lt;x &amp; y&gt;", text, StringComparison.Ordinal);
        var boxes = Boxes(SvgAssert.Parse(text), "tensor").ToDictionary(b => b[0]);
        Assert.Equal("shape [2, 3]", boxes["<x & y>"][1]);
        // More than four elements: the first three, then min, mean and max on a line of their own (mean 17/6).
        Assert.Equal("value [1, -2, 3, … (6 values)]", boxes["<x & y>"][2]);
        Assert.Equal("min -2, mean 2.833, max 6", boxes["<x & y>"][3]);
    }
}
