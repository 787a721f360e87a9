namespace MiniGrad.Plotting;

/// <summary>
/// Axis ticks at "nice" numbers (1, 2 or 5 times a power of ten), covering a data range: Heckbert's algorithm
/// (Graphics Gems, 1990).
/// </summary>
/// <param name="Min">The axis start: a multiple of <paramref name="Step"/> at or below the data minimum.</param>
/// <param name="Max">The axis end: a multiple of <paramref name="Step"/> at or above the data maximum.</param>
/// <param name="Step">The distance between ticks.</param>
/// <param name="Ticks">The tick values from <paramref name="Min"/> to <paramref name="Max"/>.</param>
internal sealed record NiceTicks(double Min, double Max, double Step, IReadOnlyList<double> Ticks)
{
    /// <summary>Ticks for data in [<paramref name="min"/>, <paramref name="max"/>], about <paramref name="targetCount"/> of them.</summary>
    /// <exception cref="ArgumentException">A bound is NaN or infinite, <paramref name="min"/> &gt; <paramref name="max"/>, or fewer than 2 ticks are asked for.</exception>
    public static NiceTicks For(double min, double max, int targetCount = 6)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
            throw new ArgumentException($"NiceTicks: the range [{min}, {max}] must be finite with min <= max.");
        if (targetCount < 2)
            throw new ArgumentOutOfRangeException(nameof(targetCount), targetCount, "NiceTicks: ask for at least 2 ticks.");
        if (min == max)
        {
            // A flat series still needs an axis: widen by 10% of its magnitude (or by 1 around zero).
            double pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }
        double range = NiceNumber(max - min, round: false);
        double step = NiceNumber(range / (targetCount - 1), round: true);
        double lo = Math.Floor(min / step) * step;
        double hi = Math.Ceiling(max / step) * step;
        int n = (int)Math.Round((hi - lo) / step) + 1;
        var ticks = new double[n];
        for (int i = 0; i < n; i++)
        {
            double v = lo + i * step;                       // i * step, not repeated addition: no drift
            ticks[i] = Math.Abs(v) < step * 1e-9 ? 0 : v;  // -1.1e-17 would print as a tick label otherwise
        }
        return new NiceTicks(lo, hi, step, ticks);
    }

    /// <summary>The nice number (1, 2, 5 or 10 times a power of ten) nearest to <paramref name="x"/>, or the smallest at or above it.</summary>
    public static double NiceNumber(double x, bool round)
    {
        if (!(x > 0) || !double.IsFinite(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "NiceNumber: needs a positive finite number.");
        double exponent = Math.Floor(Math.Log10(x));
        double power = Math.Pow(10, exponent);
        double f = x / power;
        double nice = round
            ? f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10
            : f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * power;
    }

    /// <summary>A tick value printed with as many decimals as the step needs (step 0.5 → "1.5", step 2 → "4", step 0.05 → "0.15").</summary>
    public string Format(double value)
    {
        double mag = Math.Max(Math.Abs(Min), Math.Abs(Max));
        if (mag >= 1e6 || (mag > 0 && mag < 1e-4))
            return value.ToString("0.###e0", System.Globalization.CultureInfo.InvariantCulture);
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(Step) + 1e-9));
        return value.ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture);
    }
}
