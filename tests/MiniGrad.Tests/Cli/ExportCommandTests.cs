using System.CommandLine;
using System.Globalization;
using System.Text;
using MiniGrad.Checkpoints;
using MiniGrad.Cli.Training;
using MiniGrad.Cli;
using MiniGrad.Data;
using MiniGrad.Nn;
using MiniGrad.Tests.Onnx;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Cli;

/// <summary>
/// <c>minigrad export</c>: the ONNX file of a model saved by <c>train --save</c>, run in ONNX Runtime on the raw CSV
/// columns, gives what <c>minigrad predict</c> gives (each class's probability, or the value) within float rounding;
/// a file it cannot use is one line and exit code 2.
/// </summary>
public sealed class ExportCommandTests() : TempFolderTest("minigrad-export-")
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Invoke(args);

    /// <summary>The predictions minigrad predict prints, as numbers: each row's probabilities, or its value.</summary>
    private static double[][] Predicted(string model, string csv)
    {
        var (code, output, error) = Run("predict", "--model", model, "--data", csv);
        Assert.Equal("", error);
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int firstNumber = lines[0].StartsWith("prediction,", StringComparison.Ordinal) ? 1 : 0;
        return [.. lines.Skip(1).Select(l => l.Split(',').Skip(firstNumber).Select(v => double.Parse(v, Inv)).ToArray())];
    }

    private static void AssertClose(double[][] expected, float[] actual, double tolerance)
    {
        int columns = expected[0].Length;
        Assert.Equal(expected.Length * columns, actual.Length);
        for (int r = 0; r < expected.Length; r++)
            for (int c = 0; c < columns; c++)
                Assert.True(Math.Abs(expected[r][c] - actual[r * columns + c]) <= tolerance,
                    $"row {r}, column {c}: predict gives {expected[r][c]}, ONNX Runtime {actual[r * columns + c]}");
    }

    [Fact]
    public void AStandardizedClassifierExportedRunsInOnnxRuntimeOnRawColumnsAndGivesPredictsProbabilities()
    {
        string model = At("iris.safetensors");
        Assert.Equal(0, Run("train", "--task", "iris", "--epochs", "5", "--save", model).Code);
        var (code, output, error) = Run("export", "--model", model);
        Assert.Equal("", error);
        Assert.Equal(0, code);
        string onnx = At("iris.onnx");
        Assert.Equal($"Wrote {onnx}: input [batch, 4] (sepal length (cm), sepal width (cm), petal length (cm), petal width (cm)), " +
                     "output the probabilities of setosa, versicolor, virginica.\n", output.ReplaceLineEndings("\n"));

        // Every iris row, raw, as a CSV file for predict and as a tensor for ONNX Runtime.
        var features = Datasets.Iris().Inputs;
        string[] names = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"];
        var csv = new StringBuilder(string.Join(",", names.Select(n => $"\"{n}\"")) + "\n");
        var values = features.ToArray();
        for (int r = 0; r < features.Shape[0]; r++)
            csv.AppendLine(string.Join(",", values.Skip(4 * r).Take(4).Select(v => v.ToString("R", Inv))));
        File.WriteAllText(At("rows.csv"), csv.ToString());

        var expected = Predicted(model, At("rows.csv"));
        var (probabilities, shape) = OnnxRuntimeRunner.Run(onnx, features);
        Assert.Equal(new long[] { features.Shape[0], 3 }, shape);
        AssertClose(expected, probabilities, 1e-5);
    }

    [Fact]
    public void ARegressionExportedToANamedFileGivesPredictsValues()
    {
        var rng = new Random(5);
        var csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 60; i++)
        {
            double a = 4 * rng.NextDouble() - 2, b = 10 * rng.NextDouble();
            csv.Append(Inv, $"{a:R},{b:R},{Math.Sin(a) + 0.1 * b:R}\n");
        }
        File.WriteAllText(At("points.csv"), csv.ToString());
        string model = At("points.safetensors");
        Assert.Equal(0, Run("train", "--data", At("points.csv"), "--target", "y", "--standardize", "--double", "--epochs", "5", "--hidden", "6", "--save", model).Code);
        string onnx = At("out.onnx");
        var (code, output, _) = Run("export", "--model", model, "-o", onnx);
        Assert.Equal(0, code);
        Assert.Contains("output the predicted y.", output);

        var expected = Predicted(model, At("points.csv"));
        var inputs = CsvDataset.LoadColumns<float>(At("points.csv"), ["a", "b"]);
        var (predicted, shape) = OnnxRuntimeRunner.Run(onnx, inputs);
        Assert.Equal(new long[] { 60, 1 }, shape);
        // The double model's weights are rounded to float in the ONNX file.
        AssertClose(expected, predicted, 1e-4);
    }

    [Fact]
    public void TheInferenceNetworkFoldsTheStandardizationIntoTheFirstLayerExactlyInDouble()
    {
        var options = new TrainingOptions { Task = TrainingTask.Iris, Epochs = 3, Double = true };
        var data = HoldoutData<double>.Load(options);
        var trained = Assert.IsType<TrainedModel<double>>(HoldoutRun.Run(options, data).Trained);
        var raw = Datasets.Iris<double>().Inputs;
        using var _ = MiniGrad.Tape.NoGrad();
        trained.Model.Eval();
        var expected = Functional.Softmax(trained.Model.Forward(trained.Standardizer!.Transform(raw)), 1).ToArray();
        var actual = trained.InferenceNetwork().Forward(raw).ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
        var network = trained.InferenceNetwork();
        Assert.IsType<Softmax<double>>(network[network.Count - 1]);
    }

    [Fact]
    public void AMissingForeignOrSelfOverwritingExportIsOneLineAndExitCode2()
    {
        AssertUsageError(Run("export", "--model", At("none.safetensors")), "--model must be an existing file");
        var plain = new Sequential<float>(new Linear<float>(2, 2, new Generator(0)));
        plain.Save(At("plain.safetensors"));
        AssertUsageError(Run("export", "--model", At("plain.safetensors")), "holds no MiniGrad model description");
        Assert.False(File.Exists(At("plain.onnx")));
        string model = At("xor.safetensors");
        Assert.Equal(0, Run("train", "--task", "xor", "--epochs", "1", "--save", model).Code);
        AssertUsageError(Run("export", "--model", model, "-o", model), "is the model file itself");
        AssertUsageError(Run("export", "--model", model, "-o", At("missing/xor.onnx")), "-o");
    }

    private static void AssertUsageError((int Code, string Out, string Err) run, string expected)
    {
        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Out);
        Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("minigrad export: ", run.Err);
        Assert.Contains(expected, run.Err);
    }
}
