using MiniGrad.Study.Svg;

namespace MiniGrad.Study;

/// <summary>
/// Pictures of activation functions: each one with its derivative (computed by MiniGrad's own backward pass, not by
/// a formula), one small chart per activation, in one SVG.
/// </summary>
public static class ActivationPlot
{
    /// <summary>
    /// The values of <paramref name="activation"/> and of its derivative at <paramref name="points"/> evenly spaced
    /// x in [<paramref name="xMin"/>, <paramref name="xMax"/>]. The derivative is the gradient of sum(f(x)) with
    /// respect to x, which for an elementwise function is f'(x) at every point.
    /// </summary>
    public static (double[] X, double[] Y, double[] DyDx) Sample(Func<Tensor<double>, Tensor<double>> activation,
        double xMin = -4, double xMax = 4, int points = 401)
    {
        ArgumentNullException.ThrowIfNull(activation);
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, "ActivationPlot: need at least 2 points.");
        if (!(xMin < xMax)) throw new ArgumentException($"ActivationPlot: xMin ({xMin}) must be below xMax ({xMax}).", nameof(xMin));
        using var tape = Tape.Begin();
        var x = Tensor<double>.Linspace(xMin, xMax, points).RequireGrad();
        var y = activation(x);
        if (y.Shape != x.Shape)
            throw new ArgumentException($"ActivationPlot: the activation turned shape {x.Shape} into {y.Shape}; only elementwise functions can be plotted.", nameof(activation));
        y.Sum().Backward();
        return (x.ToArray(), y.ToArray(), x.Grad?.ToArray() ?? new double[points]);
    }

    /// <summary>A chart of one activation (solid) and its derivative (dashed).</summary>
    public static LineChart Chart(string name, Func<Tensor<double>, Tensor<double>> activation, double xMin = -4, double xMax = 4, int points = 401)
    {
        var (x, y, dy) = Sample(activation, xMin, xMax, points);
        return new LineChart { Title = name, XLabel = "x" }
            .Add(new LineSeries("f(x)", x, y, LineChart.Palette[0]))
            .Add(new LineSeries("f'(x)", x, dy, LineChart.Palette[1], Dashed: true));
    }

    /// <summary>
    /// One SVG with a chart per activation, <paramref name="columns"/> to a row, each sampled at
    /// <paramref name="points"/> points (201 keeps a grid of every activation small and still smooth).
    /// </summary>
    public static string Svg(IEnumerable<(string Name, Func<Tensor<double>, Tensor<double>> Function)> activations,
        int columns = 4, double xMin = -4, double xMax = 4, int points = 201)
    {
        ArgumentNullException.ThrowIfNull(activations);
        var grid = new ChartGrid { Title = "Activation functions (solid) and their derivatives (dashed), from MiniGrad's backward pass", Columns = columns };
        foreach (var (name, f) in activations) grid.Charts.Add(Chart(name, f, xMin, xMax, points));
        if (grid.Charts.Count == 0) throw new ArgumentException("ActivationPlot: no activation to plot.", nameof(activations));
        if (grid.Charts.Count < columns) grid.Title = "Activations (solid) and derivatives (dashed)";
        return grid.ToSvg();
    }
}
