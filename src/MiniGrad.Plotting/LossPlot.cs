namespace MiniGrad.Plotting;

/// <summary>Loss curves of training runs, one line per run, as an SVG chart (what <c>minigrad train --plot</c> writes).</summary>
public static class LossPlot
{
    /// <summary>
    /// A chart with a line per run (epoch on x, loss on y). A log y axis is used when every loss is positive (at
    /// least 90% of them; zeros leave gaps) and they span more than a factor of 20, where a linear axis would flatten
    /// the end of training.
    /// </summary>
    /// <param name="runs">Each run's name (the legend) and its loss per epoch.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="logY">Force a log (true) or linear (false) y axis; null chooses.</param>
    /// <exception cref="ArgumentException">There is no run.</exception>
    public static LineChart Chart(IReadOnlyList<(string Name, IReadOnlyList<double> Losses)> runs, string title = "Training loss", bool? logY = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ArgumentException("LossPlot: no run to plot.", nameof(runs));
        var all = runs.SelectMany(r => r.Losses).Where(double.IsFinite).ToList();
        var positive = all.Where(v => v > 0).ToList();
        // A loss that reaches exactly 0 (float underflow after a perfect fit) should not force a linear axis: on a
        // log axis those few points leave a gap at the end of their curve.
        bool log = logY ?? (positive.Count > 0 && positive.Count >= 0.9 * all.Count && positive.Max() / positive.Min() > 20);
        var chart = new LineChart { Title = title, XLabel = "epoch", YLabel = log ? "loss (log scale)" : "loss", LogY = log, IntegerX = true, Width = runs.Count > 12 ? 860 : 720, Height = 420 };
        foreach (var (name, losses) in runs) chart.Add(LineSeries.Indexed(name, losses));
        return chart;
    }

    /// <summary>The SVG of <see cref="Chart"/>.</summary>
    /// <param name="runs">Each run's name (the legend) and its loss per epoch.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="logY">Force a log (true) or linear (false) y axis; null chooses.</param>
    /// <exception cref="ArgumentException">There is no run.</exception>
    public static string Svg(IReadOnlyList<(string Name, IReadOnlyList<double> Losses)> runs, string title = "Training loss", bool? logY = null) =>
        Chart(runs, title, logY).ToSvg();
}
