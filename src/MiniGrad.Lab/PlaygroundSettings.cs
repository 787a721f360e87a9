using System.Globalization;

namespace MiniGrad.Lab;

/// <summary>A point the user clicked onto the canvas: its position and its class (0 or 1).</summary>
/// <param name="X">The first feature.</param>
/// <param name="Y">The second feature.</param>
/// <param name="Label">The class, 0 or 1.</param>
public sealed record ClickedPoint(double X, double Y, int Label);

/// <summary>
/// Everything that defines one playground run: the data, the network and the training. The same settings give the
/// same run, bit for bit (every random draw comes from <see cref="Seed"/>).
/// </summary>
public sealed record PlaygroundSettings
{
    /// <summary>The most hidden layers a network may have.</summary>
    public const int MaxLayers = 6;

    /// <summary>The most units a hidden layer may have: the page draws every unit and every weight.</summary>
    public const int MaxUnits = 64;

    /// <summary>The most samples a generated dataset may have.</summary>
    public const int MaxSamples = 2000;

    /// <summary>The dataset names.</summary>
    public static readonly IReadOnlyList<string> Datasets = ["xor", "circle", "gaussians", "spirals", "iris", "points"];

    /// <summary>The activations a hidden layer may have: the elementwise ones (<see cref="ActivationCatalog.ElementwiseNames"/>), then <c>none</c>.</summary>
    public static IReadOnlyList<string> Activations => [.. ActivationCatalog.ElementwiseNames, ActivationCatalog.None];

    /// <summary>The optimizer names.</summary>
    public static readonly IReadOnlyList<string> Optimizers = ["sgd", "adam", "adamw", "rmsprop", "adagrad"];

    /// <summary>One of <see cref="Datasets"/>; <c>points</c> trains on <see cref="Points"/>.</summary>
    public string Dataset { get; init; } = "xor";

    /// <summary>Samples to generate (ignored by iris and points).</summary>
    public int Samples { get; init; } = 200;

    /// <summary>Noise, 0 to 1: the spread added to the generated points, as a fraction of the data's scale.</summary>
    public double Noise { get; init; } = 0.1;

    /// <summary>The fraction of samples used for training, 0.1 to 0.9; the rest is the test set.</summary>
    public double TrainFraction { get; init; } = 0.5;

    /// <summary>The two iris features (0..3) drawn on the axes: 2 and 3 are petal length and width.</summary>
    public int[] IrisFeatures { get; init; } = [2, 3];

    /// <summary>The clicked points of the <c>points</c> dataset.</summary>
    public ClickedPoint[] Points { get; init; } = [];

    /// <summary>The hidden layers' sizes, input to output; empty for a linear model.</summary>
    public int[] Hidden { get; init; } = [8, 8];

    /// <summary>The activation after each hidden layer (see <see cref="ActivationCatalog.ElementwiseNames"/>, or <c>none</c>).</summary>
    public string Activation { get; init; } = "tanh";

    /// <summary>One of <see cref="Optimizers"/>.</summary>
    public string Optimizer { get; init; } = "adam";

    /// <summary>The learning rate, above 0 and at most 10.</summary>
    public double Lr { get; init; } = 0.03;

    /// <summary>Samples per optimizer step, 1 to 1000 (capped at the training set's size).</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>Momentum, 0 to 0.99, of SGD and RMSprop (the optimizers that have one; the others ignore it).</summary>
    public double Momentum { get; init; }

    /// <summary>L2 weight decay, 0 to 1 (the optimizer's <c>weightDecay</c>).</summary>
    public double L2 { get; init; }

    /// <summary>The seed of the data, the initial weights and the batch order.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>What is wrong with these settings, as one sentence that names the setting, the value and what is allowed; null when nothing is.</summary>
    public string? Problem()
    {
        string V(double v) => v.ToString(CultureInfo.InvariantCulture);
        if (!Datasets.Contains(Dataset)) return $"dataset must be one of {string.Join(", ", Datasets)}, got '{Dataset}'.";
        if (Samples < 10 || Samples > MaxSamples) return $"samples must be between 10 and {MaxSamples}, got {Samples}.";
        if (!(Noise >= 0 && Noise <= 1)) return $"noise must be between 0 and 1, got {V(Noise)}.";
        if (!(TrainFraction >= 0.1 && TrainFraction <= 0.9)) return $"trainFraction must be between 0.1 and 0.9, got {V(TrainFraction)}.";
        if (IrisFeatures is not { Length: 2 } || IrisFeatures.Any(f => f < 0 || f > 3) || IrisFeatures[0] == IrisFeatures[1])
            return $"irisFeatures must be two different feature indices from 0 to 3, got [{string.Join(", ", IrisFeatures ?? [])}].";
        if (Dataset == "points")
        {
            if (Points is null || Points.Length > 1000) return $"points must hold at most 1000 points, got {Points?.Length ?? 0}.";
            if (Points.Any(p => p.Label is not (0 or 1) || !double.IsFinite(p.X) || !double.IsFinite(p.Y)))
                return "points must have finite x and y and a label of 0 or 1.";
            if (Points.Count(p => p.Label == 0) < 2 || Points.Count(p => p.Label == 1) < 2)
                return "points needs at least two points of each class: click some of each colour onto the canvas first.";
        }
        if (Hidden is null || Hidden.Length > MaxLayers) return $"hidden must have at most {MaxLayers} layers, got {Hidden?.Length ?? 0}.";
        if (Hidden.Where(h => h < 1 || h > MaxUnits).Select(h => (int?)h).FirstOrDefault() is int bad)
            return $"every hidden layer must have 1 to {MaxUnits} units, got {bad}.";
        if (Activation is null || !(ActivationCatalog.IsElementwise(Activation) || ActivationCatalog.Key(Activation) == ActivationCatalog.None))
            return $"activation must be one of {string.Join(", ", Activations)}, got '{Activation}'.";
        if (Optimizer is null || !Optimizers.Contains(Optimizer)) return $"optimizer must be one of {string.Join(", ", Optimizers)}, got '{Optimizer}'.";
        if (!(Lr > 0 && Lr <= 10)) return $"lr must be above 0 and at most 10, got {V(Lr)}.";
        if (BatchSize < 1 || BatchSize > 1000) return $"batchSize must be between 1 and 1000, got {BatchSize}.";
        if (!(Momentum >= 0 && Momentum <= 0.99)) return $"momentum must be between 0 and 0.99, got {V(Momentum)}.";
        if (!(L2 >= 0 && L2 <= 1)) return $"l2 must be between 0 and 1, got {V(L2)}.";
        if (Seed < 0) return $"seed must be 0 or more, got {Seed}.";
        return null;
    }
}
