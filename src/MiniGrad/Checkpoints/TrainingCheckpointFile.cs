using System.Globalization;

namespace MiniGrad.Checkpoints;

/// <summary>
/// A training checkpoint read from disk and checked as a file (<see cref="Read"/>), before it is restored into live
/// objects by <see cref="TrainingCheckpoint{T}.Restore"/>: its dtype, progress, optimizer and scheduler classes and
/// generator names can be looked at first (to rebuild the run that wrote it, say).
/// </summary>
/// <remarks>
/// The layout, one safetensors file: the tensors <c>model.{state-dict name}</c> and <c>optimizer.{state name}</c>
/// (<see cref="MiniGrad.Optim.OptimizerStateDict{T}"/>'s names), all of one dtype (F32 for a float model, F64 for a
/// double one); under <c>__metadata__</c>: <c>minigrad.checkpoint</c> = <c>training/1</c>, <c>dtype</c>,
/// <c>epoch</c>, <c>optimizer</c> (the class) and <c>optimizer.{name}</c> (its numbers), <c>scheduler</c> and
/// <c>scheduler.{name}</c>, <c>generator.{name}</c> (the bytes of <see cref="Generator.GetState"/> in base64),
/// <c>metric.{name}</c> (comma-separated numbers) and <c>note.{name}</c>. Numbers are written round-trip
/// (<c>"R"</c>, invariant culture), so every double comes back to the bit.
/// </remarks>
public sealed class TrainingCheckpointFile
{
    /// <summary>The value of the <c>minigrad.checkpoint</c> metadata entry that marks a training checkpoint of this layout.</summary>
    public const string Marker = "training/1";

    internal const string MarkerKey = "minigrad.checkpoint";
    internal const string ModelPrefix = "model.", OptimizerPrefix = "optimizer.", SchedulerPrefix = "scheduler.",
        GeneratorPrefix = "generator.", MetricPrefix = "metric.", NotePrefix = "note.";

    private TrainingCheckpointFile(SafeTensorsFile file, string dtype, TrainingProgress progress, string? optimizer,
        Dictionary<string, double> optimizerScalars, string? scheduler, Dictionary<string, double> schedulerValues, Dictionary<string, byte[]> generators)
    {
        File = file;
        Dtype = dtype;
        Progress = progress;
        Optimizer = optimizer;
        OptimizerScalars = optimizerScalars;
        Scheduler = scheduler;
        SchedulerValues = schedulerValues;
        GeneratorStates = generators;
    }

    /// <summary>The file read.</summary>
    public string Path => File.Path;

    /// <summary>The dtype of every tensor: <c>F32</c> (a float model) or <c>F64</c> (a double one).</summary>
    public string Dtype { get; }

    /// <summary>The epoch, metrics and notes saved.</summary>
    public TrainingProgress Progress { get; }

    /// <summary>The optimizer's class name (<c>Adam</c>, <c>Sgd</c>, ...), or null when none was saved.</summary>
    public string? Optimizer { get; }

    /// <summary>The scheduler's class name (<c>StepLR</c>, <c>ReduceLROnPlateau</c>, ...), or null when none was saved.</summary>
    public string? Scheduler { get; }

    /// <summary>The names of the generators saved.</summary>
    public IReadOnlyCollection<string> GeneratorNames => GeneratorStates.Keys.ToList();

    internal SafeTensorsFile File { get; }

    internal IReadOnlyDictionary<string, double> OptimizerScalars { get; }

    internal IReadOnlyDictionary<string, double> SchedulerValues { get; }

    internal IReadOnlyDictionary<string, byte[]> GeneratorStates { get; }

    /// <summary>
    /// Reads <paramref name="path"/> and checks it as a file: a valid safetensors file (<see cref="SafeTensors.Load"/>)
    /// marked as a training checkpoint, every tensor of its one dtype and named <c>model.</c> or <c>optimizer.</c>,
    /// every metadata entry known and its numbers and generator states readable. Nothing is restored.
    /// </summary>
    /// <param name="path">The checkpoint.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="SafeTensorsFormatException">The file is not a valid safetensors file or not a training
    /// checkpoint; the message names the file, the tensor or entry and what is wrong.</exception>
    public static TrainingCheckpointFile Read(string path)
    {
        var file = SafeTensors.Load(path);
        var meta = file.Metadata;
        if (!meta.TryGetValue(MarkerKey, out string? marker))
            throw Bad(path, null, $"no '{MarkerKey}' metadata entry: not a MiniGrad training checkpoint (a plain model file loads with module.Load)");
        if (marker != Marker)
            throw Bad(path, null, $"'{MarkerKey}' is '{marker}', a layout this MiniGrad does not read (it reads '{Marker}')");
        string dtype = Required(path, meta, "dtype");
        if (dtype is not ("F32" or "F64")) throw Bad(path, null, $"'dtype' is '{dtype}'; a training checkpoint holds F32 or F64 tensors");
        foreach (var e in file.Entries)
        {
            if (e.Dtype != dtype) throw Bad(path, e.Name, $"dtype {e.Dtype}, but the checkpoint's tensors are all {dtype}");
            if (!e.Name.StartsWith(ModelPrefix, StringComparison.Ordinal) && !e.Name.StartsWith(OptimizerPrefix, StringComparison.Ordinal))
                throw Bad(path, e.Name, $"the name starts with neither '{ModelPrefix}' nor '{OptimizerPrefix}'");
        }
        double epoch = Number(path, "epoch", Required(path, meta, "epoch"));
        if (!(epoch >= 0 && epoch <= int.MaxValue && Math.Floor(epoch) == epoch))
            throw Bad(path, null, $"'epoch' is {Required(path, meta, "epoch")}; it must be a whole number >= 0");

        meta.TryGetValue("optimizer", out string? optimizer);
        meta.TryGetValue("scheduler", out string? scheduler);
        var optimizerScalars = new Dictionary<string, double>(StringComparer.Ordinal);
        var schedulerValues = new Dictionary<string, double>(StringComparer.Ordinal);
        var generators = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var metrics = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in meta)
        {
            if (key is MarkerKey or "dtype" or "epoch" or "optimizer" or "scheduler") continue;
            if (TryRest(key, OptimizerPrefix) is { } o) optimizerScalars[o] = Number(path, key, value);
            else if (TryRest(key, SchedulerPrefix) is { } s) schedulerValues[s] = Number(path, key, value);
            else if (TryRest(key, GeneratorPrefix) is { } g) generators[g] = Base64(path, key, value);
            else if (TryRest(key, MetricPrefix) is { } m)
                metrics[m] = value.Length == 0 ? [] : value.Split(',').Select(v => Number(path, key, v)).ToArray();
            else if (TryRest(key, NotePrefix) is { } n) notes[n] = value;
            else throw Bad(path, null, $"unknown metadata entry '{key}'");
        }
        if (optimizer is null && (optimizerScalars.Count > 0 || file.Entries.Any(e => e.Name.StartsWith(OptimizerPrefix, StringComparison.Ordinal))))
            throw Bad(path, null, "optimizer state without an 'optimizer' entry naming its class");
        if (optimizer is not null && optimizerScalars.Count == 0)
            throw Bad(path, null, $"'optimizer' is '{optimizer}' but no 'optimizer.' numbers follow (a step count at least)");
        if (scheduler is null && schedulerValues.Count > 0) throw Bad(path, null, "scheduler numbers without a 'scheduler' entry naming its class");
        return new TrainingCheckpointFile(file, dtype, new TrainingProgress((int)epoch, metrics, notes), optimizer, optimizerScalars,
            scheduler, schedulerValues, generators);
    }

    private static string? TryRest(string key, string prefix) =>
        key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length ? key[prefix.Length..] : null;

    private static string Required(string path, IReadOnlyDictionary<string, string> meta, string key) =>
        meta.TryGetValue(key, out string? value) ? value : throw Bad(path, null, $"the metadata entry '{key}' is missing");

    private static double Number(string path, string key, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw Bad(path, null, $"metadata entry '{key}': '{text}' is not a number");

    private static byte[] Base64(string path, string key, string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw Bad(path, null, $"metadata entry '{key}' is not base64 ({e.Message})", e);
        }
    }

    private static SafeTensorsFormatException Bad(string path, string? tensor, string problem, Exception? inner = null) => new(path, tensor, problem, inner);
}
