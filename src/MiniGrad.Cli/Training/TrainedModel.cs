using System.Globalization;
using System.Numerics;
using System.Text;
using MiniGrad.Checkpoints;
using MiniGrad.Data;
using MiniGrad.Nn;

namespace MiniGrad.Cli.Training;

/// <summary>
/// A trained network with its <see cref="ModelDescription"/>: what <c>minigrad train --save</c> writes to a
/// safetensors file (<see cref="Save"/>) and <c>minigrad predict</c> reads back (<see cref="Load"/>) to predict a
/// class or value per row of a CSV file (<see cref="Predict"/>).
/// </summary>
public abstract class TrainedModel
{
    private protected TrainedModel(ModelDescription description) => Description = description;

    /// <summary>The network, its task, its input columns and their standardization.</summary>
    public ModelDescription Description { get; }

    /// <summary>
    /// Writes the weights under their state-dict names and the description in <c>__metadata__</c>, crash-safe (see
    /// <see cref="SafeTensors"/>): PyTorch's <c>load_file</c> reads the weights of the same file.
    /// </summary>
    /// <param name="path">The file to write.</param>
    public abstract void Save(string path);

    /// <summary>
    /// Predicts a row of <paramref name="csvPath"/>: reads the description's feature columns by name (other columns,
    /// the target among them, are ignored), standardizes them as in training, runs the network in evaluation mode
    /// without recording, and gives the class (by label, with each class's softmax probability) or the value.
    /// </summary>
    /// <param name="csvPath">A CSV file with a header row that names every feature column.</param>
    /// <exception cref="CsvFormatException">The file lacks a feature column, or a row is not numbers where they are needed.</exception>
    public abstract Predictions Predict(string csvPath);

    /// <summary>
    /// Writes the model as ONNX (<see cref="MiniGrad.Onnx.OnnxExport"/>) so that it takes the raw input columns, in
    /// <see cref="ModelDescription.Features"/>' order, and gives what <see cref="Predict(string)"/> gives: the saved
    /// standardization is folded into the first layer, and a classifier ends in a softmax over the classes (in
    /// <see cref="ModelDescription.Labels"/>' order).
    /// </summary>
    /// <param name="path">The ONNX file to write (crash-safe).</param>
    public abstract void ExportOnnx(string path);

    /// <summary>
    /// Reads a model written by <see cref="Save"/>: validates the file (<see cref="SafeTensors.Load"/>), reads its
    /// description (<see cref="ModelDescription.FromMetadata"/>), checks that the file holds at least the values the
    /// description's layers need, then builds the network and loads its weights, all names and shapes checked.
    /// </summary>
    /// <param name="path">The safetensors file.</param>
    /// <exception cref="SafeTensorsFormatException">The file breaks the safetensors format.</exception>
    /// <exception cref="InvalidDataException">The file has no MiniGrad description, a malformed one, or weights that do not fit it; the message starts with the file's name.</exception>
    public static TrainedModel Load(string path)
    {
        var file = SafeTensors.Load(path);
        ModelDescription description;
        try
        {
            description = ModelDescription.FromMetadata(file.Metadata);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        // Before the layers are allocated: a description that claims far larger layers than the file holds is wrong,
        // and building them first would let a small file ask for any amount of memory.
        long held = file.Entries.Sum(e => (long)e.Shape.Length);
        if (description.LinearParameters > held)
            throw new InvalidDataException($"{path}: the model description's layers ({string.Join("-", new[] { description.Inputs }.Concat(description.Hidden).Append(description.Outputs))}) " +
                                           $"need {description.LinearParameters} weights but the file holds {held} values.");
        return description.Dtype == "F64" ? TrainedModel<double>.Build(path, file, description) : TrainedModel<float>.Build(path, file, description);
    }
}

/// <summary>A <see cref="TrainedModel"/> of element type <typeparamref name="T"/>.</summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class TrainedModel<T> : TrainedModel
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Wraps a trained <paramref name="model"/> (built by <see cref="TrainingRun.BuildModel{T}"/> as <paramref name="description"/> says).</summary>
    /// <exception cref="ArgumentException">The description is not valid, or not of <typeparamref name="T"/>.</exception>
    public TrainedModel(Sequential<T> model, ModelDescription description)
        : base(description ?? throw new ArgumentNullException(nameof(description)))
    {
        ArgumentNullException.ThrowIfNull(model);
        if (description.Problem() is { } problem) throw new ArgumentException(problem, nameof(description));
        if (description.Dtype != DtypeOf) throw new ArgumentException($"the description's dtype is {description.Dtype}, the model's {DtypeOf}.", nameof(description));
        Model = model;
        Standardizer = description.Mean is { } mean ? Data.Standardizer.FromStatistics<T>(mean, description.Std!) : null;
    }

    /// <summary>The safetensors dtype of <typeparamref name="T"/>.</summary>
    public static string DtypeOf => typeof(T) == typeof(double) ? "F64" : "F32";

    /// <summary>The network.</summary>
    public Sequential<T> Model { get; }

    /// <summary>The standardization of the inputs, or null when they are used as read.</summary>
    public Standardizer<T>? Standardizer { get; }

    /// <inheritdoc />
    public override void Save(string path) => Model.Save(path, Description.ToMetadata());

    /// <inheritdoc />
    public override void ExportOnnx(string path) => MiniGrad.Onnx.OnnxExport.Export(InferenceNetwork(), path, Description.Inputs);

    /// <summary>
    /// A copy of the network that takes raw inputs and gives predictions: the standardization <c>(x - mean) / scale</c>
    /// folded into the first layer (<c>W' = W / scale</c> column by column, <c>b' = b - W' mean</c>, computed in
    /// double), then the layers as trained (in evaluation mode), then for a classifier a softmax over the classes.
    /// </summary>
    public Sequential<T> InferenceNetwork()
    {
        var (network, layers) = TrainingRun.BuildModel<T>(Description.Inputs, Description.Hidden, Description.Outputs, Description.Activation,
            new Generator(0), Description.Dropout);
        network.LoadStateDict(Model.StateDict());
        if (Standardizer is { } standardizer)
        {
            var first = layers[0];
            int outputs = first.OutFeatures, inputs = first.InFeatures;
            var weight = first.Weight.Span;
            var bias = first.Bias!.Span;
            for (int j = 0; j < outputs; j++)
            {
                double shift = 0;
                for (int c = 0; c < inputs; c++)
                {
                    double w = double.CreateChecked(weight[j * inputs + c]) / standardizer.Scale[c];
                    weight[j * inputs + c] = T.CreateChecked(w);
                    shift += w * standardizer.Mean[c];
                }
                bias[j] = T.CreateChecked(double.CreateChecked(bias[j]) - shift);
            }
        }
        if (Description.IsClassification) network.Append(new Softmax<T>(1));
        network.Eval();
        return network;
    }

    /// <inheritdoc />
    public override Predictions Predict(string csvPath)
    {
        var inputs = CsvDataset.LoadColumns<T>(csvPath, Description.Features);
        return Predict(inputs);
    }

    /// <summary>The predictions for <paramref name="inputs"/> [N, Inputs], as read (standardized here).</summary>
    /// <exception cref="ArgumentException">The inputs are not [N, Inputs].</exception>
    public Predictions Predict(Tensor<T> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Rank != 2 || inputs.Shape[1] != Description.Inputs)
            throw new ArgumentException($"TrainedModel.Predict: inputs of shape {inputs.Shape} are not [N, {Description.Inputs}], one column per feature ({string.Join(", ", Description.Features)}).", nameof(inputs));
        using var _ = Tape.NoGrad();
        bool training = Model.Training;
        Model.Eval();
        Tensor<T> outputs;
        try
        {
            outputs = Model.Forward(Standardizer?.Transform(inputs) ?? inputs);
        }
        finally
        {
            if (training) Model.Train();
        }
        int rows = outputs.Shape[0];
        var inv = CultureInfo.InvariantCulture;
        if (!Description.IsClassification)
        {
            var values = outputs.ReadOnlySpan;
            var table = new List<IReadOnlyList<string>>(rows);
            for (int r = 0; r < rows; r++) table.Add([values[r].ToString(null, inv)]); // shortest round-trip form
            return new Predictions(["prediction"], table);
        }
        var labels = Description.Labels!;
        var probabilities = Functional.Softmax(outputs, 1).ReadOnlySpan;
        var predicted = outputs.ArgMax(1);
        var rowsOut = new List<IReadOnlyList<string>>(rows);
        int classes = labels.Count;
        for (int r = 0; r < rows; r++)
        {
            var row = new string[classes + 1];
            row[0] = labels[predicted[r]];
            for (int c = 0; c < classes; c++) row[c + 1] = probabilities[r * classes + c].ToString(null, inv);
            rowsOut.Add(row);
        }
        return new Predictions(["prediction", .. labels.Select(l => "probability_" + l)], rowsOut);
    }

    /// <summary>Builds the network <paramref name="description"/> describes and loads the weights of <paramref name="file"/>, read from <paramref name="path"/>, into it.</summary>
    internal static TrainedModel<T> Build(string path, SafeTensorsFile file, ModelDescription description)
    {
        // The generator only fills the weights that the load replaces (and rrelu's slopes, unused in evaluation).
        var (model, _) = TrainingRun.BuildModel<T>(description.Inputs, description.Hidden, description.Outputs, description.Activation,
            new Generator(0), description.Dropout);
        model.Load(file, path); // the bytes the description came from, not a second read of the file
        model.Eval();
        return new TrainedModel<T>(model, description);
    }
}

/// <summary>One prediction per input row, as a table: the column names and each row's cells.</summary>
/// <param name="Columns"><c>prediction</c>, then for a classifier <c>probability_LABEL</c> per class.</param>
/// <param name="Rows">Each row's cells: the class label or the value, then the probabilities, numbers in their shortest round-trip form.</param>
public sealed record Predictions(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Writes the table as CSV: a header row, then a line per row; a cell with a comma, quote or line break is quoted.</summary>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(',', Columns.Select(Field)) + "\n");
        var line = new StringBuilder();
        foreach (var row in Rows)
        {
            line.Clear().AppendJoin(',', row.Select(Field)).Append('\n');
            writer.Write(line);
        }
    }

    private static string Field(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 || cell != cell.Trim() ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
