using System.CommandLine;
using MiniGrad.Cli;
using MiniGrad.Cli.Training;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Cli;

/// <summary>The commands agree with each other and print what really runs.</summary>
public class ConsistencyTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Invoke(args);

    [Fact]
    public void VersionAndDashDashVersionPrintOneVersion()
    {
        var (code, output, _) = Run("version");
        Assert.Equal(0, code);
        string library = output.Split('\n')[0].Trim();
        // --version prints the command's own informational version; every project takes one version.
        string command = typeof(MiniGradCommand).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        Assert.Equal("MiniGrad " + command, library);
        Assert.Matches(@"^MiniGrad \d+\.\d+\.\d+", library);
    }

    [Fact]
    public void GradcheckAcceptsEverySpellingTrainAcceptsForTheSameActivation()
    {
        // Train reads PyTorch's spelling (leaky_relu); gradcheck names .NET's (LeakyRelu): each takes the other's.
        foreach (string name in ActivationCatalog.Names.Where(n => n != "none"))
        {
            var builtIn = BuiltInActivations.Find(name);
            if (builtIn is null) continue; // an activation gradcheck does not list (checked below: at most a few)
            Assert.Equal(ActivationCatalog.Key(builtIn.Name), ActivationCatalog.Key(name));
        }
        Assert.NotNull(BuiltInActivations.Find("leaky_relu"));
        Assert.NotNull(BuiltInActivations.Find("log_softmax"));
        Assert.NotNull(BuiltInActivations.Find("LEAKY-RELU"));
        Assert.True(ActivationCatalog.Names.Count(n => BuiltInActivations.Find(n) is not null) >= 25);
        var (code, output, error) = Run("gradcheck", "leaky_relu", "--no-second-order");
        Assert.True(code == 0, error);
        Assert.Contains("LeakyRelu", output);
    }

    [Fact]
    public void LayersThatAreBuiltFromDefaultsAreNotActivations()
    {
        // Flatten() and Dropout(generator) can be built as the catalog builds an activation; they are layers.
        Assert.DoesNotContain("flatten", ActivationCatalog.Names);
        Assert.DoesNotContain("dropout", ActivationCatalog.Names);
        Assert.DoesNotContain("identity", ActivationCatalog.Names);
        Assert.Contains("rrelu", ActivationCatalog.Names);
        Assert.Contains("softmax", ActivationCatalog.Names);
    }

    [Fact]
    public void TheHeaderSaysWhatRunsWithoutHiddenLayersAndWithABatchLargerThanTheData()
    {
        var options = new TrainingOptions { Hidden = [], BatchSize = 1000, Epochs = 1 };
        string header = TrainingReport.Describe(options);
        Assert.StartsWith("Training 10-1 with no activation on the random task: 100 samples, batch 100,", header);
        Assert.Contains("with relu", TrainingReport.Describe(new TrainingOptions { Epochs = 1 }));
    }

    [Fact]
    public void OnATerminalTheProgressBarAdvancesWithEveryEpoch()
    {
        var screen = new StringWriter();
        var terminal = RecordingTerminal.Create(screen);
        TrainingReport.Single(new TrainingOptions { Epochs = 4 }, new StringWriter(), interactive: true, terminal: terminal);
        string drawn = screen.ToString();
        // Each epoch's line is drawn with the bar already moved past it: 25 % with epoch 1, 50 % with epoch 2, ...
        int previous = -1;
        foreach (int percent in new[] { 25, 50, 75, 100 })
        {
            int at = drawn.IndexOf($"{percent}%", StringComparison.Ordinal);
            Assert.True(at > previous, $"{percent}% is not drawn after the previous step:\n{drawn}");
            previous = at;
        }
        Assert.True(drawn.IndexOf("25%", StringComparison.Ordinal) < drawn.IndexOf("Epoch 2/4, Loss", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Tutorial003", "Tutorial003: --epochs must be a whole number of at least 1, got 'abc'", "--epochs", "abc")]
    [InlineData("Tutorial003", "Tutorial003: --seed must be a whole number from 0 to", "--seed", "-1")]
    [InlineData("Tutorial003", "Tutorial003: unknown option --bogus", "--bogus", "1")]
    [InlineData("LinearCollapse", "LinearCollapse: expected nothing or --steps N with N a whole number of at least 1, got '--steps abc'", "--steps", "abc")]
    public void TheExamplesRefuseBadArgumentsWithOneLineAndExitCode2(string example, string message, params string[] args)
    {
        var (exitCode, output, error) = ChildProcess.RunDotnet(example + ".dll", args);
        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        var lines = error.TrimEnd().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith(message, lines[0]);
    }
}
