using System.CommandLine;
using MiniGrad.Cli;
using MiniGrad.Cli.Training;

namespace MiniGrad.Tests.Cli;

[Collection(nameof(MiniGrad.Tests.Support.ThreadCountCollection))]
public class TrainCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(TrainCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        int code = root.Parse(["train", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--activation must be one of celu, elu,", "--activation", "swishy")]
    [InlineData("--lr must be a positive number, got '-0.5'", "--lr", "-0.5")]
    [InlineData("--batch-size must be a whole number of at least 1, got '0'", "--batch-size", "0")]
    [InlineData("--epochs must be a whole number of at least 1, got '0'", "--epochs", "0")]
    [InlineData("--epochs must be a whole number of at least 1, got 'abc'", "--epochs", "abc")]
    [InlineData("--hidden must be layer sizes of at least 1, comma-separated (like 18,18,4), or none, got '18,x'", "--hidden", "18,x")]
    [InlineData("--hidden must be layer sizes of at least 1, comma-separated (like 18,18,4), or none, got '18,0'", "--hidden", "18,0")]
    [InlineData("--optimizer must be one of adam, adamw, sgd, got 'rmsprop'", "--optimizer", "rmsprop")]
    [InlineData("--task must be one of random, sine, xor, spirals, iris, digits, got 'moons'", "--task", "moons")]
    [InlineData("--task must be one of random, sine, xor, spirals, iris, digits, got '1'", "--task", "1")]
    [InlineData("--seed must be a whole number from 0 to 18446744073709551615, got '-1'", "--seed", "-1")]
    [InlineData("--threads must be a whole number of at least 1, got '0'", "--threads", "0")]
    [InlineData("activation 'glu' does not fit between Linear layers", "--activation", "glu")]
    public void BadOptionPrintsOneLineAndExitsWith2BeforeTraining(string message, params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(Failure.UsageExitCode, code);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("minigrad train: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Epoch", output);
    }

    [Fact]
    public void TaskAndOptimizerNamesAreReadInAnyCase()
    {
        var (code, output, error) = Run("--task", "SINE", "--optimizer", "AdamW", "--epochs", "1", "--samples", "10");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("on the sine task", output, StringComparison.Ordinal);
        Assert.Contains("adamw lr 0.01", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10-18-18-4-1")]
    [InlineData("10-1", "--hidden", "none")]
    [InlineData("10-1", "--hidden", "")]
    [InlineData("10-3-1", "--hidden", "3")]
    public void HiddenIsTheDefaultLayersUnlessGiven(string layers, params string[] args)
    {
        var (code, output, _) = Run([.. args, "--epochs", "1", "--samples", "10"]);
        Assert.Equal(0, code);
        // Without a hidden layer there is nothing for an activation to act on, and the header says so.
        Assert.StartsWith($"Training {layers} with {(layers == "10-1" ? "no activation" : "relu")}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortRunPrintsEpochLinesThenCompletionFinalLossAndTime()
    {
        var (code, output, error) = Run("--epochs", "3", "--samples", "20", "--activation", "tanh");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("Training 10-18-18-4-1 with tanh on the random task: 20 samples, batch 10, 3 epochs", lines[0]);
        // Printed as Python prints f'{loss}': the float's shortest round-trip repr, which is the run's loss exactly.
        var losses = TrainingRun.Run(new TrainingOptions { Epochs = 3, Samples = 20, Activation = "tanh" }).EpochLosses;
        for (int e = 1; e <= 3; e++)
        {
            var m = System.Text.RegularExpressions.Regex.Match(lines[e], $@"^Epoch {e}/3, Loss: (\S+)$");
            Assert.True(m.Success, lines[e]);
            Assert.Equal(losses[e - 1], double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal("Training complete.", lines[4]);
        Assert.StartsWith("Final loss (all samples): ", lines[5]);
        Assert.Matches(@"^Time: \d+\.\d\d s$", lines[6]);
    }

    [Fact]
    public void DefaultsAreTheTutorialNetworkAndHyperparameters()
    {
        var o = new TrainingOptions();
        Assert.Equal(("relu", 150, 10, 0.001, 100, "adam"), (o.Activation, o.EffectiveEpochs, o.EffectiveBatchSize, o.EffectiveLearningRate, o.EffectiveSamples, o.Optimizer));
        Assert.Equal([18, 18, 4], o.EffectiveHidden);
        Assert.Null(o.Validate());
        Assert.Contains("10-18-18-4-1 with relu on the random task: 100 samples, batch 10, 150 epochs, MSE, adam lr 0.001, float32",
            TrainingReport.Describe(o));
    }

    [Fact]
    public void SineRegressionLossDecreases()
    {
        var r = TrainingRun.Run(new TrainingOptions { Task = TrainingTask.Sine, Activation = "tanh", Epochs = 30, Samples = 100 });
        Assert.Equal("1-18-18-4-1", r.Architecture);
        Assert.Equal(30, r.EpochLosses.Count);
        Assert.True(r.FinalLoss < r.InitialLoss / 4, $"final {r.FinalLoss}, initial {r.InitialLoss}");
        Assert.Null(r.FinalAccuracy);
        Assert.Null(r.DeadUnitFraction);
    }

    [Fact]
    public void XorNeedsAnActivationALinearNetworkCannotLearnIt()
    {
        var options = new TrainingOptions { Task = TrainingTask.Xor, Epochs = 60, Samples = 100 };
        var relu = TrainingRun.Run(options);
        var linear = TrainingRun.Run(options with { Activation = "none" });
        Assert.True(relu.FinalAccuracy > 0.9, $"relu accuracy {relu.FinalAccuracy}");
        Assert.True(linear.FinalAccuracy < 0.8, $"linear accuracy {linear.FinalAccuracy}");
        Assert.InRange(relu.DeadUnitFraction!.Value, 0, 1);
        Assert.Null(linear.DeadUnitFraction);
    }

    [Fact]
    public void ThreadsChangeNothingButTheThreadCount()
    {
        int saved = MiniGrad.Kernels.Threading.MaxDegreeOfParallelism;
        try
        {
            // Batch 256 × 64 inputs × 512 units: the products are large enough to be split across threads.
            string[] args = ["--task", "digits", "--epochs", "1", "--batch-size", "256", "--hidden", "512"];
            var one = Run([.. args, "--threads", "1"]);
            Assert.Equal(1, MiniGrad.Kernels.Threading.MaxDegreeOfParallelism);
            var two = Run([.. args, "--threads", "2"]);
            Assert.Equal(2, MiniGrad.Kernels.Threading.MaxDegreeOfParallelism);
            Assert.Equal(0, one.Code);
            static string WithoutTime(string output) =>
                string.Join('\n', output.Split('\n').Where(line => !line.StartsWith("Time:", StringComparison.Ordinal)));
            Assert.Equal(WithoutTime(one.Out), WithoutTime(two.Out));
        }
        finally
        {
            MiniGrad.Kernels.Threading.MaxDegreeOfParallelism = saved;
        }
    }

    [Fact]
    public void SameSeedSameRunOtherSeedOtherRun()
    {
        // Two separate runs (fresh generator, model, optimizer and tape each) must agree bit for bit.
        var options = new TrainingOptions { Epochs = 3, Samples = 30, Double = true };
        var first = TrainingRun.Run(options).EpochLosses;
        var second = TrainingRun.Run(options).EpochLosses;
        var otherSeed = TrainingRun.Run(options with { Seed = 7 }).EpochLosses;
        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Theory]
    [InlineData("adamw")]
    [InlineData("sgd")]
    [InlineData("ADAM")]
    public void EveryOptimizerTrains(string optimizer)
    {
        var r = TrainingRun.Run(new TrainingOptions { Task = TrainingTask.Sine, Activation = "tanh", Optimizer = optimizer, Epochs = 20, Samples = 100 });
        Assert.True(r.FinalLoss < r.InitialLoss, $"{optimizer}: final {r.FinalLoss}, initial {r.InitialLoss}");
    }

    [Fact]
    public void ActivationNamesAreFoundInTheLibraryInAnySpelling()
    {
        foreach (string name in new[] { "relu", "sigmoid", "tanh", "leaky_relu", "none" }) Assert.Contains(name, ActivationCatalog.Names);
        foreach (string spelling in new[] { "leaky_relu", "LeakyReLU", "leakyrelu", "leaky-relu" })
            Assert.Equal("leaky_relu", ActivationCatalog.Normalize(spelling));
        Assert.IsType<MiniGrad.Nn.LeakyRelu<float>>(ActivationCatalog.Create<float>("LeakyReLU"));
        Assert.Equal(0.01, ((MiniGrad.Nn.LeakyRelu<double>)ActivationCatalog.Create<double>("leaky_relu")!).NegativeSlope);
        Assert.Null(ActivationCatalog.Create<double>("none"));
        // A required dim is the feature dim; a generator-taking activation gets the run's generator.
        Assert.Equal(-1, ((MiniGrad.Nn.Softmax<double>)ActivationCatalog.Create<double>("softmax")!).Dim);
        var rrelu = ActivationCatalog.Create<double>("rrelu", new Generator(1))!;
        Assert.Equal(new TensorShape(3, 4), rrelu.Forward(Tensor<double>.RandomNormal(new Generator(2), 3, 4)).Shape);
        Assert.False(ActivationCatalog.Contains("linear"));
        Assert.DoesNotContain("sequential", ActivationCatalog.Names);
        Assert.DoesNotContain("linear", ActivationCatalog.Names);
        Assert.DoesNotContain("softmax2d", ActivationCatalog.Names); // images only: it cannot follow a Linear layer
    }

    [Fact]
    public void CompareTrainsEveryActivationAndPrintsATable()
    {
        var (code, output, error) = Run("--compare", "--task", "xor", "--epochs", "2", "--samples", "20", "--double");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("accuracy", output);
        Assert.Contains("dead units", output);
        // Every activation has a row, or a line saying why it cannot sit between Linear layers (glu halves the width).
        foreach (string name in ActivationCatalog.Names)
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(output, $@"│ {name} +│") || output.Contains($"Skipped: activation '{name}'"),
                $"{name} missing from:\n{output}");
        Assert.Matches(@"│ relu +│", output);
    }

    [Fact]
    public void EveryActivationInTheCatalogPassesTheDryRunOrIsReported()
    {
        foreach (var task in Enum.GetValues<TrainingTask>())
            foreach (string name in ActivationCatalog.Names)
            {
                string? problem = TrainingRun.Check(new TrainingOptions { Task = task, Activation = name });
                Assert.True(problem is null || problem.Contains($"activation '{name}'"), problem);
            }
        Assert.Contains("unknown activation", TrainingRun.Check(new TrainingOptions { Activation = "nope" }));
        Assert.Throws<ArgumentException>(() => TrainingRun.Run(new TrainingOptions { BatchSize = 0 }));
    }

    [Fact]
    public void DoubleOptionTrainsInFloat64()
    {
        var (code, output, _) = Run("--double", "--epochs", "1", "--samples", "10");
        Assert.Equal(0, code);
        Assert.Contains("float64", output);
    }
}
