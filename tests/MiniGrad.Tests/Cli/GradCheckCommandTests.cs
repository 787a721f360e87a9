using System.CommandLine;
using MiniGrad.Cli;

namespace MiniGrad.Tests.Cli;

public class GradCheckCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(GradCheckCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        int code = root.Parse(["gradcheck", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void OneActivationPrintsTheReportWithKinksAndPlot()
    {
        var (code, output, error) = Run("Hardtanh");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("CheckActivation Hardtanh(x, -1, 1): PASSED", output);
        Assert.Contains("x = -1", output);
        Assert.Contains("x = 1 ", output);
        Assert.Contains("second order: GradCheck PASSED", output);
        Assert.Contains("* f(x)", output);
    }

    [Fact]
    public void UnknownNameIsAUsageError()
    {
        var (code, _, error) = Run("Swishy");
        Assert.Equal(2, code);
        Assert.StartsWith("minigrad gradcheck: the activation must be one of Relu,", error, StringComparison.Ordinal);
        Assert.Contains("got 'Swishy'", error, StringComparison.Ordinal);
        Assert.Contains("LeakyRelu", error);
    }

    [Fact]
    public void AllPrintsATableOfEveryActivation()
    {
        var (code, output, _) = Run("--all", "--no-second-order");
        Assert.Equal(0, code);
        foreach (var a in BuiltInActivations.All) Assert.Matches($@"│ {a.Name} +│", output);
        Assert.Contains($"{BuiltInActivations.All.Count} of {BuiltInActivations.All.Count} activations passed", output);
    }
}
