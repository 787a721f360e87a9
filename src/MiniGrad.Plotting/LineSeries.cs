namespace MiniGrad.Plotting;

/// <summary>One line of a <see cref="LineChart"/>: a name for the legend and its points.</summary>
/// <param name="Name">The legend text.</param>
/// <param name="X">The x values.</param>
/// <param name="Y">The y values (same count as <paramref name="X"/>); NaN, infinite, or (on a log axis) non-positive values leave a gap.</param>
/// <param name="Color">A CSS colour; null takes the next colour of the palette.</param>
/// <param name="Dashed">Draw the line dashed (for a derivative next to its function, say).</param>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, string? Color = null, bool Dashed = false)
{
    /// <summary>A series whose x values are 1, 2, 3, … (an epoch index, say).</summary>
    public static LineSeries Indexed(string name, IReadOnlyList<double> y, string? color = null) =>
        new(name, Enumerable.Range(1, y.Count).Select(i => (double)i).ToArray(), y, color);
}
