using System.Numerics;
using MiniGrad.Activations;
using MiniGrad.Ops;

namespace MiniGrad;

// The full check of an elementwise function without 2n forward and n backward passes.
//
// When the recorded graph from the one output to the one checked input consists only of elementwise ops (no
// broadcasting along the path), the Jacobian should be diagonal. Then every column is differenced at once, with a
// random step for each element (so that an off-diagonal dependency the tape does not know about — a Detach(), a
// NoGrad scope, arithmetic on spans — mixes into the estimates with random weights), and every row comes from one
// backward pass with a random upstream gradient (so that an off-diagonal entry in backward mixes in the same way).
// Each diagonal entry is compared at HALF the tolerance, and any element that fails, or whose one-sided slopes
// disagree (a kink), is recomputed on its own: one column by central differences and one row by backward, both of
// which must be exactly zero off the diagonal (a perturbed element must leave every other output bit-identical),
// else the whole check falls back to the element-by-element path. A single hidden dependency larger than the
// tolerance thus always sends its element down the exact path (random weights in [0.5, 1] keep at least half of
// it); only several hidden dependencies of one row cancelling each other to within half the tolerance could slip
// through, which for random weights has probability near zero.
internal static partial class GradChecker<TA, TN>
    where TA : unmanaged, IBinaryFloatingPointIeee754<TA>
    where TN : unmanaged, IBinaryFloatingPointIeee754<TN>
{
    /// <summary>
    /// True when every op between <paramref name="output"/> and the leaves is elementwise along the path, and every
    /// leaf reached that requires grad is one of <paramref name="leaves"/>, all of the output's shape.
    /// </summary>
    internal static bool IsElementwiseGraph(Tensor<TA> output, params Tensor<TA>[] leaves)
    {
        if (output.GradFn is null || leaves.Any(l => l.Shape != output.Shape)) return false;
        var seen = new HashSet<Function<TA>>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Function<TA>>();
        stack.Push(output.GradFn);
        while (stack.Count > 0)
        {
            var fn = stack.Pop();
            if (!seen.Add(fn)) continue;
            if (!IsElementwiseOp(fn)) return false;
            foreach (var input in fn.Inputs)
            {
                if (!input.RequiresGrad) continue; // a constant operand (a scalar, a mask) does not couple elements
                if (input.Shape != fn.Output.Shape) return false; // broadcasting along the path couples elements
                if (input.GradFn is { } next) stack.Push(next);
                else if (!leaves.Any(l => ReferenceEquals(input, l))) return false;
            }
        }
        return true;
    }

    private static bool IsElementwiseOp(Function<TA> fn)
    {
        var type = fn.GetType();
        if (fn is ElementwiseActivationFunction<TA> or ActivationBackwardFunction<TA> or AccumulateFunction<TA>) return true;
        if (!type.IsGenericType) return false;
        var def = type.GetGenericTypeDefinition();
        return def == typeof(AddFunction<>) || def == typeof(SubFunction<>) || def == typeof(MulFunction<>) ||
               def == typeof(DivFunction<>) || def == typeof(NegFunction<>) || def == typeof(ExpFunction<>) ||
               def == typeof(LogFunction<>) || def == typeof(PowFunction<>) || def == typeof(SqrtFunction<>) ||
               def == typeof(AbsFunction<>) || def == typeof(ClampFunction<>) || def == typeof(WhereFunction<>) ||
               def == typeof(CustomActivationFunction<,>) || def == typeof(CustomDerivativeFunction<,>);
    }

    private sealed partial class Context
    {
        private GradCheckResult? DiagonalCheck(Tensor<TA>[] outs, Tensor<TA>[] leaves, List<SubCheck> checks,
            List<GradCheckHint> hints, List<string> notes)
        {
            if (outs.Length != 1) return null;
            var output = outs[0];
            int n = output.Length;
            var wrt = checkedInputs.Select(k => leaves[k]).ToArray();
            if (n < 8 || !IsElementwiseGraph(output, wrt)) return null;

            var gen = new Generator(s.Options.Seed ^ 0xD1A6);
            // Rows: one backward pass with random weights in [0.5, 1] gives every input's diagonal at once.
            var weights = new double[n];
            var seed = Tensor<TA>.Zeros(output.Shape);
            for (int j = 0; j < n; j++)
            {
                seed.Span[j] = TA.CreateChecked(0.5 + 0.5 * gen.NextDouble());
                weights[j] = double.CreateChecked(seed.Span[j]); // the weight actually used, after rounding to TA
            }
            double[][] diagonals;
            try
            {
                diagonals = Vjp(output, leaves, seed);
            }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
            {
                return null; // the element-by-element path reports it with its context
            }
            foreach (var d in diagonals)
                for (int j = 0; j < n; j++) d[j] /= weights[j];

            var nLeaves = NumericalLeaves();
            numericalLeaves = nLeaves;
            var f0 = EvaluateNumerical(nLeaves);
            if (f0.Length != 1 || f0[0].Length != n) return null;

            var kinks = new List<KinkPoint>();
            var comparisons = new List<JacobianComparison>();
            var pairHints = new List<GradCheckHint>(); // kept apart until the shortcut is sure to stand
            var redone = new HashSet<int>[checkedInputs.Length];
            int redoTotal = 0;
            var oneHot = Tensor<TA>.Zeros(output.Shape);
            for (int c = 0; c < checkedInputs.Length; c++)
            {
                int k = checkedInputs[c];
                var analytic = diagonals[c];
                // Columns: all elements of input k perturbed at once, each by its own random step.
                var x0 = nLeaves[k].Span.ToArray();
                var plus = new TN[n];
                var minus = new TN[n];
                var hp = new double[n];
                var hm = new double[n];
                for (int i = 0; i < n; i++)
                {
                    double xd = double.CreateChecked(x0[i]);
                    double h = Step(xd) * (0.5 + 0.5 * gen.NextDouble());
                    plus[i] = TN.CreateChecked(xd + h);
                    minus[i] = TN.CreateChecked(xd - h);
                    hp[i] = double.CreateChecked(plus[i]) - xd;
                    hm[i] = xd - double.CreateChecked(minus[i]);
                }
                plus.CopyTo(nLeaves[k].Span);
                var fp = EvaluateNumerical(nLeaves)[0];
                minus.CopyTo(nLeaves[k].Span);
                var fm = EvaluateNumerical(nLeaves)[0];
                x0.CopyTo(nLeaves[k].Span);

                var acc = new PairAccumulator(0, k, output.Shape, originals[k].Shape, s);
                var redo = new List<int>();
                var entries = new (double X, double A, double C, double L, double R)[n];
                for (int j = 0; j < n; j++)
                {
                    double xd = double.CreateChecked(x0[j]);
                    double r = (fp[j] - f0[0][j]) / hp[j], l = (f0[0][j] - fm[j]) / hm[j];
                    double cv = (fp[j] - fm[j]) / (hp[j] + hm[j]);
                    double a = analytic[j];
                    entries[j] = (xd, a, cv, l, r);
                    bool strict = Math.Abs(a - cv) <= 0.5 * (s.Atol + s.Rtol * Math.Abs(cv));
                    bool suspect = s.Options.DetectKinks && double.IsFinite(r) && double.IsFinite(l) &&
                                   Math.Abs(r - l) > s.Atol + s.Rtol * Math.Max(Math.Abs(r), Math.Abs(l));
                    if (!strict || suspect || !double.IsFinite(a) || !double.IsFinite(cv)) redo.Add(j);
                }
                // Too many to redo one by one: the element-by-element path is as fast and reports everything.
                if (redo.Count > n / 4 + 8) return null;

                redone[c] = new HashSet<int>(redo);
                redoTotal += redo.Count;
                foreach (int j in redo)
                {
                    // The exact path for element j: its own column and its own row, both zero off the diagonal.
                    double xd = entries[j].X;
                    var (cp, cm, chp, chm) = Perturbed(k, j, xd, Step(xd));
                    for (int i = 0; i < n; i++)
                        if (i != j && (cp[0][i] != f0[0][i] || cm[0][i] != f0[0][i])) return null;
                    oneHot.Span[j] = TA.One;
                    double[] row;
                    try
                    {
                        row = Vjp(output, leaves, oneHot)[c];
                    }
                    catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
                    {
                        return null;
                    }
                    finally
                    {
                        oneHot.Span[j] = TA.Zero;
                    }
                    for (int i = 0; i < n; i++)
                        if (i != j && row[i] != 0) return null;

                    double a = row[j];
                    double r = (cp[0][j] - f0[0][j]) / chp, l = (f0[0][j] - cm[0][j]) / chm;
                    double cv = (cp[0][j] - cm[0][j]) / (chp + chm);
                    QuarterStep? quarter = null;
                    var (atKink, lo, hi, cFinal, jump) = KinkAnalysis(k, j, xd, f0[0][j], 0, j, r, l, cv, Step(xd), ref quarter);
                    acc.Add(j, j, xd, a, cFinal, l, r, atKink, lo, hi, kinks, jump);
                }
                for (int j = 0; j < n; j++)
                {
                    if (redone[c].Contains(j)) continue;
                    var e = entries[j];
                    if (e.A == 0 && e.C == 0) acc.CountTrivial();
                    else acc.Add(j, j, e.X, e.A, e.C, e.L, e.R, false, Math.Min(e.L, e.R), Math.Max(e.L, e.R), kinks);
                }
                acc.CountTrivial((long)n * n - n); // off the diagonal: zero on both sides (checked as described above)
                comparisons.Add(acc.ToComparison());
                pairHints.AddRange(acc.Hints());
            }

            hints.AddRange(pairHints);
            DiagonalExtraChecks(output, leaves, diagonals, redone, checks, hints);
            checks.Insert(0, new SubCheck("gradient shapes", true, "every gradient has its input's shape"));
            notes.Add($"elementwise graph: each diagonal Jacobian was estimated with all {n} columns perturbed at once (random steps) and all rows " +
                      $"in one backward pass (random weights), compared at half the tolerance; {redoTotal} element(s) recomputed one by one");
            bool passed = comparisons.All(cmp => cmp.Passed) && checks.All(ch => ch.Passed);
            return new GradCheckResult(passed, s.Options.FastMode ? "fast (vᵀJu), then full Jacobian" : "full Jacobian (diagonal)",
                s.Precision, s.Eps, s.Atol, s.Rtol, comparisons, kinks, checks, hints, notes);
        }

        private void DiagonalExtraChecks(Tensor<TA> output, Tensor<TA>[] leaves, double[][] diagonals, HashSet<int>[] redone,
            List<SubCheck> checks, List<GradCheckHint> hints)
        {
            // The same extra checks as the general path, with the diagonals standing for the Jacobians' rows.
            int n = output.Length;
            ExtraChecks([output], leaves, null, checks, hints);
            var gen = new Generator(s.Options.Seed ^ 0x11EA);
            var v = Tensor<TA>.RandomNormal(gen, output.Shape.Dims.ToArray());
            var g = Vjp(output, leaves, v);
            double worst = 0;
            string detail = "";
            for (int c = 0; c < g.Length; c++)
            {
                for (int i = 0; i < n; i++)
                {
                    if (redone[c].Contains(i)) continue; // their rows were checked exactly
                    double expected = double.CreateChecked(v.Span[i]) * diagonals[c][i];
                    double err = Math.Abs(g[c][i] - expected);
                    double tol = s.Atol + s.Rtol * Math.Abs(expected);
                    if (err > worst) worst = err;
                    if (!(err <= tol) && detail.Length == 0 && double.IsFinite(expected))
                        detail = $"input {checkedInputs[c]}[{i}]: backward with a random upstream gives {Fmt(g[c][i])}, the diagonal gives {Fmt(expected)}";
                }
            }
            checks.Add(new SubCheck("backward is linear in the upstream gradient", detail.Length == 0,
                detail.Length == 0 ? $"max difference {Fmt(worst)}" : detail));
        }
    }
}
