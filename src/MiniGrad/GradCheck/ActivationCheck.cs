using System.Diagnostics;
using System.Text;

namespace MiniGrad;

/// <summary>Settings of <see cref="GradCheck.CheckActivation(Func{Tensor{double}, Tensor{double}}, ActivationCheckOptions?, string)"/>.</summary>
public sealed record ActivationCheckOptions
{
    /// <summary>The default settings.</summary>
    public static ActivationCheckOptions Default { get; } = new();

    /// <summary>The grid runs from -<see cref="GridHalfWidth"/> to +<see cref="GridHalfWidth"/>.</summary>
    public double GridHalfWidth { get; init; } = 10;

    /// <summary>Grid points per unit (10: a step of 0.1, so 0, ±0.5, ±1, ±3 and ±6 are on it).</summary>
    public int GridPointsPerUnit { get; init; } = 10;

    /// <summary>How many random points (uniform on the grid's range, seeded) are added.</summary>
    public int RandomPoints { get; init; } = 64;

    /// <summary>Extreme inputs, where the function and its gradient must stay finite.</summary>
    public IReadOnlyList<double> Extremes { get; init; } = [-1000, -100, 100, 1000];

    /// <summary>Seed of the random points.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Also check the second derivative (when the activation has one).</summary>
    public bool CheckSecondOrder { get; init; } = true;

    /// <summary>Settings of the gradient checks themselves: PyTorch's tolerances, with 4 ulps of run-to-run slack in the reentrancy check.</summary>
    public GradCheckOptions Check { get; init; } = new() { NondetUlps = 4 };

    /// <summary>Add a text plot of f and f' on [-<see cref="PlotHalfWidth"/>, +<see cref="PlotHalfWidth"/>] to the report.</summary>
    public bool Plot { get; init; } = true;

    /// <summary>Half the x range of the plot.</summary>
    public double PlotHalfWidth { get; init; } = 5;
}

/// <summary>The outcome of <see cref="GradCheck.CheckActivation(Func{Tensor{double}, Tensor{double}}, ActivationCheckOptions?, string)"/>.</summary>
public sealed class ActivationCheckResult
{
    internal ActivationCheckResult(string name, int points, GradCheckResult gradient, GradCheckResult? secondOrder,
        string secondOrderNote, IReadOnlyList<string> nonFinite, string plot, TimeSpan elapsed)
    {
        Name = name;
        Points = points;
        Gradient = gradient;
        SecondOrder = secondOrder;
        SecondOrderNote = secondOrderNote;
        NonFinite = nonFinite;
        Plot = plot;
        Elapsed = elapsed;
    }

    /// <summary>The activation's name.</summary>
    public string Name { get; }

    /// <summary>How many points were checked (grid, random and extremes).</summary>
    public int Points { get; }

    /// <summary>The first-order check over all points.</summary>
    public GradCheckResult Gradient { get; }

    /// <summary>The second-order check, or null when not available or not asked for.</summary>
    public GradCheckResult? SecondOrder { get; }

    /// <summary>Why the second order was not checked, or a summary of its outcome.</summary>
    public string SecondOrderNote { get; }

    /// <summary>Points where f(x) or f'(x) is NaN or infinite.</summary>
    public IReadOnlyList<string> NonFinite { get; }

    /// <summary>A small text plot of f (<c>*</c>) and f' (<c>o</c>).</summary>
    public string Plot { get; }

    /// <summary>How long the check took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The kinks found by the first-order check.</summary>
    public IReadOnlyList<KinkPoint> Kinks => Gradient.Kinks;

    /// <summary>True when the gradient (and the second derivative, when checked) passed and nothing was NaN or infinite.</summary>
    public bool Passed => Gradient.Passed && (SecondOrder?.Passed ?? true) && NonFinite.Count == 0;

    /// <summary>The readable report: verdict, points, the first- and second-order reports, the plot.</summary>
    public string Report
    {
        get
        {
            var sb = new StringBuilder();
            sb.AppendLine($"CheckActivation {Name}: {(Passed ? "PASSED" : "FAILED")} ({Points} points: grid, random, extremes; {Elapsed.TotalMilliseconds:0.#} ms)");
            sb.AppendLine(NonFinite.Count == 0 ? "finite: f and f' are finite at every point" : $"NOT FINITE at {NonFinite.Count} points: {string.Join("; ", NonFinite.Take(5))}");
            sb.AppendLine("first order: " + Gradient.Report.Replace("\n", "\n  ", StringComparison.Ordinal));
            sb.AppendLine("second order: " + (SecondOrder is null ? SecondOrderNote : SecondOrder.Report.Replace("\n", "\n  ", StringComparison.Ordinal)));
            if (Plot.Length > 0) sb.Append(Plot);
            return sb.ToString().TrimEnd();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Report;
}

/// <content>Checking a whole activation function at once.</content>
public static partial class GradCheck
{
    /// <summary>
    /// Checks an activation function everywhere it matters: on a grid over [-10, 10] (kinks such as 0, ±0.5, ±1, ±3
    /// and 6 lie on it), at random points, and at the extremes ±100 and ±1000: the gradient against central differences
    /// (kinks recognised), f and f' finite everywhere, and the second derivative through <see cref="GradGradCheck(Func{Tensor{double}, Tensor{double}}, Tensor{double}, GradCheckOptions?)"/>.
    /// The report ends with a small text plot of f and f'.
    /// </summary>
    /// <param name="f">The activation, e.g. <c>x =&gt; x * Functional.Sigmoid(x * 1.5)</c>.</param>
    /// <param name="options">Where and how to check.</param>
    /// <param name="name">The name printed in the report.</param>
    public static ActivationCheckResult CheckActivation(Func<Tensor<double>, Tensor<double>> f, ActivationCheckOptions? options = null,
        string name = "activation") =>
        CheckActivationCore(f, options ?? ActivationCheckOptions.Default, name, secondOrderUnavailable: null);

    /// <summary>Checks a scalar custom activation; the second derivative is checked when it was given.</summary>
    public static ActivationCheckResult CheckActivation(ScalarActivation<double> activation, ActivationCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(activation);
        return CheckActivationCore(activation.Apply, options ?? ActivationCheckOptions.Default, activation.Name,
            activation.HasSecondDerivative ? null : "not available (no second derivative was given)");
    }

    /// <summary>Checks a custom activation made from double delegates.</summary>
    public static ActivationCheckResult CheckActivation(DelegateActivation activation, ActivationCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(activation);
        return CheckActivation(activation.For<double>(), options);
    }

    /// <summary>The points <see cref="CheckActivation(Func{Tensor{double}, Tensor{double}}, ActivationCheckOptions?, string)"/> uses, in order: grid, random, extremes.</summary>
    public static double[] ActivationPoints(ActivationCheckOptions? options = null)
    {
        var o = options ?? ActivationCheckOptions.Default;
        int half = (int)Math.Round(o.GridHalfWidth * o.GridPointsPerUnit);
        var points = new List<double>();
        // i / n rather than a running sum, so that the grid hits 0, 0.5, 3 and 6 exactly.
        for (int i = -half; i <= half; i++) points.Add(i / (double)o.GridPointsPerUnit);
        var gen = new Generator(o.Seed);
        for (int i = 0; i < o.RandomPoints; i++) points.Add(gen.NextUniform(-o.GridHalfWidth, o.GridHalfWidth));
        points.AddRange(o.Extremes);
        return points.ToArray();
    }

    private static ActivationCheckResult CheckActivationCore(Func<Tensor<double>, Tensor<double>> f, ActivationCheckOptions o,
        string name, string? secondOrderUnavailable)
    {
        ArgumentNullException.ThrowIfNull(f);
        var clock = Stopwatch.StartNew();
        var points = ActivationPoints(o);
        var x = Tensor.FromArray(points);

        var gradient = Check(f, x, o.Check with { ThrowOnFailure = false });
        var nonFinite = NonFinitePoints(f, points);

        GradCheckResult? second = null;
        string note = secondOrderUnavailable ?? "";
        if (secondOrderUnavailable is null && !o.CheckSecondOrder) note = "not checked (CheckSecondOrder is off)";
        else if (secondOrderUnavailable is null)
        {
            second = GradGradCheck(f, x, o.Check with { ThrowOnFailure = false });
            if (!second.Passed && second.HasHint(GradCheckHintKind.BackwardError) && second.Comparisons.Count == 0 &&
                second.Hints.Any(h => h.Message.Contains("not available", StringComparison.Ordinal)))
            {
                note = "not available: " + second.Hints[0].Message;
                second = null;
            }
        }
        string plot = "";
        try
        {
            if (o.Plot) plot = TextPlot(f, o.PlotHalfWidth);
        }
        catch (ArgumentException)
        {
            // A function that needs another shape (Glu halves an even dimension) is not plotted.
        }
        clock.Stop();
        var result = new ActivationCheckResult(name, points.Length, gradient, second, note, nonFinite, plot, clock.Elapsed);
        if (o.Check.ThrowOnFailure && !result.Passed) throw new GradCheckException(second is { Passed: false } ? second : gradient);
        return result;
    }

    private static List<string> NonFinitePoints(Func<Tensor<double>, Tensor<double>> f, double[] points)
    {
        var bad = new List<string>();
        using var tape = Tape.Begin();
        var x = Tensor.FromArray(points).RequireGrad();
        var y = f(x);
        var dy = y.RequiresGrad ? Autograd.Grad(y, [x], Tensor<double>.OnesLike(y))[0] : null;
        var ys = y.ReadOnlySpan;
        for (int i = 0; i < points.Length && i < ys.Length; i++)
        {
            double g = dy is null ? 0 : dy.ReadOnlySpan[i];
            if (!double.IsFinite(ys[i]) || !double.IsFinite(g))
                bad.Add($"x = {GradCheckReport.Number(points[i])}: f = {GradCheckReport.Number(ys[i])}, f' = {GradCheckReport.Number(g)}");
        }
        return bad;
    }

    /// <summary>A text plot of f (*) and f' (o) over [-halfWidth, halfWidth]; '+' where they share a cell.</summary>
    internal static string TextPlot(Func<Tensor<double>, Tensor<double>> f, double halfWidth, int width = 61, int height = 15)
    {
        using var tape = Tape.Begin();
        var xs = Enumerable.Range(0, width).Select(i => -halfWidth + 2 * halfWidth * i / (width - 1)).ToArray();
        var x = Tensor.FromArray(xs).RequireGrad();
        var y = f(x);
        if (y.Length != width) return "";
        var dy = y.RequiresGrad ? Autograd.Grad(y, [x], Tensor<double>.OnesLike(y))[0] : null;
        var fv = y.ToArray();
        var dv = dy?.ToArray() ?? new double[width];
        var all = fv.Concat(dv).Where(double.IsFinite).ToArray();
        if (all.Length == 0) return "";
        double lo = Math.Min(0, all.Min()), hi = Math.Max(0, all.Max());
        if (hi - lo < 1e-12) hi = lo + 1;
        var grid = new char[height, width];
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++) grid[r, c] = ' ';
        int Row(double v) => height - 1 - (int)Math.Round((v - lo) / (hi - lo) * (height - 1));
        int zeroRow = Row(0), zeroCol = width / 2;
        for (int c = 0; c < width; c++) grid[zeroRow, c] = '-';
        for (int r = 0; r < height; r++) grid[r, zeroCol] = grid[r, zeroCol] == '-' ? '+' : '|';
        for (int c = 0; c < width; c++)
        {
            if (double.IsFinite(dv[c])) grid[Row(dv[c]), c] = 'o';
            if (double.IsFinite(fv[c]))
            {
                int r = Row(fv[c]);
                grid[r, c] = grid[r, c] == 'o' ? '@' : '*';
            }
        }
        var sb = new StringBuilder();
        sb.AppendLine($"plot on [{GradCheckReport.Number(-halfWidth)}, {GradCheckReport.Number(halfWidth)}]: * f(x)   o f'(x)   @ both   (y from {GradCheckReport.Number(lo)} to {GradCheckReport.Number(hi)})");
        string top = GradCheckReport.Number(hi), bottom = GradCheckReport.Number(lo);
        int labelWidth = Math.Max(top.Length, bottom.Length);
        for (int r = 0; r < height; r++)
        {
            string label = r == 0 ? top : r == height - 1 ? bottom : "";
            sb.Append(label.PadLeft(labelWidth)).Append(' ');
            for (int c = 0; c < width; c++) sb.Append(grid[r, c]);
            sb.AppendLine();
        }
        return sb.ToString();
    }
}
