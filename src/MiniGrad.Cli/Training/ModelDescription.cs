using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MiniGrad.Cli.Training;

/// <summary>
/// What <c>minigrad predict</c> needs to rebuild and use a model that <c>minigrad train --save</c> wrote: the
/// network (layer sizes, activation, dropout, element type), the task (class labels or a regression value), the input
/// columns by name and the standardization fitted on the training part. It travels in the safetensors file's
/// <c>__metadata__</c>, next to the weights, which keep PyTorch's state-dict names (<c>0.weight</c>, <c>0.bias</c>, ...).
/// </summary>
/// <remarks>
/// <para>The metadata holds three strings: <c>format</c> = <c>pt</c> (what PyTorch's <c>save_file</c> writes),
/// <see cref="VersionKey"/> = <see cref="FormatVersion"/>, and <see cref="ModelKey"/>, this description as compact
/// JSON (see <c>docs/checkpoints.md</c>). A reader refuses a version it does not know rather than guess.</para>
/// <para>The network is <see cref="TrainingRun.BuildModel{T}"/>'s: a Linear layer per size of
/// <c>[Inputs, ..Hidden, Outputs]</c>, the activation (and a Dropout when <see cref="Dropout"/> is above 0) after
/// each hidden one.</para>
/// </remarks>
public sealed record ModelDescription
{
    /// <summary>The metadata key of the format version.</summary>
    public const string VersionKey = "minigrad.format_version";

    /// <summary>The metadata key of the description's JSON.</summary>
    public const string ModelKey = "minigrad.model";

    /// <summary>The version this MiniGrad writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The <see cref="Task"/> of a classifier: the outputs are logits, one per class.</summary>
    public const string Classification = "classification";

    /// <summary>The <see cref="Task"/> of a regression: one output, the predicted value.</summary>
    public const string Regression = "regression";

    // The description is an object of arrays and one object of arrays: nothing deeper is a description.
    private const int MaxDepth = 4;

    /// <summary>The number of input features.</summary>
    public required int Inputs { get; init; }

    /// <summary>The hidden layer sizes (empty for a single linear layer).</summary>
    public required IReadOnlyList<int> Hidden { get; init; }

    /// <summary>The number of outputs: the number of classes, or 1 for regression.</summary>
    public required int Outputs { get; init; }

    /// <summary>The activation after each hidden layer, by display name (<c>relu</c>, <c>leaky_relu</c>, <c>none</c>).</summary>
    public required string Activation { get; init; }

    /// <summary>The dropout probability after each hidden activation; 0 for no Dropout module.</summary>
    public double Dropout { get; init; }

    /// <summary><see cref="Classification"/> or <see cref="Regression"/>.</summary>
    public required string Task { get; init; }

    /// <summary>The class names, in the order of the outputs (classification); null for regression.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>The CSV column the model was trained to predict; null for a built-in task.</summary>
    public string? Target { get; init; }

    /// <summary>The input columns by name, in the order of the inputs.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>Each input's mean over the training part, when the inputs were standardized; else null.</summary>
    public IReadOnlyList<double>? Mean { get; init; }

    /// <summary>Each input's standard deviation over the training part (0 for a constant one), when standardized; else null.</summary>
    public IReadOnlyList<double>? Std { get; init; }

    /// <summary>The element type: <c>F32</c> (float) or <c>F64</c> (double).</summary>
    public required string Dtype { get; init; }

    /// <summary>True for a classifier.</summary>
    public bool IsClassification => Task == Classification;

    /// <summary>The number of parameters of the Linear layers the description implies (more if the activation has some).</summary>
    public long LinearParameters
    {
        get
        {
            long total = 0;
            int previous = Inputs;
            foreach (int size in Hidden.Append(Outputs))
            {
                total += (long)previous * size + size;
                previous = size;
            }
            return total;
        }
    }

    /// <summary>The first thing wrong with the description, as one line, or null when it describes a model.</summary>
    public string? Problem()
    {
        if (Inputs < 1) return $"'inputs' is {Inputs}; a model has at least one input.";
        if (Hidden is null || Hidden.Any(h => h < 1)) return "'hidden' must list layer sizes of at least 1.";
        if (Outputs < 1) return $"'outputs' is {Outputs}; a model has at least one output.";
        if (Activation is null || !ActivationCatalog.Contains(Activation)) return $"the activation '{Activation}' is not one this minigrad knows.";
        if (!(Dropout >= 0 && Dropout < 1)) return string.Create(CultureInfo.InvariantCulture, $"'dropout' is {Dropout}; it must be at least 0 and below 1.");
        if (Dtype is not ("F32" or "F64")) return $"'dtype' is '{Dtype}'; it must be F32 or F64.";
        if (Features is null || Features.Count != Inputs) return $"'features' names {Features?.Count ?? 0} columns but the model has {Inputs} inputs.";
        if (Features.Any(string.IsNullOrWhiteSpace)) return "'features' holds an empty column name.";
        if (Features.Distinct(StringComparer.Ordinal).Count() != Features.Count) return "'features' names a column twice.";
        switch (Task)
        {
            case Classification:
                if (Labels is null || Labels.Count != Outputs) return $"a classifier of {Outputs} outputs needs {Outputs} 'labels', got {Labels?.Count ?? 0}.";
                break;
            case Regression:
                if (Outputs != 1) return $"a regression has 1 output, not {Outputs}.";
                if (Labels is not null) return "a regression has no 'labels'.";
                break;
            default:
                return $"'task' is '{Task}'; it must be {Classification} or {Regression}.";
        }
        if ((Mean is null) != (Std is null)) return "'standardization' needs both 'mean' and 'std'.";
        if (Mean is not null && (Mean.Count != Inputs || Std!.Count != Inputs))
            return $"'standardization' has {Mean.Count} means and {Std!.Count} standard deviations for {Inputs} inputs.";
        if (Mean is not null && (Mean.Any(m => !double.IsFinite(m)) || Std!.Any(s => !(s >= 0 && double.IsFinite(s)))))
            return "'standardization' holds a mean that is not finite or a standard deviation that is negative or not finite.";
        return null;
    }

    /// <summary>The <c>__metadata__</c> strings that carry this description (see the type's remarks).</summary>
    /// <exception cref="InvalidOperationException">The description is not valid (<see cref="Problem"/> says why).</exception>
    public Dictionary<string, string> ToMetadata()
    {
        if (Problem() is { } problem) throw new InvalidOperationException($"ModelDescription.ToMetadata: {problem}");
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("inputs", Inputs);
            json.WriteStartArray("hidden");
            foreach (int h in Hidden) json.WriteNumberValue(h);
            json.WriteEndArray();
            json.WriteNumber("outputs", Outputs);
            json.WriteString("activation", Activation);
            json.WriteNumber("dropout", Dropout);
            json.WriteString("task", Task);
            if (Labels is not null) WriteStrings(json, "labels", Labels);
            if (Target is not null) json.WriteString("target", Target);
            WriteStrings(json, "features", Features);
            if (Mean is not null)
            {
                json.WriteStartObject("standardization");
                // Utf8JsonWriter writes a double's shortest round-trip form: read back, it is the same bits.
                json.WriteStartArray("mean");
                foreach (double m in Mean) json.WriteNumberValue(m);
                json.WriteEndArray();
                json.WriteStartArray("std");
                foreach (double s in Std!) json.WriteNumberValue(s);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteString("dtype", Dtype);
            json.WriteEndObject();
        }
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = "pt",
            [VersionKey] = FormatVersion.ToString(CultureInfo.InvariantCulture),
            [ModelKey] = Encoding.UTF8.GetString(stream.ToArray()),
        };
    }

    /// <summary>
    /// Reads the description from a safetensors file's metadata, checking it whole (<see cref="Problem"/>).
    /// </summary>
    /// <param name="metadata">The file's <c>__metadata__</c> strings.</param>
    /// <exception cref="InvalidDataException">The metadata holds no description, one of another version, or a malformed one; the message says which, without the file's name.</exception>
    public static ModelDescription FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.TryGetValue(VersionKey, out string? version) || !metadata.TryGetValue(ModelKey, out string? text))
            throw new InvalidDataException($"the file holds no MiniGrad model description (metadata '{VersionKey}' and '{ModelKey}'); " +
                                           "write one with minigrad train --save.");
        if (version != FormatVersion.ToString(CultureInfo.InvariantCulture))
            throw new InvalidDataException($"the model description is of format version '{version}'; this minigrad reads version {FormatVersion}.");
        ModelDescription description;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth });
            description = Read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the model description is not well-formed JSON ({e.Message}).", e);
        }
        if (description.Problem() is { } problem) throw new InvalidDataException($"the model description is not valid: {problem}");
        return description;
    }

    private static ModelDescription Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Malformed("it is not a JSON object");
        JsonElement Field(string name, JsonValueKind kind, bool required = true)
        {
            if (!root.TryGetProperty(name, out var value))
                return required ? throw Malformed($"it has no '{name}'") : default;
            if (value.ValueKind != kind) throw Malformed($"'{name}' is not {Article(kind)}");
            return value;
        }
        int Int(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v) ? v : throw Malformed($"'{name}' holds a value that is not a whole number");
        List<string> Strings(JsonElement e, string name) =>
            [.. e.EnumerateArray().Select(s => s.ValueKind == JsonValueKind.String ? s.GetString()! : throw Malformed($"'{name}' holds a value that is not a string"))];
        List<double> Doubles(JsonElement e, string name) =>
            [.. e.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number && d.TryGetDouble(out double v) ? v : throw Malformed($"'{name}' holds a value that is not a number"))];

        var labels = Field("labels", JsonValueKind.Array, required: false);
        var target = Field("target", JsonValueKind.String, required: false);
        var standardization = Field("standardization", JsonValueKind.Object, required: false);
        List<double>? mean = null, std = null;
        if (standardization.ValueKind == JsonValueKind.Object)
        {
            if (!standardization.TryGetProperty("mean", out var m) || m.ValueKind != JsonValueKind.Array
                || !standardization.TryGetProperty("std", out var s) || s.ValueKind != JsonValueKind.Array)
                throw Malformed("'standardization' needs the arrays 'mean' and 'std'");
            (mean, std) = (Doubles(m, "mean"), Doubles(s, "std"));
        }
        var dropout = Field("dropout", JsonValueKind.Number);
        return new ModelDescription
        {
            Inputs = Int(Field("inputs", JsonValueKind.Number), "inputs"),
            Hidden = [.. Field("hidden", JsonValueKind.Array).EnumerateArray().Select(h => Int(h, "hidden"))],
            Outputs = Int(Field("outputs", JsonValueKind.Number), "outputs"),
            Activation = Field("activation", JsonValueKind.String).GetString()!,
            Dropout = dropout.TryGetDouble(out double p) ? p : throw Malformed("'dropout' is not a number"),
            Task = Field("task", JsonValueKind.String).GetString()!,
            Labels = labels.ValueKind == JsonValueKind.Array ? Strings(labels, "labels") : null,
            Target = target.ValueKind == JsonValueKind.String ? target.GetString() : null,
            Features = Strings(Field("features", JsonValueKind.Array), "features"),
            Mean = mean,
            Std = std,
            Dtype = Field("dtype", JsonValueKind.String).GetString()!,
        };
    }

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        _ => "a number",
    };

    private static InvalidDataException Malformed(string problem) => new($"the model description is not valid: {problem}.");

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (string v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }
}
