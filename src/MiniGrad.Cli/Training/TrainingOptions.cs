using System.Globalization;

namespace MiniGrad.Cli.Training;

/// <summary>
/// The settings of one training run (the options of <c>minigrad train</c>). Null sample count, epochs and learning
/// rate take the task's defaults (the tutorial's 100 / 150 / 0.001 for the random task).
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>The activation after every hidden layer, by name (see <see cref="ActivationCatalog"/>).</summary>
    public string Activation { get; init; } = "relu";

    /// <summary>The hidden layer sizes (the tutorial's 18, 18, 4); empty for a single linear layer.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [18, 18, 4];

    /// <summary>Passes over the data; null for the task's default.</summary>
    public int? Epochs { get; init; }

    /// <summary>Rows per mini-batch, taken in order as the tutorial does.</summary>
    public int BatchSize { get; init; } = 10;

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

    /// <summary>Measure each layer's gradient norm and dead / saturated units every epoch (<c>--diagnose</c>).</summary>
    public bool Diagnose { get; init; }

    /// <summary>The optimizers <see cref="Optimizer"/> may name.</summary>
    public static IReadOnlyList<string> Optimizers { get; } = ["adam", "adamw", "sgd"];

    /// <summary>The epochs actually used.</summary>
    public int EffectiveEpochs => Epochs ?? Task switch { TrainingTask.Random => 150, TrainingTask.Sine => 200, _ => 300 };

    /// <summary>The learning rate actually used.</summary>
    public double EffectiveLearningRate => LearningRate ?? (Task == TrainingTask.Random ? 0.001 : 0.01);

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
        if (BatchSize <= 0) return $"--batch-size must be at least 1, got {BatchSize}.";
        if (Samples is { } s && s <= 0) return $"--samples must be at least 1, got {s}.";
        if (LearningRate is { } lr && !(lr > 0 && double.IsFinite(lr)))
            return $"--lr must be a positive number, got {lr.ToString(CultureInfo.InvariantCulture)}.";
        if (Hidden.FirstOrDefault(h => h <= 0, 1) is var bad && bad <= 0)
            return $"--hidden sizes must be positive, got {string.Join(",", Hidden)}.";
        if (!Enum.IsDefined(Task)) return $"unknown task {Task}.";
        return null;
    }
}
