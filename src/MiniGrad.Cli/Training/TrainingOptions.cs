using System.Globalization;

namespace MiniGrad.Cli.Training;

/// <summary>
/// The settings of one training run (the options of <c>minigrad train</c>). Null hidden sizes, batch size, sample
/// count, epochs and learning rate take the task's defaults (the tutorial's 18,18,4 / 10 / 100 / 150 / 0.001 for the
/// random task). The real datasets (<see cref="TrainingTask.Iris"/>, <see cref="TrainingTask.Digits"/>, or a CSV file
/// in <see cref="DataFile"/>) are split into train, validation and test parts (see <see cref="HoldoutRun"/>).
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>The activation after every hidden layer, by name (see <see cref="ActivationCatalog"/>).</summary>
    public string Activation { get; init; } = "relu";

    /// <summary>The hidden layer sizes; empty for a single linear layer; null for the task's default (<see cref="EffectiveHidden"/>).</summary>
    public IReadOnlyList<int>? Hidden { get; init; }

    /// <summary>Passes over the data; null for the task's default.</summary>
    public int? Epochs { get; init; }

    /// <summary>Rows per mini-batch (taken in order for the synthetic tasks, as the tutorial does; shuffled for the
    /// real datasets); null for the task's default.</summary>
    public int? BatchSize { get; init; }

    /// <summary>The learning rate; null for the task's default.</summary>
    public double? LearningRate { get; init; }

    /// <summary>adam, adamw or sgd.</summary>
    public string Optimizer { get; init; } = "adam";

    /// <summary>The seed of the generator the data and the initial weights come from.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Train in double instead of float.</summary>
    public bool Double { get; init; }

    /// <summary>What to learn.</summary>
    public TrainingTask Task { get; init; } = TrainingTask.Random;

    /// <summary>The number of samples; null for the task's default.</summary>
    public int? Samples { get; init; }

    /// <summary>A CSV file to train on (<c>--data</c>) instead of <see cref="Task"/>; null for the task.</summary>
    public string? DataFile { get; init; }

    /// <summary>The column of <see cref="DataFile"/> to predict (<c>--target</c>).</summary>
    public string? Target { get; init; }

    /// <summary>Treat the target column as class labels even when they are numbers (<c>--classes</c>).</summary>
    public bool Classes { get; init; }

    /// <summary>The fraction of the samples held out for the test part (the validation part is as large, taken from
    /// the rest); null for the default: 0.15 for iris and digits (70/15/15), 0.2 for a CSV file (60/20/20).</summary>
    public double? TestFraction { get; init; }

    /// <summary>The dropout probability after each hidden layer's activation (<c>--dropout</c>); null for the
    /// default: 0.2 for digits, none otherwise.</summary>
    public double? Dropout { get; init; }

    /// <summary>The learning-rate schedule (<c>--scheduler</c>), stepped once per epoch: <c>cosine</c>
    /// (CosineAnnealingLR over the epochs), <c>step</c> (StepLR: a tenth every third of the epochs), <c>plateau</c>
    /// (ReduceLROnPlateau on the validation loss, factor 0.1, patience 5); null for a constant rate.</summary>
    public string? Scheduler { get; init; }

    /// <summary>Clip the gradients' total norm to this before each step (<c>--clip-grad-norm</c>); null for no clipping.</summary>
    public double? ClipGradNorm { get; init; }

    /// <summary>Standardize the inputs with statistics of the training part (always done for iris and digits).</summary>
    public bool Standardize { get; init; }

    /// <summary>Measure each layer's gradient norm and dead / saturated units every epoch (<c>--diagnose</c>).</summary>
    public bool Diagnose { get; init; }

    /// <summary>Write the trained model with its <see cref="ModelDescription"/> to this safetensors file (<c>--save</c>); null to keep it in memory only.</summary>
    public string? SavePath { get; init; }

    /// <summary>The schedules <see cref="Scheduler"/> may name.</summary>
    public static IReadOnlyList<string> Schedulers { get; } = ["cosine", "step", "plateau"];

    /// <summary>The optimizers <see cref="Optimizer"/> may name.</summary>
    public static IReadOnlyList<string> Optimizers { get; } = ["adam", "adamw", "sgd"];

    /// <summary>True when training on a real dataset split into train, validation and test parts: iris, digits or a CSV file.</summary>
    public bool IsHoldout => DataFile is not null || Task is TrainingTask.Iris or TrainingTask.Digits;

    /// <summary>The hidden layer sizes actually used.</summary>
    public IReadOnlyList<int> EffectiveHidden => Hidden ?? DefaultHidden(this);

    /// <summary>The batch size actually used.</summary>
    public int EffectiveBatchSize => BatchSize ?? (IsHoldout ? 32 : 10);

    /// <summary>The epochs actually used.</summary>
    public int EffectiveEpochs => Epochs ?? (DataFile is not null ? 100 : Task switch
    {
        TrainingTask.Random => 150,
        TrainingTask.Sine => 200,
        TrainingTask.Iris => 50,
        TrainingTask.Digits => 30,
        _ => 300,
    });

    /// <summary>The learning rate actually used.</summary>
    public double EffectiveLearningRate => LearningRate ?? (DataFile is not null ? 0.01 : Task switch
    {
        TrainingTask.Random => 0.001,
        TrainingTask.Digits => 0.003,
        _ => 0.01,
    });

    /// <summary>The dropout probability actually used (0 for none).</summary>
    public double EffectiveDropout => Dropout ?? (DataFile is null && Task == TrainingTask.Digits ? 0.2 : 0);

    /// <summary>The test fraction actually used (see <see cref="TestFraction"/>).</summary>
    public double EffectiveTestFraction => TestFraction ?? (DataFile is not null ? 0.2 : 0.15);

    /// <summary>The default hidden sizes of <paramref name="options"/>' task: the tutorial's 18,18,4 for the synthetic
    /// tasks, 16 for iris, 128 for digits, 32 for a CSV file.</summary>
    public static IReadOnlyList<int> DefaultHidden(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.DataFile is not null ? [32] : options.Task switch
        {
            TrainingTask.Iris => [16],
            TrainingTask.Digits => [128],
            _ => [18, 18, 4],
        };
    }

    /// <summary>The sample count actually used.</summary>
    public int EffectiveSamples => Samples ?? Task switch { TrainingTask.Random => 100, TrainingTask.Spirals => 400, _ => 200 };

    /// <summary>
    /// The first problem with these settings, as one line for the user, or null when they are fine. Checked before
    /// any training starts.
    /// </summary>
    public string? Validate()
    {
        if (!ActivationCatalog.Contains(Activation))
            return $"unknown activation '{Activation}'; known: {string.Join(", ", ActivationCatalog.Names)}.";
        if (!Optimizers.Contains(Optimizer.ToLowerInvariant()))
            return $"unknown optimizer '{Optimizer}'; use adam, adamw or sgd.";
        if (Epochs is { } e && e <= 0) return $"--epochs must be at least 1, got {e}.";
        if (BatchSize is { } b && b <= 0) return $"--batch-size must be at least 1, got {BatchSize}.";
        if (Samples is { } s && s <= 0) return $"--samples must be at least 1, got {s}.";
        if (LearningRate is { } lr && !(lr > 0 && double.IsFinite(lr)))
            return $"--lr must be a positive number, got {lr.ToString(CultureInfo.InvariantCulture)}.";
        if (EffectiveHidden.FirstOrDefault(h => h <= 0, 1) is var bad && bad <= 0)
            return $"--hidden sizes must be positive, got {string.Join(",", EffectiveHidden)}.";
        if (Dropout is { } p && !(p >= 0 && p < 1))
            return $"--dropout must be at least 0 and below 1, got {p.ToString(CultureInfo.InvariantCulture)}.";
        if (Scheduler is { } sc && !Schedulers.Contains(sc.ToLowerInvariant()))
            return $"unknown scheduler '{sc}'; use {string.Join(", ", Schedulers)}.";
        if (ClipGradNorm is { } clip && !(clip > 0 && double.IsFinite(clip)))
            return $"--clip-grad-norm must be a positive number, got {clip.ToString(CultureInfo.InvariantCulture)}.";
        if (TestFraction is { } t && !(t > 0 && t < 0.5))
            return $"--test-fraction must be above 0 and below 0.5, got {t.ToString(CultureInfo.InvariantCulture)}.";
        if (!Enum.IsDefined(Task)) return $"unknown task {Task}.";
        return null;
    }
}
