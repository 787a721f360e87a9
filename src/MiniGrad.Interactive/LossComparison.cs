using MiniGrad.Plotting;

namespace MiniGrad.Interactive;

/// <summary>Several <see cref="LossHistory"/> runs drawn on one chart (made by <see cref="LossHistory.Compare"/>).</summary>
public sealed class LossComparison
{
    internal LossComparison(IEnumerable<LossHistory> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var list = runs.ToList();
        if (list.Count == 0) throw new ArgumentException("LossHistory.Compare: no run to compare; pass at least one LossHistory.", nameof(runs));
        if (list.Any(r => r is null)) throw new ArgumentException("LossHistory.Compare: a run is null.", nameof(runs));
        var repeated = list.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException($"LossHistory.Compare: two runs are named '{repeated.Key}'; give each run its own name so the legend tells them apart.", nameof(runs));
        Runs = list;
    }

    /// <summary>The runs, in legend order.</summary>
    public IReadOnlyList<LossHistory> Runs { get; }

    /// <summary>The chart title.</summary>
    public string Title { get; init; } = "Training loss";

    /// <summary>The chart as a standalone SVG document.</summary>
    /// <exception cref="InvalidOperationException">A run has no loss yet.</exception>
    public string ToSvg()
    {
        if (Runs.FirstOrDefault(r => r.Losses.Count == 0) is { } empty)
            throw new InvalidOperationException($"LossHistory: run '{empty.Name}' has no loss to draw yet; Add one after each epoch first.");
        return LossPlot.Svg(Runs.Select(r => (r.Name, r.Losses)).ToList(), Title);
    }

    /// <summary>The runs' descriptions, one per line.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Runs);
}
