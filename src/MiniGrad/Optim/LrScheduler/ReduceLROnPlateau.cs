using System.Globalization;
using System.Numerics;

namespace MiniGrad.Optim.LrScheduler;

/// <summary>Whether <see cref="ReduceLROnPlateau{T}"/> watches a metric that should fall or rise (PyTorch's <c>mode</c>).</summary>
public enum PlateauMode
{
    /// <summary>Lower is better (a loss); PyTorch's <c>'min'</c>, the default.</summary>
    Min,

    /// <summary>Higher is better (an accuracy); PyTorch's <c>'max'</c>.</summary>
    Max,
}

/// <summary>How <see cref="ReduceLROnPlateau{T}"/> measures a significant improvement (PyTorch's <c>threshold_mode</c>).</summary>
public enum ThresholdMode
{
    /// <summary>Relative: better than <c>best · (1 ∓ threshold)</c>; PyTorch's <c>'rel'</c>, the default.</summary>
    Rel,

    /// <summary>Absolute: better than <c>best ∓ threshold</c>; PyTorch's <c>'abs'</c>.</summary>
    Abs,
}

/// <summary>
/// Lowers the learning rates when a metric has stopped improving, as PyTorch 1.13's <c>ReduceLROnPlateau</c>: call
/// <see cref="Step"/> with the metric (a validation loss, say) after each epoch.
/// </summary>
/// <remarks>
/// <code>
/// better(a) = Min/Rel: a &lt; best · (1 - threshold)    Min/Abs: a &lt; best - threshold
///             Max/Rel: a &gt; best · (1 + threshold)    Max/Abs: a &gt; best + threshold
/// step(metric):
///     if better(metric): best = metric, numBadEpochs = 0  else numBadEpochs += 1
///     if cooldownCounter &gt; 0: cooldownCounter -= 1, numBadEpochs = 0
///     if numBadEpochs &gt; patience:
///         for each group: newLr = max(lr · factor, minLr); if lr - newLr &gt; eps: lr = newLr
///         cooldownCounter = cooldown, numBadEpochs = 0
/// </code>
/// <para>best starts at +∞ (Min) or -∞ (Max). A NaN metric is never better. Unlike PyTorch, <see cref="GetLastLr"/>
/// answers before the first step (the groups' rates at construction).</para>
/// </remarks>
/// <typeparam name="T">The optimizer's element type.</typeparam>
public sealed class ReduceLROnPlateau<T> : IStatefulScheduler
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private double[] lastLr;

    /// <summary>Attaches to <paramref name="optimizer"/>; the rates do not change until a plateau.</summary>
    /// <param name="optimizer">The optimizer whose rates are lowered.</param>
    /// <param name="mode">Min (the metric should fall) or Max.</param>
    /// <param name="factor">The factor of a reduction, in [0, 1); default 0.1.</param>
    /// <param name="patience">How many epochs without improvement are tolerated (&gt;= 0); default 10.</param>
    /// <param name="threshold">The least significant improvement (finite, &gt;= 0); default 1e-4.</param>
    /// <param name="thresholdMode">Relative (default) or absolute threshold.</param>
    /// <param name="cooldown">Epochs after a reduction during which bad epochs are not counted (&gt;= 0).</param>
    /// <param name="minLr">The lowest rate of every group (finite, &gt;= 0).</param>
    /// <param name="eps">A reduction smaller than this is not made (finite, &gt;= 0); default 1e-8.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bad argument; the message gives its value.</exception>
    public ReduceLROnPlateau(Optimizer<T> optimizer, PlateauMode mode = PlateauMode.Min, double factor = 0.1, int patience = 10,
        double threshold = 1e-4, ThresholdMode thresholdMode = ThresholdMode.Rel, int cooldown = 0, double minLr = 0, double eps = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Require(factor >= 0 && factor < 1, nameof(factor), factor, "Factor should be < 1.0 and >= 0");
        Require(patience >= 0, nameof(patience), patience, "it must be >= 0");
        Require(threshold >= 0 && double.IsFinite(threshold), nameof(threshold), threshold, "it must be finite and >= 0");
        Require(cooldown >= 0, nameof(cooldown), cooldown, "it must be >= 0");
        Require(minLr >= 0 && double.IsFinite(minLr), nameof(minLr), minLr, "it must be finite and >= 0");
        Require(eps >= 0 && double.IsFinite(eps), nameof(eps), eps, "it must be finite and >= 0");
        Require(Enum.IsDefined(mode), nameof(mode), (int)mode, "it must be Min or Max");
        Require(Enum.IsDefined(thresholdMode), nameof(thresholdMode), (int)thresholdMode, "it must be Rel or Abs");
        Optimizer = optimizer;
        Mode = mode;
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        ThresholdMode = thresholdMode;
        Cooldown = cooldown;
        MinLr = minLr;
        Eps = eps;
        Best = mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
        lastLr = optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();
    }

    /// <summary>The optimizer whose rates this scheduler lowers.</summary>
    public Optimizer<T> Optimizer { get; }

    /// <summary>Min or Max (PyTorch's <c>mode</c>).</summary>
    public PlateauMode Mode { get; }

    /// <summary>The factor of a reduction.</summary>
    public double Factor { get; }

    /// <summary>How many epochs without improvement are tolerated.</summary>
    public int Patience { get; }

    /// <summary>The least significant improvement.</summary>
    public double Threshold { get; }

    /// <summary>Relative or absolute threshold (PyTorch's <c>threshold_mode</c>).</summary>
    public ThresholdMode ThresholdMode { get; }

    /// <summary>Epochs after a reduction during which bad epochs are not counted.</summary>
    public int Cooldown { get; }

    /// <summary>The lowest rate of every group (PyTorch's <c>min_lr</c>).</summary>
    public double MinLr { get; }

    /// <summary>A reduction smaller than this is not made.</summary>
    public double Eps { get; }

    /// <summary>The best metric so far (PyTorch's <c>best</c>).</summary>
    public double Best { get; private set; }

    /// <summary>Epochs since the last improvement, not counting cooldown (PyTorch's <c>num_bad_epochs</c>).</summary>
    public int NumBadEpochs { get; private set; }

    /// <summary>Epochs of cooldown left (PyTorch's <c>cooldown_counter</c>).</summary>
    public int CooldownCounter { get; private set; }

    /// <summary>How many times <see cref="Step"/> ran (PyTorch's <c>last_epoch</c>).</summary>
    public int LastEpoch { get; private set; }

    /// <summary>The groups' rates after the last step (at construction before any).</summary>
    public IReadOnlyList<double> GetLastLr() => lastLr;

    /// <summary>Records one epoch's <paramref name="metric"/> and lowers the rates after a plateau (PyTorch's <c>step(metrics)</c>).</summary>
    /// <param name="metric">The watched number for this epoch.</param>
    public void Step(double metric)
    {
        LastEpoch++;
        if (IsBetter(metric))
        {
            Best = metric;
            NumBadEpochs = 0;
        }
        else
        {
            NumBadEpochs++;
        }
        if (CooldownCounter > 0)
        {
            CooldownCounter--;
            NumBadEpochs = 0; // bad epochs in cooldown are ignored
        }
        if (NumBadEpochs > Patience)
        {
            foreach (var group in Optimizer.ParamGroups)
            {
                double oldLr = group.LearningRate;
                double newLr = Math.Max(oldLr * Factor, MinLr);
                if (oldLr - newLr > Eps) group.LearningRate = newLr;
            }
            CooldownCounter = Cooldown;
            NumBadEpochs = 0;
        }
        lastLr = Optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();
    }

    private bool IsBetter(double a) => (Mode, ThresholdMode) switch
    {
        (PlateauMode.Min, ThresholdMode.Rel) => a < Best * (1.0 - Threshold),
        (PlateauMode.Min, ThresholdMode.Abs) => a < Best - Threshold,
        (PlateauMode.Max, ThresholdMode.Rel) => a > Best * (Threshold + 1.0),
        _ => a > Best + Threshold,
    };

    /// <summary>The scheduler's state (PyTorch's <c>state_dict()</c>); see <see cref="SchedulerStateDict"/>.</summary>
    public SchedulerStateDict StateDict()
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["last_epoch"] = LastEpoch,
            ["best"] = Best,
            ["num_bad_epochs"] = NumBadEpochs,
            ["cooldown_counter"] = CooldownCounter,
        };
        for (int g = 0; g < lastLr.Length; g++) values[$"last_lr.{g}"] = lastLr[g];
        foreach (var (name, value) in Hyperparameters()) values[name] = value;
        return new SchedulerStateDict("ReduceLROnPlateau", values);
    }

    /// <summary>
    /// Restores a state from <see cref="StateDict"/> into a scheduler with the same hyperparameters over an optimizer
    /// with as many groups; the rates themselves come with the optimizer's state. On an error nothing changes.
    /// </summary>
    /// <param name="stateDict">A state from <see cref="StateDict"/>.</param>
    /// <exception cref="ArgumentException">Another class, other hyperparameters, another number of groups, a missing, unknown or bad number.</exception>
    public void LoadStateDict(SchedulerStateDict stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var v = stateDict.Values ?? throw new ArgumentNullException(nameof(stateDict));
        const string name = "ReduceLROnPlateau";
        SchedulerState.CheckClass(name, stateDict);
        int groups = Optimizer.ParamGroups.Count;
        var expected = new List<string> { "last_epoch", "best", "num_bad_epochs", "cooldown_counter" };
        for (int g = 0; g < groups; g++) expected.Add($"last_lr.{g}");
        SchedulerState.CheckNames(name, v, expected, Hyperparameters());
        SchedulerState.CheckWhole(name, "last_epoch", v["last_epoch"], 0);
        SchedulerState.CheckWhole(name, "num_bad_epochs", v["num_bad_epochs"], 0);
        SchedulerState.CheckWhole(name, "cooldown_counter", v["cooldown_counter"], 0);
        if (double.IsNaN(v["best"])) throw SchedulerState.Error(name, "'best' is NaN");
        for (int g = 0; g < groups; g++) SchedulerState.CheckRate(name, $"last_lr.{g}", v[$"last_lr.{g}"]);
        LastEpoch = (int)v["last_epoch"];
        Best = v["best"];
        NumBadEpochs = (int)v["num_bad_epochs"];
        CooldownCounter = (int)v["cooldown_counter"];
        lastLr = Enumerable.Range(0, groups).Select(g => v[$"last_lr.{g}"]).ToArray();
    }

    private IEnumerable<(string Name, double Value)> Hyperparameters() =>
        [("mode", (double)Mode), ("factor", Factor), ("patience", Patience), ("threshold", Threshold),
         ("threshold_mode", (double)ThresholdMode), ("cooldown", Cooldown), ("min_lr", MinLr), ("eps", Eps)];

    private static void Require(bool ok, string name, double value, string rule)
    {
        if (!ok)
            throw new ArgumentOutOfRangeException(name,
                $"ReduceLROnPlateau: Invalid {name} value: {value.ToString("R", CultureInfo.InvariantCulture)} ({rule}).");
    }
}
