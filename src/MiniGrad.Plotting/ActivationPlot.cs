using MiniGrad.Study;

namespace MiniGrad.Plotting;

/// <summary>
/// Pictures of activation functions: each one with its derivative (computed by MiniGrad's own backward pass, not by
/// a formula, see <see cref="ActivationCurve"/>), one small chart per activation, in one SVG.
/// </summary>
public static class ActivationPlot
{
    /// <summary>A chart of one activation (solid) and its derivative (dashed), sampled at <paramref name="points"/> points.</summary>
    /// <exception cref="ArgumentException">The function is not elementwise, or the range is empty.</exception>
    public static LineChart Chart(string name, Func<Tensor<double>, Tensor<double>> activation, double xMin = -4, double xMax = 4, int points = 401)
    {
        var (x, y, dy) = ActivationCurve.Sample(activation, xMin, xMax, points);
        return new LineChart { Title = name, XLabel = "x" }
            .Add(new LineSeries("f(x)", x, y, LineChart.Palette[0]))
            .Add(new LineSeries("f'(x)", x, dy, LineChart.Palette[1], Dashed: true));
    }

    /// <summary>
    /// A grid with a chart per activation, <paramref name="columns"/> to a row, each sampled at
    /// <paramref name="points"/> points (201 keeps a grid of every activation small and still smooth).
    /// </summary>
    /// <exception cref="ArgumentException">There is no activation, or one is not elementwise.</exception>
    public static ChartGrid Grid(IEnumerable<(string Name, Func<Tensor<double>, Tensor<double>> Function)> activations,
        int columns = 4, double xMin = -4, double xMax = 4, int points = 201)
    {
        ArgumentNullException.ThrowIfNull(activations);
        var grid = new ChartGrid { Title = "Activation functions (solid) and their derivatives (dashed), from MiniGrad's backward pass", Columns = columns };
        foreach (var (name, f) in activations) grid.Charts.Add(Chart(name, f, xMin, xMax, points));
        if (grid.Charts.Count == 0) throw new ArgumentException("ActivationPlot: no activation to plot.", nameof(activations));
        // A single short row has no room for the long title.
        if (grid.Charts.Count < columns) grid.Title = "Activations (solid) and derivatives (dashed)";
        return grid;
    }

    /// <summary>The SVG of <see cref="Grid"/> (what <c>minigrad plot activations</c> writes).</summary>
    /// <exception cref="ArgumentException">There is no activation, or one is not elementwise.</exception>
    public static string Svg(IEnumerable<(string Name, Func<Tensor<double>, Tensor<double>> Function)> activations,
        int columns = 4, double xMin = -4, double xMax = 4, int points = 201) =>
        Grid(activations, columns, xMin, xMax, points).ToSvg();
}
