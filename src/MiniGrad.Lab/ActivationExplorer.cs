using System.Globalization;
using MiniGrad.Nn;
using MiniGrad.Study;

namespace MiniGrad.Lab;

/// <summary>An activation sampled on a grid: its values and first derivatives, from MiniGrad's own forward and backward pass.</summary>
/// <param name="Name">The activation's name (see <see cref="ActivationCatalog.ElementwiseNames"/>).</param>
/// <param name="Module">The module evaluated, as it prints itself (its parameters: PyTorch's defaults).</param>
/// <param name="X">The evenly spaced points.</param>
/// <param name="Y">f(x) at each point.</param>
/// <param name="Dy">f'(x) at each point: the gradient of sum(f(x)) with respect to x.</param>
/// <param name="Kinks">The kinks found in the range searched (see <see cref="ActivationExplorer.Kinks"/>).</param>
public sealed record ActivationCurveView(string Name, string Module, double[] X, double[] Y, double[] Dy, IReadOnlyList<ActivationKink> Kinks);

/// <summary>An activation at one point: its value and its first and second derivatives, from MiniGrad's autograd.</summary>
/// <param name="Name">The activation's name.</param>
/// <param name="X">The point.</param>
/// <param name="Y">f(x).</param>
/// <param name="Dy">f'(x).</param>
/// <param name="D2y">f''(x) (the gradient of the gradient, <c>createGraph: true</c>).</param>
public sealed record ActivationPoint(string Name, double X, double Y, double Dy, double D2y);

/// <summary>
/// A point where an activation is not smooth, with what MiniGrad computes there: at a kink the derivative is a
/// convention (MiniGrad takes PyTorch's), so the value autograd gives at the point itself is reported next to the
/// one-sided limits.
/// </summary>
/// <param name="X">The kink.</param>
/// <param name="Order">What jumps there: 0 the value itself, 1 the first derivative, 2 only the second derivative.</param>
/// <param name="Y">f at the kink.</param>
/// <param name="Dy">f' at the kink, as MiniGrad's backward gives it.</param>
/// <param name="D2y">f'' at the kink, as MiniGrad's double backward gives it.</param>
/// <param name="Left">f, f' and f'' just left of the kink (x - 1e-6).</param>
/// <param name="Right">f, f' and f'' just right of the kink (x + 1e-6).</param>
/// <param name="Convention">One sentence: which side's value MiniGrad (and PyTorch) take at the kink.</param>
public sealed record ActivationKink(double X, int Order, double Y, double Dy, double D2y, double[] Left, double[] Right, string Convention);

/// <summary>
/// The activation explorer's numbers: every elementwise activation of <see cref="ActivationCatalog"/>, its curve,
/// its derivative and its kinks, all evaluated by MiniGrad's modules and autograd in double precision.
/// </summary>
public static class ActivationExplorer
{
    /// <summary>The largest magnitude of x the explorer evaluates.</summary>
    public const double MaxAbsX = 100;

    /// <summary>The most points one curve may have.</summary>
    public const int MaxPoints = 2001;

    /// <summary>The kinks are looked for on this grid (multiples of 1/64), where every default kink of MiniGrad's activations lies.</summary>
    public const double KinkGrid = 1.0 / 64;

    /// <summary>The kinks are always looked for over at least [-KinkRange, KinkRange] (ReLU6's kink at 6 included).</summary>
    public const double KinkRange = 8;

    // One-sided limits are taken this far from the point: far below the grid's step, far above double's rounding.
    private const double Side = 1e-6;

    /// <summary>The names the explorer offers: the elementwise activations.</summary>
    public static IReadOnlyList<string> Names => ActivationCatalog.ElementwiseNames;

    /// <summary>What is wrong with a curve request, as one sentence; null when nothing is.</summary>
    public static string? Problem(string name, double from, double to, int points)
    {
        if (!ActivationCatalog.IsElementwise(name ?? ""))
            return $"activation must be one of {string.Join(", ", Names)}, got '{name}'.";
        if (!double.IsFinite(from) || !double.IsFinite(to) || Math.Abs(from) > MaxAbsX || Math.Abs(to) > MaxAbsX || !(from < to))
            return $"from and to must be finite numbers from -{MaxAbsX} to {MaxAbsX} with from below to, got from {V(from)} and to {V(to)}.";
        if (points < 2 || points > MaxPoints) return $"points must be between 2 and {MaxPoints}, got {points}.";
        return null;
    }

    /// <summary>What is wrong with a point request, as one sentence; null when nothing is.</summary>
    public static string? Problem(string name, double x)
    {
        if (!ActivationCatalog.IsElementwise(name ?? ""))
            return $"activation must be one of {string.Join(", ", Names)}, got '{name}'.";
        if (!double.IsFinite(x) || Math.Abs(x) > MaxAbsX) return $"x must be a finite number from -{MaxAbsX} to {MaxAbsX}, got {V(x)}.";
        return null;
    }

    /// <summary>
    /// <paramref name="name"/> and its derivative at <paramref name="points"/> evenly spaced x in
    /// [<paramref name="from"/>, <paramref name="to"/>], with its kinks in that range or in [-8, 8].
    /// </summary>
    /// <exception cref="ArgumentException">The request is invalid (see <see cref="Problem(string, double, double, int)"/>).</exception>
    public static ActivationCurveView Curve(string name, double from = -4, double to = 4, int points = 161)
    {
        if (Problem(name, from, to, points) is { } problem) throw new ArgumentException(problem, nameof(name));
        var module = Build(name);
        var curve = ActivationCurve.Sample(module.Forward, from, to, points);
        return new ActivationCurveView(ActivationCatalog.Normalize(name), module.ToString()!, curve.X, curve.Y, curve.DyDx,
            Kinks(name, Math.Min(from, -KinkRange), Math.Max(to, KinkRange)));
    }

    /// <summary><paramref name="name"/> at <paramref name="x"/>: value, first and second derivative.</summary>
    /// <exception cref="ArgumentException">The request is invalid (see <see cref="Problem(string, double)"/>).</exception>
    public static ActivationPoint At(string name, double x)
    {
        if (Problem(name, x) is { } problem) throw new ArgumentException(problem, nameof(name));
        var (y, dy, d2y) = Evaluate(Build(name), [x]);
        return new ActivationPoint(ActivationCatalog.Normalize(name), x, y[0], dy[0], d2y[0]);
    }

    /// <summary>
    /// The kinks of <paramref name="name"/> in [<paramref name="from"/>, <paramref name="to"/>]: the grid points
    /// (multiples of <see cref="KinkGrid"/>) where f, f' or f'' differs between just left and just right of the point,
    /// as MiniGrad evaluates them. A kink off the grid is not found.
    /// </summary>
    public static IReadOnlyList<ActivationKink> Kinks(string name, double from, double to)
    {
        var module = Build(name);
        var grid = new List<double>();
        for (double k = Math.Ceiling(from / KinkGrid); k * KinkGrid <= to; k++) grid.Add(k * KinkGrid);
        // One batched evaluation: every grid point, and just left and just right of it.
        var xs = grid.SelectMany(c => new[] { c - Side, c, c + Side }).ToArray();
        var (y, dy, d2y) = Evaluate(module, xs);
        var kinks = new List<ActivationKink>();
        for (int i = 0; i < grid.Count; i++)
        {
            int l = 3 * i, c = l + 1, r = l + 2;
            // The tolerances sit far above what curvature gives across 2e-6 and far below any real jump.
            int order = Math.Abs(y[r] - y[l]) > 1e-4 ? 0
                : Math.Abs(dy[r] - dy[l]) > 1e-4 ? 1
                : Math.Abs(d2y[r] - d2y[l]) > 1e-3 ? 2 : -1;
            if (order < 0) continue;
            double[] left = [y[l], dy[l], d2y[l]], right = [y[r], dy[r], d2y[r]], at = [y[c], dy[c], d2y[c]];
            kinks.Add(new ActivationKink(grid[i], order, y[c], dy[c], d2y[c], left, right, Convention(grid[i], order, at, left, right)));
        }
        return kinks;
    }

    private static string Convention(double x, int order, double[] at, double[] left, double[] right)
    {
        string[] what = ["f", "f'", "f''"];
        string side = Near(at[order], left[order]) && !Near(at[order], right[order]) ? "the left side's"
            : Near(at[order], right[order]) && !Near(at[order], left[order]) ? "the right side's"
            : "neither side's";
        return $"{what[order]}({V(x)}) = {V(at[order])}: {side} value ({V(left[order])} left, {V(right[order])} right).";
    }

    // Within the change the 1e-6 step itself makes on a smooth side.
    private static bool Near(double a, double b) => Math.Abs(a - b) <= 1e-4 * Math.Max(1, Math.Abs(b));

    private static Module<double> Build(string name)
    {
        // Evaluation mode: RReLU then uses its mean slope instead of random ones, so the curve is a function.
        var module = ActivationCatalog.Create<double>(name, new Generator(0))!;
        module.Eval();
        return module;
    }

    // f, f' and f'' at xs, elementwise: the gradient of sum(f(x)) is f'(x) at every point, and the gradient of
    // sum(f'(x)) is f''(x). (A curve needs no f'': it is ActivationCurve.Sample's.)
    private static (double[] Y, double[] Dy, double[] D2y) Evaluate(Module<double> module, double[] xs)
    {
        using var tape = Tape.Begin();
        var x = Tensor<double>.FromArray(xs, 1, xs.Length).RequireGrad();
        var y = module.Forward(x);
        var dy = Autograd.Grad(y.Sum(), [x], createGraph: true)[0];
        var d2y = new double[xs.Length];
        if (dy is { RequiresGrad: true })
            Autograd.Grad(dy.Sum(), [x])[0]?.ToArray().CopyTo(d2y, 0);
        return (y.ToArray(), dy?.ToArray() ?? new double[xs.Length], d2y);
    }

    private static string V(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
