using System.CommandLine;
using System.Globalization;
using System.Text;
using MiniGrad.Checkpoints;
using MiniGrad.Cli.Training;
using MiniGrad.Cli;
using MiniGrad.Data;
using MiniGrad.Nn;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Cli;

/// <summary>
/// <c>minigrad train --save</c> and <c>minigrad predict</c>: the saved file rebuilds the trained model, whose
/// predictions (computed here with the library from the run's own model) are what predict prints; and every bad
/// model or CSV file is one line and exit code 2.
/// </summary>
public sealed class PredictCommandTests() : TempFolderTest("minigrad-predict-")
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Invoke(args);

    /// <summary>Three blobs labelled by name (seeded), each coordinate within ±1 of its centre.</summary>
    private string BlobsCsv() => Support.BlobsCsv.Write(At("blobs.csv"), spread: 2);

    private static List<string[]> ReadCsv(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(','))];

    /// <summary>The trained model's outputs on <paramref name="inputs"/> (as read), in evaluation mode.</summary>
    private static Tensor<float> Outputs(Sequential<float> model, Tensor<float> inputs)
    {
        using var _ = MiniGrad.Tape.NoGrad();
        model.Eval();
        return model.Forward(inputs);
    }

    [Fact]
    public void AClassifierSavedByTrainPredictsTheTrainedModelsClassesAndProbabilities()
    {
        string csv = BlobsCsv();
        string model = At("blobs.safetensors");
        string[] trainArgs = ["--data", csv, "--target", "colour", "--standardize", "--epochs", "15", "--hidden", "8", "--dropout", "0.1", "--seed", "3"];
        var (code, output, error) = Run(["train", .. trainArgs, "--save", model]);
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains($"Model saved to {model} (minigrad predict --model {model} --data FILE.csv predicts with it)", output);

        // The same run in the test (same options and seed: the same bits) gives the trained model itself.
        var options = new TrainingOptions { DataFile = csv, Target = "colour", Standardize = true, Epochs = 15, Hidden = [8], Dropout = 0.1, Seed = 3 };
        var data = HoldoutData<float>.Load(options);
        var trained = Assert.IsType<TrainedModel<float>>(HoldoutRun.Run(options, data).Trained);
        // The file holds its weights under PyTorch's state-dict names, bit for bit.
        var file = SafeTensors.Load(model);
        var state = trained.Model.StateDict();
        Assert.Equal(state.Keys.Order(StringComparer.Ordinal), file.Names.Order(StringComparer.Ordinal));
        foreach (var (name, tensor) in state) Assert.Equal(tensor.ToArray(), file.Get<float>(name).ToArray());

        // The standardization saved is the training part's, fitted here from the split the run made.
        var classes = CsvDataset.LoadClassification<float>(csv, "colour");
        var parts = DataSplit.RandomSplit(classes, HoldoutRun.SplitLengths(classes.Count, 0.2), Generator.PyTorchCompatible(3));
        var scaler = Standardizer.Fit(parts[0].Inputs);
        var description = ModelDescription.FromMetadata(file.Metadata);
        Assert.Equal(scaler.Mean, description.Mean);
        Assert.Equal(scaler.Std, description.Std);
        Assert.Equal(["x", "y"], description.Features);
        Assert.Equal(["blue", "green", "red"], description.Labels);
        Assert.Equal((8, 0.1, "colour", "relu"), (description.Hidden.Single(), description.Dropout, description.Target, description.Activation));

        var (predictCode, predicted, predictError) = Run("predict", "--model", model, "--data", csv);
        Assert.Equal("", predictError);
        Assert.Equal(0, predictCode);
        var rows = ReadCsv(predicted);
        Assert.Equal(["prediction", "probability_blue", "probability_green", "probability_red"], rows[0]);
        var logits = Outputs(trained.Model, scaler.Transform(classes.Inputs));
        var probabilities = Functional.Softmax(logits, 1).ToArray();
        int[] argMax = logits.ArgMax(1);
        Assert.Equal(classes.Count + 1, rows.Count);
        for (int r = 0; r < classes.Count; r++)
        {
            Assert.Equal(classes.ClassNames[argMax[r]], rows[r + 1][0]);
            for (int c = 0; c < 3; c++) Assert.Equal(probabilities[3 * r + c], float.Parse(rows[r + 1][c + 1], Inv));
        }
        // A trained classifier of separated blobs gets most rows right: the file is not merely self-consistent.
        Assert.True(Enumerable.Range(0, classes.Count).Count(r => argMax[r] == classes.Targets[r]) >= 80);
    }

    [Fact]
    public void ColumnsAreFoundByNameAndOthersIgnoredSoNewRowsNeedNoTarget()
    {
        string csv = BlobsCsv();
        string model = At("m.safetensors");
        Assert.Equal(0, Run("train", "--data", csv, "--target", "colour", "--standardize", "--epochs", "5", "--save", model).Code);
        var all = Run("predict", "--model", model, "--data", csv).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The same rows with the columns swapped, a note column added and no target.
        var lines = File.ReadAllLines(csv);
        var reordered = new StringBuilder("note,y,x\n");
        foreach (var line in lines.Skip(1).Take(4))
        {
            var f = line.Split(',');
            reordered.Append(CultureInfo.InvariantCulture, $"\"a, b\",{f[1]},{f[0]}\n");
        }
        File.WriteAllText(At("new.csv"), reordered.ToString());
        var (code, output, error) = Run("predict", "--model", model, "--data", At("new.csv"));
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Equal(all.Take(5), output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void ARegressionPredictsTheTrainedModelsValuesAndOutputGoesToAFile()
    {
        var rng = new Random(3);
        var sb = new StringBuilder("a,b,price\n");
        for (int i = 0; i < 60; i++)
        {
            double a = rng.NextDouble() * 4 - 2, b = rng.NextDouble() * 4 - 2;
            sb.Append(Inv, $"{a:F3},{b:F3},{2 * a - b + 1:F3}\n");
        }
        string csv = At("prices.csv"), model = At("prices.safetensors"), predictions = At("predictions.csv");
        File.WriteAllText(csv, sb.ToString());
        Assert.Equal(0, Run("train", "--data", csv, "--target", "price", "--epochs", "10", "--save", model).Code);

        var (code, output, error) = Run("predict", "--model", model, "--data", csv, "-o", predictions);
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Equal($"Wrote 60 predictions to {predictions}", output.Trim());
        var rows = ReadCsv(File.ReadAllText(predictions));
        Assert.Equal(["prediction"], rows[0]);

        var options = new TrainingOptions { DataFile = csv, Target = "price", Epochs = 10 };
        var trained = Assert.IsType<TrainedModel<float>>(HoldoutRun.Run(options, HoldoutData<float>.Load(options)).Trained);
        Assert.Null(trained.Description.Mean); // not standardized: the inputs go in as read
        var values = Outputs(trained.Model, CsvDataset.LoadRegression<float>(csv, "price").Inputs).ToArray();
        Assert.Equal(values, rows.Skip(1).Select(r => float.Parse(r.Single(), Inv)));
        Assert.Contains("are not [N, 2]", Assert.Throws<ArgumentException>(() => trained.Predict(Tensor<float>.Zeros(1, 3))).Message);
    }

    [Fact]
    public void AGeneratedTaskNamesItsInputsX1X2AndItsClassesByIndexInDouble()
    {
        string model = At("xor.safetensors");
        Assert.Equal(0, Run("train", "--task", "xor", "--epochs", "20", "--double", "--save", model).Code);
        var trained = Assert.IsType<TrainedModel<double>>(TrainingRun.Run(new TrainingOptions { Task = TrainingTask.Xor, Epochs = 20, Double = true }).Trained);
        File.WriteAllText(At("points.csv"), "x1,x2\n0.5,0.5\n-0.5,0.5\n0.5,-0.5\n-0.5,-0.5\n");
        var (code, output, error) = Run("predict", "--model", model, "--data", At("points.csv"));
        Assert.Equal("", error);
        Assert.Equal(0, code);
        var rows = ReadCsv(output);
        Assert.Equal(["prediction", "probability_0", "probability_1"], rows[0]);
        using var _ = MiniGrad.Tape.NoGrad();
        trained.Model.Eval();
        var logits = trained.Model.Forward(Tensor.FromArray([0.5, 0.5, -0.5, 0.5, 0.5, -0.5, -0.5, -0.5], 4, 2));
        Assert.Equal(logits.ArgMax(1).Select(i => i.ToString(Inv)), rows.Skip(1).Select(r => r[0]));
        Assert.Equal("F64", SafeTensors.Load(model)["0.weight"].Dtype);
    }

    private string IrisModel()
    {
        string model = At("iris.safetensors");
        Assert.Equal(0, Run("train", "--task", "iris", "--epochs", "2", "--save", model).Code);
        return model;
    }

    private static void AssertUsageError((int Code, string Out, string Err) run, string expected)
    {
        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Out);
        Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("minigrad predict: ", run.Err);
        Assert.Contains(expected, run.Err);
    }

    [Fact]
    public void AMissingCorruptForeignOrMismatchedModelFileIsOneLineAndExitCode2()
    {
        File.WriteAllText(At("rows.csv"), "x1,x2\n1,2\n");
        string rows = At("rows.csv");
        AssertUsageError(Run("predict", "--model", At("none.safetensors"), "--data", rows), "--model must be an existing file");

        File.WriteAllBytes(At("corrupt.safetensors"), [.. Enumerable.Range(0, 64).Select(i => (byte)(i * 37))]);
        AssertUsageError(Run("predict", "--model", At("corrupt.safetensors"), "--data", rows), At("corrupt.safetensors") + ": the header size");

        // A plain module file, as module.Save writes it: no description to rebuild the model from.
        var plain = new Sequential<float>(new Linear<float>(2, 2, new Generator(0)));
        plain.Save(At("plain.safetensors"), new Dictionary<string, string> { ["format"] = "pt" });
        AssertUsageError(Run("predict", "--model", At("plain.safetensors"), "--data", rows), "holds no MiniGrad model description");

        // The iris description with weights of another shape.
        string iris = IrisModel();
        var metadata = new Dictionary<string, string>(SafeTensors.Load(iris).Metadata);
        var other = new Sequential<float>(new Linear<float>(4, 17, new Generator(0)), new Relu<float>(), new Linear<float>(17, 3, new Generator(1)));
        other.Save(At("mismatch.safetensors"), metadata);
        AssertUsageError(Run("predict", "--model", At("mismatch.safetensors"), "--data", rows), "tensor '0.weight' has shape [17, 4] but the module's is [16, 4]");

        // A description claiming far larger layers than the file holds is refused before they are built.
        var huge = new Dictionary<string, string>(metadata) { [ModelDescription.ModelKey] = metadata[ModelDescription.ModelKey].Replace("\"hidden\":[16]", "\"hidden\":[1000000000]") };
        plain.Save(At("huge.safetensors"), huge);
        AssertUsageError(Run("predict", "--model", At("huge.safetensors"), "--data", rows), "need 8000000003 weights but the file holds 6 values");

        var future = new Dictionary<string, string>(metadata) { [ModelDescription.VersionKey] = "2" };
        other.Save(At("future.safetensors"), future);
        AssertUsageError(Run("predict", "--model", At("future.safetensors"), "--data", rows), "format version '2'; this minigrad reads version 1");
    }

    [Fact]
    public void ACsvFileWithoutANeededColumnOrWithABadValueIsOneLineAndExitCode2()
    {
        string model = IrisModel();
        File.WriteAllText(At("short.csv"), "sepal length (cm),sepal width (cm),petal length (cm)\n1,2,3\n");
        AssertUsageError(Run("predict", "--model", model, "--data", At("short.csv")), "the header has no column 'petal width (cm)'");
        File.WriteAllText(At("bad.csv"), "sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\n1,2,3,4\n1,x,3,4\n");
        AssertUsageError(Run("predict", "--model", model, "--data", At("bad.csv")), "line 3, column 'sepal width (cm)': 'x' is not a number");
        AssertUsageError(Run("predict", "--model", model), "give the rows to predict: --data FILE.csv");
        AssertUsageError(Run("predict", "--data", At("bad.csv")), "give the model: --model FILE.safetensors");
    }

    [Fact]
    public void SaveIsRefusedWithCompareAndInADirectoryThatDoesNotExist()
    {
        var compare = Run("train", "--compare", "--epochs", "1", "--save", At("m.safetensors"));
        Assert.Equal(2, compare.Code);
        Assert.Contains("--save cannot be combined with --compare", compare.Err);
        var missing = Run("train", "--epochs", "1", "--save", At("no", "m.safetensors"));
        Assert.Equal(2, missing.Code);
        Assert.Contains("--save must be a file in an existing directory", missing.Err);
        Assert.False(File.Exists(At("m.safetensors")));
    }
}
