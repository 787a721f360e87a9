using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using MiniGrad.Checkpoints;

namespace MiniGrad.Cli.Training;

/// <summary>
/// The checkpoints of one <c>minigrad train</c> run (<c>--checkpoint FILE --checkpoint-every N</c>, <c>--resume FILE</c>):
/// where and how often to save a <see cref="TrainingCheckpoint{T}"/>, the checkpoint to go on from, and the notes that
/// let a later <c>--resume</c> rebuild the very same run (its options, the schedule's length, the data file's hash).
/// </summary>
public sealed class CheckpointPlan
{
    /// <summary>The note holding the run's <see cref="TrainingOptions"/> as JSON.</summary>
    public const string OptionsNote = "options";

    private const string ScheduleNote = "schedule_epochs", EveryNote = "checkpoint_every", DataHashNote = "data_sha256";

    private static readonly JsonSerializerOptions Json = new()
    {
        IgnoreReadOnlyProperties = true, // the Effective* values follow from the others
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private string? dataHash;

    /// <summary>Where to save; null to save nothing (never with <see cref="Resume"/>, which saves to its own file by default).</summary>
    public string? Path { get; init; }

    /// <summary>Save after every this many epochs (counted from the run's first epoch, resumed runs included), and after the last; default 1.</summary>
    public int Every { get; init; } = 1;

    /// <summary>The checkpoint to go on from, or null for a new run.</summary>
    public TrainingCheckpointFile? Resume { get; init; }

    /// <summary>
    /// The epochs the learning-rate schedule spans (cosine's <c>T_max</c>, step's every third): the first run's
    /// epochs, kept when a resumed run goes further, so that the schedule is the one the checkpoint was saved with.
    /// </summary>
    public required int ScheduleEpochs { get; init; }

    /// <summary>The run's options, recorded in every checkpoint it writes.</summary>
    public required TrainingOptions Options { get; init; }

    /// <summary>The epochs done before this run started: the resumed checkpoint's, else 0.</summary>
    public int Done => Resume?.Progress.Epoch ?? 0;

    /// <summary>A plan for a new run of <paramref name="options"/> saving to <paramref name="path"/> every <paramref name="every"/> epochs.</summary>
    public static CheckpointPlan New(TrainingOptions options, string path, int every)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The data file by its full path: a resume may run from another folder.
        var recorded = options with { DataFile = options.DataFile is { } data ? System.IO.Path.GetFullPath(data) : null };
        return new CheckpointPlan { Path = path, Every = every, Options = recorded, ScheduleEpochs = options.EffectiveEpochs };
    }

    /// <summary>
    /// The options recorded in <paramref name="file"/> and the plan that goes on from it: saving to
    /// <paramref name="path"/> (the resumed file when null) every <paramref name="every"/> epochs (the recorded
    /// number when null), for <paramref name="epochs"/> epochs in all (the recorded total when null).
    /// </summary>
    /// <exception cref="UsageException">The file was not written by <c>minigrad train</c>, its data file is gone or
    /// changed, or <paramref name="epochs"/> is not above the epochs it has done; the message is one line.</exception>
    /// <param name="file">The checkpoint read.</param>
    /// <param name="path">Where to save, or null for <paramref name="file"/>'s path.</param>
    /// <param name="every">Save every this many epochs, or null for the recorded number.</param>
    /// <param name="epochs">The new total of epochs, or null for the recorded total.</param>
    /// <param name="diagnose">Whether to print the per-layer health tables (not recorded: it does not change the numbers).</param>
    /// <param name="checkRecorded">Called with the recorded options before the epochs are checked (to refuse a contradicting option first).</param>
    internal static CheckpointPlan Resuming(TrainingCheckpointFile file, string? path, int? every, int? epochs, bool diagnose, Action<TrainingOptions> checkRecorded)
    {
        var notes = file.Progress.Notes;
        if (!notes.TryGetValue(OptionsNote, out string? json) || !notes.TryGetValue(ScheduleNote, out string? schedule)
            || !notes.TryGetValue(EveryNote, out string? savedEvery))
            throw new UsageException($"{file.Path}: a training checkpoint, but not one written by minigrad train (its notes have no run options); it cannot be resumed here.");
        TrainingOptions recorded;
        try
        {
            recorded = JsonSerializer.Deserialize<TrainingOptions>(json, Json) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{file.Path}: the recorded run options are not readable ({e.Message}).");
        }
        if (recorded.DataFile is { } data)
        {
            if (!File.Exists(data))
                throw new UsageException($"{file.Path}: the run trained on {data}, which no longer exists; resuming needs the same file.");
            if (notes.TryGetValue(DataHashNote, out string? hash) && hash != Sha256(data))
                throw new UsageException($"{file.Path}: the run trained on {data}, which has changed since (its SHA-256 differs); resuming needs the same file.");
        }
        checkRecorded(recorded);
        int done = file.Progress.Epoch;
        int total = epochs ?? recorded.EffectiveEpochs;
        if (total <= done)
            throw new UsageException(epochs is null
                ? $"{file.Path} has done all its {done} epochs; give --epochs N, the new total (more than {done}), to train on."
                : $"{file.Path} has {done} epochs done already; --epochs (the new total) must be more than {done}, got {total}.");
        return new CheckpointPlan
        {
            Path = path ?? file.Path,
            Every = every ?? int.Parse(savedEvery, CultureInfo.InvariantCulture),
            Resume = file,
            Options = recorded with { Epochs = total, Diagnose = diagnose },
            ScheduleEpochs = int.Parse(schedule, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Whether to save after <paramref name="epoch"/> of <paramref name="epochs"/>: every <see cref="Every"/> epochs and after the last.</summary>
    public bool Due(int epoch, int epochs) => Path is not null && (epoch % Every == 0 || epoch == epochs);

    /// <summary>Restores <see cref="Resume"/> into <paramref name="checkpoint"/>'s live objects; null for a new run.</summary>
    internal TrainingProgress? Restore<T>(TrainingCheckpoint<T> checkpoint) where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Resume is null ? null : checkpoint.Restore(Resume);

    /// <summary>Saves <paramref name="checkpoint"/> after <paramref name="epoch"/> with the run's metrics and the notes a resume needs.</summary>
    internal void Save<T>(TrainingCheckpoint<T> checkpoint, int epoch, Dictionary<string, IReadOnlyList<double>> metrics)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var notes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [OptionsNote] = JsonSerializer.Serialize(Options with { Diagnose = false }, Json),
            [ScheduleNote] = ScheduleEpochs.ToString(CultureInfo.InvariantCulture),
            [EveryNote] = Every.ToString(CultureInfo.InvariantCulture),
        };
        if (Options.DataFile is { } data) notes[DataHashNote] = dataHash ??= Sha256(data);
        checkpoint.Save(Path!, new TrainingProgress(epoch, metrics, notes));
    }

    /// <summary>The metric series <paramref name="name"/> of the resumed progress (empty when it has none).</summary>
    internal static IReadOnlyList<double> Metric(TrainingProgress? progress, string name) =>
        progress is not null && progress.Metrics.TryGetValue(name, out var values) ? values : [];

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
