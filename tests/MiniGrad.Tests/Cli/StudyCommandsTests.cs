using System.CommandLine;
using MiniGrad.Cli;
using MiniGrad.Study;
using MiniGrad.Tests.Plotting;
using MiniGrad.Tests.Support;
using Xunit.Abstractions;

namespace MiniGrad.Tests.Cli;

public sealed class StudyCommandsTests(ITestOutputHelper log) : TempFolderTest("minigrad-study-")
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(GraphCommand.Create());
        root.Subcommands.Add(PlotCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        int code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void ExplainPrintsEveryExampleWithForwardBackwardAndLeaves()
    {
        var (code, output, error) = Run("explain");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        foreach (var name in StudyExamples.Names) Assert.Contains($"== {name}:", output, StringComparison.Ordinal);
        Assert.Equal(StudyExamples.Names.Count, output.Split("Forward:").Length - 1);
        Assert.Contains("1     Mul  e             -1 (hook replaced -2)", output, StringComparison.Ordinal);
        Assert.Contains("Relu", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainRejectsAnUnknownExample()
    {
        var (code, _, error) = Run("explain", "nope");
        Assert.Equal(2, code);
        Assert.Contains("the example must be one of scalar, hooks, linear, got 'nope'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void GraphWritesDotAndSvgWhenDotIsInstalledOrSaysHowToRender()
    {
        string dotPath = At("g.dot");
        var (code, output, _) = Run("graph", "linear", "-o", dotPath);
        Assert.Equal(0, code);
        string dot = File.ReadAllText(dotPath);
        Assert.StartsWith("digraph minigrad {", dot, StringComparison.Ordinal);
        Assert.Contains("weight\\nshape [2, 3]", dot, StringComparison.Ordinal);
        string svgPath = Path.ChangeExtension(dotPath, ".svg");
        if (GraphvizRenderer.FindDot() is null)
        {
            log.WriteLine("dot is not installed: checked the hint instead of the SVG.");
            Assert.Contains("dot -Tsvg", output, StringComparison.Ordinal);
            Assert.False(File.Exists(svgPath));
        }
        else
        {
            Assert.Contains(svgPath, output, StringComparison.Ordinal);
            Assert.Equal("svg", System.Xml.Linq.XDocument.Load(svgPath).Root!.Name.LocalName);
        }
    }

    [Fact]
    public void PlotActivationsOnlyDrawsTheChosenOnes()
    {
        string path = At("a.svg");
        var (code, output, error) = Run("plot", "activations", "--only", "relu,GELU", "-o", path);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("2 activations", output, StringComparison.Ordinal);
        var charts = SvgAssert.Parse(File.ReadAllText(path)).Root!.WithClass("chart").ToList();
        Assert.Equal(["relu", "gelu"], charts.Select(c => c.WithClass("title").Single().Value));
        Assert.All(charts, c => Assert.Equal(2, c.WithClass("series").Count()));
    }

    [Fact]
    public void PlotActivationsWithoutOnlyDrawsEveryElementwiseActivation()
    {
        string path = At("all.svg");
        Assert.Equal(0, Run("plot", "activations", "-o", path).Code);
        var titles = SvgAssert.Parse(File.ReadAllText(path)).Root!.WithClass("title").Select(t => t.Value).ToList();
        Assert.Contains("relu", titles);
        Assert.Contains("tanh", titles);
        Assert.DoesNotContain("softmax", titles);
        Assert.True(titles.Count >= 10, $"only {titles.Count} activations plotted");
    }

    [Theory]
    [InlineData("unknown activation 'swishy'", "swishy")]
    [InlineData("not elementwise", "softmax")]
    public void PlotActivationsRejectsBadNamesWithExitCode2(string message, string name)
    {
        var (code, _, error) = Run("plot", "activations", "--only", name, "-o", At("x.svg"));
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainDiagnosePrintsAHealthTablePerEpoch()
    {
        var (code, output, _) = Run("train", "--epochs", "2", "--samples", "20", "--diagnose");
        Assert.Equal(0, code);
        Assert.Equal(2, output.Split("grad norm").Length - 1);
        Assert.Contains("Epoch 2/2, loss", output, StringComparison.Ordinal);
        foreach (var layer in new[] { "0 Linear [18, 10]", "2 Linear [18, 18]", "4 Linear [4, 18]", "6 Linear [1, 4]" })
            Assert.Contains(layer, output, StringComparison.Ordinal);
        Assert.Matches(@"0 Linear \[18, 10\]\s+\d\.\d\de[+-]\d\d\s+Relu\s+\d+\.\d%", output);
    }

    [Fact]
    public void TrainPlotWritesTheLossCurve()
    {
        string path = At("loss.svg");
        var (code, output, _) = Run("train", "--epochs", "4", "--samples", "20", "--plot", path);
        Assert.Equal(0, code);
        Assert.Contains($"written to {path}", output, StringComparison.Ordinal);
        var chart = SvgAssert.Parse(File.ReadAllText(path)).Root!.WithClass("chart").Single();
        Assert.Equal(["relu"], chart.WithClass("series").Select(s => (string)s.Attribute("data-name")!));
        Assert.Equal(4, SvgAssert.AssertPointsInsidePlotArea(chart));
    }

    [Fact]
    public void TrainCompareDrawsOneCurvePerActivation()
    {
        string path = At("compare.svg");
        var (code, output, _) = Run("train", "--compare", "--epochs", "2", "--samples", "20", "--hidden", "4", "--plot", path);
        Assert.Equal(0, code);
        var names = SvgAssert.Parse(File.ReadAllText(path)).Root!.WithClass("series").Select(s => (string)s.Attribute("data-name")!).ToList();
        Assert.Contains("relu", names);
        Assert.Contains("sigmoid", names);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.Contains(n, output, StringComparison.Ordinal)); // each curve is a row of the table
    }
}
