using MiniGrad.Interactive;
using MiniGrad.Study;

namespace MiniGrad.Tests.Interactive;

public class TapeExplanationHtmlTests
{
    [Fact]
    public void ThreeTablesWithARowPerOpPerEdgeAndPerLeaf()
    {
        var explanation = TapeExplainer.Explain(StudyExamples.MicrogradExpression());
        var div = Html.Parse(TapeExplanationHtml.Render(explanation));
        var tables = div.Elements("table").ToList();
        Assert.Equal(3, tables.Count);

        Assert.Equal(["step", "op", "inputs", "output", "shape", "values"], Html.HeaderCells(tables[0]));
        Assert.Equal([["1", "Mul", "a, b", "e", "[]", "-6"], ["2", "Add", "e, c", "d", "[]", "4"], ["3", "Mul", "d, f", "L", "[]", "-8"]],
            Html.BodyRows(tables[0]));
        Assert.Equal("Forward: 3 ops on the path to L", tables[0].Element("caption")!.Value);

        // Backward in reverse, one row per input: upstream × local = gradient (L = d·f: d gets f = -2, f gets d = 4;
        // then e and c get -2 × 1; then a gets -2 × b = 6 and b gets -2 × a = -4).
        Assert.Equal(
            [
                ["3", "Mul", "L", "1", "d", "-2", "-2"], ["", "", "", "", "f", "4", "4"],
                ["2", "Add", "d", "-2", "e", "1", "-2"], ["", "", "", "", "c", "1", "-2"],
                ["1", "Mul", "e", "-2", "a", "-3", "6"], ["", "", "", "", "b", "2", "-4"],
            ],
            Html.BodyRows(tables[1]));

        Assert.Equal([["a", "[]", "yes", "6", "6"], ["b", "[]", "yes", "-4", "-4"], ["c", "[]", "yes", "-2", "-2"], ["f", "[]", "yes", "4", "4"]],
            Html.BodyRows(tables[2]));
    }

    [Fact]
    public void HooksAndRetainedGradientsAreNotedAsInTheText()
    {
        var explanation = TapeExplainer.Explain(StudyExamples.MicrogradWithHooks());
        var backward = Html.BodyRows(Html.Parse(TapeExplanationHtml.Render(explanation)).Elements("table").ElementAt(1));
        // The hook on e clips its gradient -2 to -1; d keeps its gradient.
        Assert.Contains(backward, row => row[2] == "e" && row[3] == "-1 (hook replaced -2)");
        Assert.Contains(backward, row => row[2] == "d (retained)");
    }

    [Fact]
    public void NamesAreEscaped()
    {
        var x = Tensor.Scalar(3.0).RequireGrad();
        x.Name = "<b>x</b>";
        var y = x * x;
        y.Name = "y&z";
        string html = TapeExplanationHtml.Render(TapeExplainer.Explain(y));
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", html, StringComparison.Ordinal);
        var leaves = Html.BodyRows(Html.Parse(html).Elements("table").Last());
        Assert.Equal([["<b>x</b>", "[]", "yes", "6", "6"]], leaves);
        Assert.Equal("Forward: 1 op on the path to y&z", Html.Parse(html).Elements("table").First().Element("caption")!.Value);
    }
}
