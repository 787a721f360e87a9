using static MiniGrad.GradCheckReport;

namespace MiniGrad;

/// <summary>
/// Collects the comparison of one (output, input) Jacobian as its entries stream past: counts, the worst entries,
/// the failing ones (for the hints) and the input values of the entries that matter (for the range hint).
/// </summary>
internal sealed class PairAccumulator(int output, int input, TensorShape outShape, TensorShape inShape, CheckSettings s)
{
    // Entries kept for the hints; beyond this many the range hint is skipped (the ratios still use the first ones).
    private const int MaxKept = 200_000;

    private readonly List<ElementComparison> worst = [];
    private readonly List<ElementComparison> failures = [];
    private readonly List<(double X, int Element, bool Failed)> significant = [];
    private long compared, mismatches;
    private double maxAbs, maxRel;
    private bool significantOverflow;

    public void CountTrivial() => compared++;

    public void CountTrivial(long count) => compared += count;

    /// <summary>
    /// Adds entry d out[j] / d in[i] at input value <paramref name="x"/>: analytic value <paramref name="a"/> against
    /// the central difference the kink rule settled on, or against the slopes' range at a kink.
    /// </summary>
    public void Add(int j, int i, double x, double a, Slopes slopes, KinkVerdict kink, List<KinkPoint> kinks)
    {
        compared++;
        double n = kink.Central;
        bool atKink = kink.AtKink;
        double err = Math.Abs(a - n);
        double tol = s.Tolerance(Math.Abs(n));
        bool ok = err <= tol;
        if (!double.IsFinite(n)) ok = true; // the function itself is not finite here: nothing to compare against
        if (atKink)
        {
            double kinkTol = s.Tolerance(Math.Max(Math.Abs(kink.Lo), Math.Abs(kink.Hi)));
            bool between = a >= kink.Lo - kinkTol && a <= kink.Hi + kinkTol;
            kinks.Add(new KinkPoint(output, input, j, i, x, slopes.Left, slopes.Right, a, between, kink.Jump));
            ok = between;
        }
        double rel = RelativeError(err, n);
        if (!atKink || !ok)
        {
            if (err > maxAbs || double.IsNaN(err)) maxAbs = double.IsNaN(err) ? double.PositiveInfinity : err;
            // Relative errors of numerical values below the absolute tolerance are noise over noise: not reported as the maximum.
            if (Math.Abs(n) > s.Atol && rel > maxRel) maxRel = rel;
        }
        ElementComparison Make() => new(j, i, Index(outShape, j), Index(inShape, i), x, a, n, err, rel, ok, atKink);
        ElementComparison? e = null;
        if (!ok)
        {
            mismatches++;
            if (failures.Count < MaxKept) failures.Add(e = Make());
        }
        double score = double.IsNaN(err) ? double.PositiveInfinity : err / Math.Max(tol, double.Epsilon);
        // Kinks that were accepted are listed with the kinks, not among the largest errors.
        if (!(atKink && ok)) Keep(() => e ?? Make(), ok, score);

        // The entries that matter for the range hint: a gradient clearly above the absolute tolerance on either side.
        if (Math.Abs(a) > 10 * s.Atol || Math.Abs(n) > 10 * s.Atol || !ok)
        {
            if (significant.Count < MaxKept) significant.Add((x, i, !ok));
            else significantOverflow = true;
        }
    }

    private readonly List<double> worstScores = [];

    private void Keep(Func<ElementComparison> make, bool ok, double score)
    {
        int k = s.Options.WorstCount;
        if (k == 0) return;
        // Failures rank above passes; among each, the larger error relative to its tolerance first.
        double key = ok ? score : score + 1e300;
        if (worst.Count == k && key <= worstScores[^1]) return;
        int at = worstScores.FindIndex(v => key > v);
        if (at < 0) at = worst.Count;
        worst.Insert(at, make());
        worstScores.Insert(at, key);
        if (worst.Count > k)
        {
            worst.RemoveAt(k);
            worstScores.RemoveAt(k);
        }
    }

    /// <summary>|analytic - numerical| / |numerical|: infinite where only the numerical side is zero.</summary>
    public static double RelativeError(double err, double numerical) =>
        numerical == 0 ? (err == 0 ? 0 : double.PositiveInfinity) : err / Math.Abs(numerical);

    public JacobianComparison ToComparison() =>
        new(output, input, outShape, inShape, compared, mismatches, maxAbs, maxRel, worst.ToList());

    /// <summary>Diagnoses for this pair's failures.</summary>
    public IEnumerable<GradCheckHint> Hints()
    {
        if (failures.Count == 0) yield break;
        string where = $"output {output} w.r.t. input {input}";

        var nonFinite = failures.Where(f => !double.IsFinite(f.Analytic)).ToList();
        if (nonFinite.Count > 0)
            yield return new GradCheckHint(GradCheckHintKind.NotFinite,
                $"{where}: the analytic gradient is {Number(nonFinite[0].Analytic)} at x = {Number(nonFinite[0].X)} (and {nonFinite.Count - 1} more) " +
                $"where the numerical one is {Number(nonFinite[0].Numerical)}: backward overflows or divides by zero; rewrite it in a stable form " +
                "(reuse the saved output, or branch on the sign of x).", output, input);

        var atKinks = failures.Where(f => f.AtKink && double.IsFinite(f.Analytic)).ToList();
        if (atKinks.Count > 0)
        {
            var f = atKinks[0];
            yield return new GradCheckHint(GradCheckHintKind.HalfAtKink,
                $"{where}: at x = {Number(f.X)} the function has a kink and the analytic value {Number(f.Analytic)} lies outside the one-sided slopes; " +
                $"the central difference {Number(f.Numerical)} is their average (numerical ≈ half of a one-sided slope). " +
                "Return one of the one-sided slopes there (PyTorch's convention), or a value between them.", output, input);
        }

        var smooth = failures.Where(f => !f.AtKink && double.IsFinite(f.Analytic) && double.IsFinite(f.Numerical)).ToList();
        if (!s.Options.DetectKinks)
        {
            // Without kink detection, a failure with the central difference halfway between 0 and the analytic value is the classic kink symptom.
            var half = smooth.Where(f => f.Analytic != 0 && Math.Abs(f.Numerical - f.Analytic / 2) <= 0.05 * Math.Abs(f.Analytic)).ToList();
            if (half.Count > 0)
            {
                smooth = smooth.Except(half).ToList();
                yield return new GradCheckHint(GradCheckHintKind.HalfAtKink,
                    $"{where}: at x = {Number(half[0].X)} numerical {Number(half[0].Numerical)} is half of analytic {Number(half[0].Analytic)}: " +
                    "x is probably at a kink, where the central difference averages the two slopes. Turn DetectKinks on to have such points recognised.",
                    output, input);
            }
        }
        if (smooth.Count > 0)
        {
            const double tiny = 1e-300;
            if (smooth.All(f => Math.Abs(f.Analytic) <= tiny))
            {
                yield return new GradCheckHint(GradCheckHintKind.MissingBackward,
                    $"{where}: the analytic gradient is zero on all {smooth.Count} mismatches while the numerical one is not " +
                    $"(e.g. {Number(smooth[0].Numerical)} at x = {Number(smooth[0].X)}): backward is missing, returns zeros, or the output is not connected to this input " +
                    "(a Detach(), a NoGrad scope, or an op that writes spans without recording).", output, input);
            }
            else if (smooth.All(f => f.Numerical != 0))
            {
                var ratios = smooth.Select(f => f.Analytic / f.Numerical).Order().ToArray();
                double q = ratios[ratios.Length / 2];
                bool constant = ratios.All(r => Math.Abs(r - q) <= 0.03 * Math.Abs(q) + 1e-12);
                if (constant && Math.Abs(q - 2) <= 0.05)
                    yield return new GradCheckHint(GradCheckHintKind.AccumulatedTwice,
                        $"{where}: analytic ≈ 2 × numerical on every mismatch (ratio {Number(q)}): the gradient is accumulated twice " +
                        "(backward adds its contribution twice, the same input is returned in two slots, or a hook adds g again).", output, input);
                else if (constant && Math.Abs(q + 1) <= 0.05)
                    yield return new GradCheckHint(GradCheckHintKind.OppositeSign,
                        $"{where}: analytic ≈ −numerical on every mismatch (ratio {Number(q)}): a sign is wrong in backward " +
                        "(e.g. g * f'(x) written as -g * f'(x), or d/dx of exp(-x) missing its minus).", output, input);
                else if (constant && Math.Abs(q - 1) > 0.05)
                    yield return new GradCheckHint(GradCheckHintKind.ConstantFactor,
                        $"{where}: analytic = {Number(q)} × numerical on every mismatch: a constant factor is missing or extra in backward " +
                        $"(the numerical gradient is {Number(1 / q)} × the analytic one; e.g. the inner derivative of f(k x) forgotten).", output, input);
            }
        }

        // Mismatches confined to one run of input values, with correct gradients on the other side.
        // Only for elementwise-looking Jacobians (one significant entry per input element), where x is the input value that matters.
        if (!significantOverflow && significant.Count > 2 && significant.Select(e => e.Element).Distinct().Count() == significant.Count)
        {
            var sorted = significant.OrderBy(e => e.X).ToArray();
            int first = Array.FindIndex(sorted, e => e.Failed), last = Array.FindLastIndex(sorted, e => e.Failed);
            bool contiguous = first >= 0 && sorted.Skip(first).Take(last - first + 1).All(e => e.Failed);
            int passedOutside = first + (sorted.Length - 1 - last);
            if (contiguous && passedOutside >= 2)
            {
                string range = last == sorted.Length - 1
                    ? $"x ≥ {Number(sorted[first].X)} (the largest correct x below is {Number(sorted[first - 1].X)})"
                    : first == 0
                        ? $"x ≤ {Number(sorted[last].X)} (the smallest correct x above is {Number(sorted[last + 1].X)})"
                        : $"{Number(sorted[first].X)} ≤ x ≤ {Number(sorted[last].X)}";
                yield return new GradCheckHint(GradCheckHintKind.WrongInRange,
                    $"{where}: the mismatches are confined to {range}: {last - first + 1} of {sorted.Length} significant entries; " +
                    "elsewhere the gradient is right. Check the branch of the derivative that covers this range.", output, input);
            }
        }
    }

    /// <summary>A flat index as a full index: [1, 2].</summary>
    internal static string Index(TensorShape shape, int flat)
    {
        var dims = shape.Dims;
        if (dims.Length == 0) return "[]";
        Span<int> idx = stackalloc int[dims.Length];
        for (int d = dims.Length - 1; d >= 0; d--)
        {
            idx[d] = flat % dims[d];
            flat /= dims[d];
        }
        return "[" + string.Join(", ", idx.ToArray()) + "]";
    }
}
