using MiniGrad.Tests.Support;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MiniGrad.Cli;
using MiniGrad.Cli.Training;

namespace MiniGrad.Tests.Cli;

/// <summary><c>minigrad train</c> on real data: <c>--task iris</c>, <c>--task digits</c> and <c>--data FILE.csv --target COLUMN</c>.</summary>
public sealed class TrainOnDataTests() : TempFolderTest("minigrad-train-data-")
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Invoke(["train", .. args]);

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static double TestAccuracy(string output)
    {
        var m = Regex.Match(output, @"^Test accuracy: (\d{1,3}\.\d)%$", RegexOptions.Multiline);
        Assert.True(m.Success, $"no 'Test accuracy: NN.N%' line in:\n{output}");
        return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Three blobs in the plane, labelled by name, a line per sample (seeded).</summary>
    private string ClassesCsv(int rows = 90) => BlobsCsv.Write(At("blobs.csv"), rows);

    /// <summary>price = 2a - b + 1 with a little noise.</summary>
    private string RegressionCsv(int rows = 80)
    {
        var rng = new Random(3);
        var sb = new StringBuilder("a,b,price\n");
        for (int i = 0; i < rows; i++)
        {
            double a = rng.NextDouble() * 4 - 2, b = rng.NextDouble() * 4 - 2;
            sb.Append(CultureInfo.InvariantCulture, $"{a:F3},{b:F3},{2 * a - b + 1 + 0.05 * (rng.NextDouble() - 0.5):F3}\n");
        }
        string path = At("prices.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Fact]
    public void IrisPrintsEpochLinesTestAccuracyAndAConfusionMatrixOfClassNames()
    {
        var (code, output, error) = Run("--task", "iris", "--epochs", "5");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        var lines = Lines(output);
        Assert.Equal("Training 4-16-3 with relu on iris, 3 classes: 150 samples (train 106, validation 22, test 22), standardized, batch 32 shuffled, " +
                     "5 epochs, cross entropy, adam lr 0.01, float32, seed 42", lines[0]);
        for (int e = 1; e <= 5; e++) Assert.Matches($@"^Epoch {e}/5, Train loss: \d+\.\d{{6}}, Validation accuracy: \d+\.\d%$", lines[e]);
        Assert.Equal("Training complete.", lines[6]);
        Assert.InRange(TestAccuracy(output), 0, 100);
        Assert.Equal("Confusion matrix of the test part (22 samples; rows: true class, columns: predicted):", lines[8]);
        // Rows and columns are the class names, and the counts of each row add up to the test part.
        Assert.Matches(@"│ true \\ predicted │ setosa │ versicolor │ virginica │", output);
        int total = 0;
        foreach (string name in new[] { "setosa", "versicolor", "virginica" })
        {
            var row = lines.Single(l => l.StartsWith($"│ {name} ", StringComparison.Ordinal));
            total += row.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).Sum(int.Parse);
        }
        Assert.Equal(22, total);
        Assert.Matches(@"^Time: \d+\.\d\d s$", lines[^1]);
    }

    [Fact]
    public void IrisLearnsWithTheDefaults()
    {
        var (code, output, _) = Run("--task", "iris");
        Assert.Equal(0, code);
        Assert.True(TestAccuracy(output) >= 90, output);
    }

    [Fact]
    public void DigitsReach95PercentTestAccuracyWithTheDefaultsInAFewSeconds()
    {
        var (code, output, error) = Run("--task", "digits");
        Assert.True(code == 0, error);
        Assert.StartsWith("Training 64-128-10 with relu and dropout 0.2 on digits, 10 classes: 1797 samples (train 1258, validation 270, test 269)", output);
        Assert.True(TestAccuracy(output) >= 95.0, output);
        var seconds = double.Parse(Regex.Match(output, @"^Time: (\d+\.\d\d) s", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(seconds < 20, $"digits took {seconds} s");
    }

    [Fact]
    public void SameSeedPrintsTheSameRunAndAnotherSeedAnotherOne()
    {
        static string WithoutTime(string output) => string.Join('\n', Lines(output).Where(l => !l.StartsWith("Time: ", StringComparison.Ordinal)));
        var first = Run("--task", "iris", "--epochs", "8", "--seed", "5");
        var second = Run("--task", "iris", "--epochs", "8", "--seed", "5");
        var other = Run("--task", "iris", "--epochs", "8", "--seed", "6");
        Assert.Equal(WithoutTime(first.Out), WithoutTime(second.Out));
        Assert.NotEqual(WithoutTime(first.Out).Split('\n')[1..], WithoutTime(other.Out).Split('\n')[1..]);
        var csv = ClassesCsv();
        Assert.Equal(WithoutTime(Run("--data", csv, "--target", "colour", "--epochs", "4").Out),
            WithoutTime(Run("--data", csv, "--target", "colour", "--epochs", "4").Out));
    }

    [Fact]
    public void CsvWithTextLabelsIsClassification()
    {
        string path = ClassesCsv();
        var (code, output, error) = Run("--data", path, "--target", "colour", "--standardize");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.StartsWith($"Training 2-32-3 with relu on {path} (target 'colour'), 3 classes: 90 samples (train 54, validation 18, test 18), standardized,", output);
        Assert.True(TestAccuracy(output) >= 90, output);
        // Class names sorted: blue, green, red.
        Assert.Matches(@"│ true \\ predicted │ blue │ green │ red │", output);
    }

    [Fact]
    public void CsvWithNumbersIsRegressionUnlessClassesIsGiven()
    {
        string path = RegressionCsv();
        var (code, output, error) = Run("--data", path, "--target", "price", "--epochs", "60");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.StartsWith($"Training 2-32-1 with relu on {path} (target 'price'), regression: 80 samples (train 48, validation 16, test 16), batch 32 shuffled,", output);
        Assert.Matches(@"(?m)^Epoch 60/60, Train loss: \d+\.\d{6}, Validation loss: \d+\.\d{6}$", output);
        Assert.DoesNotContain("accuracy", output);
        var m = Regex.Match(output, @"(?m)^Test loss: (\d+\.\d{6}) \(MSE, 16 samples\)$");
        Assert.True(m.Success, output);
        Assert.True(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) < 0.5, output);

        // Whole-number labels read as classes when asked.
        string labels = At("labels.csv");
        File.WriteAllLines(labels, ["a,b,label", .. Enumerable.Range(0, 40).Select(i => $"{i % 2},{i % 5},{i % 2}")]);
        var classes = Run("--data", labels, "--target", "label", "--classes", "--epochs", "3");
        Assert.Equal(0, classes.Code);
        Assert.Contains("2 classes: 40 samples (train 24, validation 8, test 8)", classes.Out);
        Assert.Matches(@"│ true \\ predicted │ 0 │ 1 │", classes.Out);
    }

    [Fact]
    public void TestFractionSetsTheTestAndValidationParts()
    {
        var (code, output, _) = Run("--task", "iris", "--epochs", "1", "--test-fraction", "0.1");
        Assert.Equal(0, code);
        Assert.Contains("150 samples (train 120, validation 15, test 15)", output);
    }

    [Fact]
    public void PlotWritesTheLossAndValidationCurves()
    {
        string svg = At("curves.svg");
        var (code, output, _) = Run("--task", "iris", "--epochs", "3", "--plot", svg);
        Assert.Equal(0, code);
        Assert.EndsWith($"Loss and validation curves written to {svg}", output.TrimEnd());
        string text = File.ReadAllText(svg);
        Assert.Contains("<svg", text);
        Assert.Contains("Validation accuracy", text);
        Assert.Contains("Loss per epoch", text);
    }

    [Fact]
    public void ABadCsvFileExitsWith2AndOneLineNamingFileLineAndColumn()
    {
        string path = At("bad.csv");
        File.WriteAllText(path, "a,b,label\n1,2,x\n3,4,y\n5,oops,x\n");
        var (code, output, error) = Run("--data", path, "--target", "label");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(Lines(error));
        Assert.StartsWith($"minigrad train: {path}, line 4, column 'b': 'oops' is not a number", line);
        Assert.DoesNotContain(" at ", line.Replace("at most", ""));
    }

    public static TheoryData<string, string[]> Mistakes => new()
    {
        { "--data and --task cannot be combined", ["--data", "FILE", "--target", "colour", "--task", "iris"] },
        { "--data needs --target COLUMN", ["--data", "FILE"] },
        { "--target applies to --data FILE.csv", ["--target", "colour"] },
        { "--classes applies to --data FILE.csv", ["--task", "iris", "--classes"] },
        { "--samples applies to the generated tasks (random, sine, xor, spirals), not to --task digits.", ["--task", "digits", "--samples", "10"] },
        { "--compare applies to the generated tasks", ["--data", "FILE", "--target", "colour", "--compare"] },
        { "--test-fraction applies to --task iris, --task digits and --data (trained on a train/validation/test split), not to the generated xor task.", ["--task", "xor", "--test-fraction", "0.2"] },
        { "--standardize applies to --task iris, --task digits and --data", ["--standardize"] },
        { "--test-fraction must be a number above 0 and below 0.5, got '0.5'.", ["--task", "iris", "--test-fraction", "0.5"] },
        { "--data must be an existing file, got '/no/such/file.csv'.", ["--data", "/no/such/file.csv", "--target", "x"] },
        { "the header has no column 'price' to use as the target; its columns are: x, y, colour.", ["--data", "FILE", "--target", "price"] },
        { "activation 'glu' does not fit between Linear layers", ["--data", "FILE", "--target", "colour", "--activation", "glu"] },
        { "--dropout must be a number from 0 up to but not including 1, got '1'.", ["--task", "iris", "--dropout", "1"] },
        { "--scheduler must be one of cosine, step, plateau, got 'linear'.", ["--task", "iris", "--scheduler", "linear"] },
        { "--clip-grad-norm must be a positive number, got '0'.", ["--task", "iris", "--clip-grad-norm", "0"] },
        { "--dropout applies to --task iris, --task digits and --data (trained on a train/validation/test split), not to the generated xor task.", ["--task", "xor", "--dropout", "0.1"] },
        { "--scheduler applies to --task iris", ["--scheduler", "cosine"] },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void MistakesExitWith2BeforeTraining(string message, string[] args)
    {
        string csv = ClassesCsv();
        var (code, output, error) = Run([.. args.Select(a => a == "FILE" ? csv : a)]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(Lines(error));
        Assert.StartsWith("minigrad train: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Fact]
    public void TooFewSamplesToSplitIsAUsageError()
    {
        string path = At("tiny.csv");
        File.WriteAllText(path, "a,label\n1,x\n2,y\n3,x\n");
        var (code, _, error) = Run("--data", path, "--target", "label");
        Assert.Equal(2, code);
        Assert.Contains("has 3 samples: too few to split into train, validation and test parts", error);
    }

    [Fact]
    public void OnATerminalTheProgressBarShowsEpochLossAndValidationAccuracy()
    {
        var screen = new StringWriter();
        var terminal = RecordingTerminal.Create(screen);
        var options = new TrainingOptions { Task = TrainingTask.Iris, Epochs = 4 };
        var output = new StringWriter();
        TrainingReport.Holdout(options, HoldoutData<float>.Load(options), output, interactive: true, terminal: terminal);
        string drawn = screen.ToString();
        Assert.Matches(@"Epoch 4/4, loss \d\.\d{4}, validation accuracy \d+\.\d%", drawn);
        Assert.Contains("100%", drawn);
        Assert.Contains("setosa", drawn); // the confusion matrix, on the terminal
        Assert.Matches(@"(?m)^Test accuracy: \d+\.\d%", output.ToString());
    }

    [Fact]
    public void DropoutSchedulerAndClippingAreUsedAndSaid()
    {
        var (code, output, error) = Run("--task", "iris", "--epochs", "10", "--dropout", "0.3", "--scheduler", "cosine", "--clip-grad-norm", "0.5");
        Assert.True(code == 0, error);
        var lines = Lines(output);
        Assert.StartsWith("Training 4-16-3 with relu and dropout 0.3 on iris,", lines[0]);
        Assert.Contains("adam lr 0.01 (cosine schedule), gradient norm clipped to 0.5, float32", lines[0]);
        // Each epoch trains with CosineAnnealingLR's rate: lr0 (1 + cos(pi (e - 1) / E)) / 2.
        for (int e = 1; e <= 10; e++)
        {
            var m = Regex.Match(lines[e], $@"^Epoch {e}/10, Train loss: \d+\.\d{{6}}, Validation accuracy: \d+\.\d%, lr (\S+)$");
            Assert.True(m.Success, lines[e]);
            double expected = 0.01 * (1 + Math.Cos(Math.PI * (e - 1) / 10)) / 2;
            Assert.Equal(expected, double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), 6);
        }
        // Dropout changes the run (its masks draw from the seeded generator), clipping too.
        string Body(params string[] args) => string.Join('\n', Lines(Run(["--task", "iris", "--epochs", "3", .. args]).Out).Skip(1).SkipLast(1));
        Assert.NotEqual(Body(), Body("--dropout", "0.5"));
        Assert.NotEqual(Body(), Body("--clip-grad-norm", "0.01"));
        Assert.Equal(Body("--dropout", "0.5"), Body("--dropout", "0.5"));
        Assert.Contains("on digits", Run("--task", "digits", "--epochs", "1", "--dropout", "0").Out.Split('\n')[0]);
        Assert.DoesNotContain("dropout", Run("--task", "digits", "--epochs", "1", "--dropout", "0").Out.Split('\n')[0]);
    }

    [Theory]
    [InlineData("step", new[] { 0.01, 0.01, 0.01, 0.001, 0.001, 0.001, 0.0001, 0.0001, 0.0001, 0.00001 })]
    [InlineData("plateau", null)]
    public void StepAndPlateauSchedulesChangeTheRate(string scheduler, double[]? expected)
    {
        var (code, output, error) = Run("--task", "iris", "--epochs", "10", "--scheduler", scheduler);
        Assert.True(code == 0, error);
        var rates = Regex.Matches(output, @", lr (\S+)$", RegexOptions.Multiline).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(10, rates.Length);
        if (expected is not null) Assert.Equal(expected, rates, (a, b) => Math.Abs(a - b) < 1e-12);
        else Assert.All(rates, r => Assert.True(r is 0.01 or 0.001 or 0.0001, $"{r}"));
    }
}
