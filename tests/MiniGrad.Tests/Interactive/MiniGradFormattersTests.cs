using Microsoft.DotNet.Interactive.Formatting;
using MiniGrad.Interactive;
using MiniGrad.Plotting;
using MiniGrad.Study;

namespace MiniGrad.Tests.Interactive;

/// <summary>What a notebook gets: the values formatted through .NET Interactive's own <see cref="Formatter"/>.</summary>
public class MiniGradFormattersTests
{
    public MiniGradFormattersTests() => MiniGradFormatters.Register();

    [Fact]
    public void TensorsShowAsTheirPrintAndAsHtml()
    {
        var matrix = Tensor.FromArray(new[] { 1.5f, -2.25f, 3f, 4f }, 2, 2);
        Assert.Equal(matrix.ToString(), matrix.ToDisplayString(MiniGradFormatters.PlainText));
        Assert.Equal(TensorHtml.Render(matrix), matrix.ToDisplayString(MiniGradFormatters.Html));
        Assert.StartsWith("<table", matrix.ToDisplayString(MiniGradFormatters.Html), StringComparison.Ordinal);

        var vector = Tensor.FromArray(new[] { 1.0, 2.0 });
        Assert.Equal(vector.ToString(), vector.ToDisplayString(MiniGradFormatters.PlainText));
        Assert.StartsWith("<pre", vector.ToDisplayString(MiniGradFormatters.Html), StringComparison.Ordinal);

        // Both representations go into the notebook, the table first.
        Assert.Equal([MiniGradFormatters.Html, MiniGradFormatters.PlainText], Formatter.GetPreferredMimeTypesFor(typeof(Tensor<float>)));
        Assert.Equal([MiniGradFormatters.Html, MiniGradFormatters.PlainText], Formatter.GetPreferredMimeTypesFor(typeof(Tensor<double>)));
    }

    [Fact]
    public void GraphPictureShowsAsInlineSvg()
    {
        var L = StudyExamples.MicrogradExpression();
        string html = L.Graph().ToDisplayString(MiniGradFormatters.Html);
        Assert.StartsWith("<svg", html, StringComparison.Ordinal);
        Assert.Contains(">grad none yet<", html, StringComparison.Ordinal);
        Assert.Equal("graph of L: 3 ops, 4 leaves", L.Graph().ToDisplayString(MiniGradFormatters.PlainText));
    }

    [Fact]
    public void TapeExplanationShowsAsTablesAndAsText()
    {
        var explanation = TapeExplainer.Explain(StudyExamples.MicrogradExpression());
        Assert.Equal(TapeExplanationHtml.Render(explanation), explanation.ToDisplayString(MiniGradFormatters.Html));
        Assert.Equal(explanation.ToString(), explanation.ToDisplayString(MiniGradFormatters.PlainText));
    }

    [Fact]
    public void LossHistoriesShowAsCharts()
    {
        var history = new LossHistory("relu");
        Assert.Equal("<pre>relu: no loss yet</pre>", history.ToDisplayString(MiniGradFormatters.Html)); // nothing to draw yet
        history.Add(0.9);
        history.Add(0.4);
        Assert.StartsWith("<svg", history.ToDisplayString(MiniGradFormatters.Html), StringComparison.Ordinal);
        Assert.Contains(">relu<", history.ToDisplayString(MiniGradFormatters.Html), StringComparison.Ordinal);
        Assert.StartsWith("<svg", LossHistory.Compare(history).ToDisplayString(MiniGradFormatters.Html), StringComparison.Ordinal);
        Assert.Equal("relu: 2 losses, last 0.4", history.ToDisplayString(MiniGradFormatters.PlainText));
    }

    [Fact]
    public void PlottingChartsShowAsSvg()
    {
        var chart = ActivationPlot.Chart("ReLU", x => Functional.Relu(x), points: 11);
        Assert.StartsWith("<svg", chart.ToDisplayString(MiniGradFormatters.Html), StringComparison.Ordinal);
        var grid = ActivationPlot.Grid([("ReLU", x => Functional.Relu(x))], points: 11);
        Assert.StartsWith("<svg", grid.ToDisplayString(MiniGradFormatters.Html), StringComparison.Ordinal);
    }
}
