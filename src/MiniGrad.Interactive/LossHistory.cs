using System.Numerics;
using MiniGrad.Plotting;

namespace MiniGrad.Interactive;

/// <summary>
/// The losses of one training run, one per epoch (or step): a notebook shows it as a small line chart. Add a loss
/// after each epoch with <see cref="Add(double)"/>; show several runs on one chart with <see cref="Compare"/>.
/// </summary>
public sealed class LossHistory
{
    private readonly List<double> losses = [];

    /// <summary>An empty history.</summary>
    /// <param name="name">The run's name, shown in the legend.</param>
    public LossHistory(string name = "loss")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The run's name, shown in the legend.</summary>
    public string Name { get; }

    /// <summary>The losses in the order they were added.</summary>
    public IReadOnlyList<double> Losses => losses;

    /// <summary>Adds the next loss.</summary>
    public void Add(double loss) => losses.Add(loss);

    /// <summary>Adds the next loss: the value of a one-element tensor, such as the loss a criterion returns.</summary>
    /// <exception cref="ArgumentException">The tensor has more than one element.</exception>
    public void Add<T>(Tensor<T> loss)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (loss.Length != 1)
            throw new ArgumentException($"LossHistory.Add: a loss is one number, got a tensor of shape {loss.Shape}; reduce it first (Mean() or Sum()).", nameof(loss));
        losses.Add(double.CreateChecked(loss.Item()));
    }

    /// <summary>The chart as a standalone SVG document (<see cref="LossPlot"/>'s: a log axis when the losses span more than a factor of 20).</summary>
    /// <exception cref="InvalidOperationException">No loss was added yet.</exception>
    public string ToSvg() => Compare(this).ToSvg();

    /// <summary>Several runs on one chart, one line each (their names must differ).</summary>
    /// <exception cref="ArgumentException">No run, or two runs with the same name.</exception>
    public static LossComparison Compare(params IEnumerable<LossHistory> runs) => new(runs);

    /// <summary>The name, the number of losses and the last one.</summary>
    public override string ToString() =>
        losses.Count == 0 ? $"{Name}: no loss yet"
        : $"{Name}: {losses.Count} loss{(losses.Count == 1 ? "" : "es")}, last {losses[^1].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";
}
