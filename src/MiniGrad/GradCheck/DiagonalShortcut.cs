using System.Numerics;

namespace MiniGrad;

/// <summary>
/// The full check of an elementwise function without 2n forward and n backward passes.
/// </summary>
/// <remarks>
/// When the recorded graph from the one output to the checked inputs consists only of elementwise ops (see
/// <see cref="ElementwiseGraph"/>), each Jacobian should be diagonal. Then every column is differenced at once, with a
/// random step for each element (so that an off-diagonal dependency the tape does not know about — a Detach(), a
/// NoGrad scope, arithmetic on spans — mixes into the estimates with random weights), and every row comes from one
/// backward pass with a random upstream gradient (so that an off-diagonal entry in backward mixes in the same way).
/// Each diagonal entry is compared at HALF the tolerance, and any element that fails, or whose one-sided slopes
/// disagree (a kink), is recomputed on its own: one column by central differences and one row by backward, both of
/// which must be exactly zero off the diagonal (a perturbed element must leave every other output bit-identical),
/// else the whole check falls back to the element-by-element path. A single hidden dependency larger than the
/// tolerance thus always sends its element down the exact path (random weights in [0.5, 1] keep at least half of
/// it); only several hidden dependencies of one row cancelling each other to within half the tolerance could slip
/// through, which for random weights has probability near zero.
/// </remarks>
internal sealed class DiagonalShortcut<TA, TN>(Func<Tensor<TN>[], Tensor<TN>[]> fn, InputLeaves<TA> inputs, CheckSettings s)
    where TA : unmanaged, IBinaryFloatingPointIeee754<TA>
    where TN : unmanaged, IBinaryFloatingPointIeee754<TN>
{
    /// <summary>The full check's result by the shortcut, or null when it does not apply and the element-by-element path must run.</summary>
    public GradCheckResult? TryRun(AnalyticJacobian<TA> analytic, List<SubCheck> checks, List<GradCheckHint> hints, List<string> notes)
    {
        if (analytic.Outputs.Length != 1) return null;
        var output = analytic.Outputs[0];
        int n = output.Length;
        if (n < 8 || !ElementwiseGraph.IsElementwise(output, analytic.Wrt)) return null;

        var gen = new Generator(s.Options.Seed ^ 0xD1A6);
        if (WeightedDiagonals(analytic, gen) is not { } diagonals) return null;

        var numerical = new NumericalFunction<TN>(fn, inputs.Numerical<TN>(s.NumericalNeedsGrad), s.NumericalNeedsGrad);
        var f0 = numerical.Evaluate();
        if (f0.Length != 1 || f0[0].Length != n) return null;
        var columns = new CentralDifferences<TN>(numerical);
        var kinkRule = new KinkDetector(s, columns);

        var kinks = new List<KinkPoint>();
        var comparisons = new List<JacobianComparison>();
        var pairHints = new List<GradCheckHint>(); // kept apart until the shortcut is sure to stand
        var exact = new HashSet<int>[inputs.Checked.Length];
        int exactTotal = 0;
        var oneHot = Tensor<TA>.Zeros(output.Shape);
        for (int c = 0; c < inputs.Checked.Length; c++)
        {
            int k = inputs.Checked[c];
            var entries = PerturbedAtOnce(numerical, k, f0[0], diagonals[c], gen);
            var redo = new List<int>();
            for (int j = 0; j < n; j++)
            {
                var (_, a, d) = entries[j];
                bool strict = Math.Abs(a - d.Central) <= 0.5 * s.Tolerance(Math.Abs(d.Central));
                if (!strict || s.SuspectsKink(d.Right, d.Left) || !double.IsFinite(a) || !double.IsFinite(d.Central)) redo.Add(j);
            }
            // Too many to redo one by one: the element-by-element path is as fast and reports everything.
            if (redo.Count > n / 4 + 8) return null;

            exact[c] = new HashSet<int>(redo);
            exactTotal += redo.Count;
            var acc = new PairAccumulator(0, k, output.Shape, inputs.Originals[k].Shape, s);
            foreach (int j in redo)
                if (!Recompute(analytic, columns, kinkRule, c, j, entries[j].X, f0[0], oneHot, acc, kinks)) return null;
            for (int j = 0; j < n; j++)
            {
                if (exact[c].Contains(j)) continue;
                var (x, a, d) = entries[j];
                if (a == 0 && d.Central == 0) acc.CountTrivial();
                else acc.Add(j, j, x, a, d, KinkVerdict.Smooth(d), kinks);
            }
            acc.CountTrivial((long)n * n - n); // off the diagonal: zero on both sides (checked as described above)
            comparisons.Add(acc.ToComparison());
            pairHints.AddRange(acc.Hints());
        }

        hints.AddRange(pairHints);
        // The same extra checks as the general path, with the diagonals standing for the Jacobians' rows.
        BackwardExtraChecks.Run(analytic, null, s, checks, hints);
        BackwardExtraChecks.LinearAgainstDiagonal(analytic, diagonals, exact, s, checks);
        checks.Insert(0, CheckOutcome.GradientShapesAgree());
        notes.Add($"elementwise graph: each diagonal Jacobian was estimated with all {n} columns perturbed at once (random steps) and all rows " +
                  $"in one backward pass (random weights), compared at half the tolerance; {exactTotal} element(s) recomputed one by one");
        return CheckOutcome.Result(s, s.Options.FastMode ? CheckOutcome.FastThenFullMode : CheckOutcome.DiagonalMode,
            comparisons, kinks, checks, hints, notes);
    }

    /// <summary>
    /// Every checked input's diagonal from one backward pass with random weights in [0.5, 1], divided by the weights
    /// actually used; null when backward fails (the element-by-element path reports it with its context).
    /// </summary>
    private static double[][]? WeightedDiagonals(AnalyticJacobian<TA> analytic, Generator gen)
    {
        var output = analytic.Outputs[0];
        int n = output.Length;
        var weights = new double[n];
        var seed = Tensor<TA>.Zeros(output.Shape);
        for (int j = 0; j < n; j++)
        {
            seed.Span[j] = TA.CreateChecked(0.5 + 0.5 * gen.NextDouble());
            weights[j] = double.CreateChecked(seed.Span[j]); // after rounding to TA
        }
        double[][] diagonals;
        try
        {
            diagonals = analytic.Vjp(output, seed);
        }
        catch (Exception e) when (CheckOutcome.IsBackwardError(e))
        {
            return null;
        }
        foreach (var d in diagonals)
            for (int j = 0; j < n; j++) d[j] /= weights[j];
        return diagonals;
    }

    /// <summary>
    /// All elements of input <paramref name="k"/> perturbed at once, each by its own random step: per element its
    /// value, its analytic diagonal entry and its slopes.
    /// </summary>
    private (double X, double A, Slopes D)[] PerturbedAtOnce(NumericalFunction<TN> numerical, int k, double[] f0, double[] diagonal,
        Generator gen)
    {
        int n = f0.Length;
        var leaf = numerical.Leaves[k];
        var x0 = leaf.Span.ToArray();
        var plus = new TN[n];
        var minus = new TN[n];
        var hp = new double[n];
        var hm = new double[n];
        for (int i = 0; i < n; i++)
        {
            double xd = double.CreateChecked(x0[i]);
            (plus[i], minus[i], hp[i], hm[i]) = CentralDifferences<TN>.Round(xd, s.Step(xd) * (0.5 + 0.5 * gen.NextDouble()));
        }
        plus.CopyTo(leaf.Span);
        var fp = numerical.Evaluate()[0];
        minus.CopyTo(leaf.Span);
        var fm = numerical.Evaluate()[0];
        x0.CopyTo(leaf.Span);

        var entries = new (double X, double A, Slopes D)[n];
        for (int j = 0; j < n; j++)
            entries[j] = (double.CreateChecked(x0[j]), diagonal[j], Slopes.Of(f0[j], fp[j], fm[j], hp[j], hm[j]));
        return entries;
    }

    /// <summary>
    /// The exact path for element <paramref name="j"/> of the <paramref name="c"/>-th checked input: its own column
    /// and its own row, added to <paramref name="acc"/>; false when either is not zero off the diagonal, or backward fails.
    /// </summary>
    private bool Recompute(AnalyticJacobian<TA> analytic, CentralDifferences<TN> columns, KinkDetector kinkRule, int c, int j,
        double x, double[] f0, Tensor<TA> oneHot, PairAccumulator acc, List<KinkPoint> kinks)
    {
        int k = inputs.Checked[c], n = f0.Length;
        var column = columns.Column(k, j, x, s.Step(x));
        for (int i = 0; i < n; i++)
            if (i != j && (column.Plus[0][i] != f0[i] || column.Minus[0][i] != f0[i])) return false;
        oneHot.Span[j] = TA.One;
        double[] row;
        try
        {
            row = analytic.Vjp(analytic.Outputs[0], oneHot)[c];
        }
        catch (Exception e) when (CheckOutcome.IsBackwardError(e))
        {
            return false;
        }
        finally
        {
            oneHot.Span[j] = TA.Zero;
        }
        for (int i = 0; i < n; i++)
            if (i != j && row[i] != 0) return false;

        var slopes = column.At(0, j, f0[j]);
        Differences? quarter = null;
        var verdict = kinkRule.Judge(k, j, x, s.Step(x), 0, j, f0[j], slopes, ref quarter);
        acc.Add(j, j, x, row[j], slopes, verdict, kinks);
        return true;
    }
}
