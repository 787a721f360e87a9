using System.Numerics;

namespace MiniGrad;

/// <summary>How one check compares: tolerances, step, precision label, and how the numerical side is evaluated.</summary>
internal readonly record struct CheckSettings(
    double Eps, bool RelativeStep, double Atol, double Rtol, double NondetTol, string Precision, bool NumericalNeedsGrad,
    GradCheckOptions Options);

/// <summary>
/// The engine behind <see cref="GradCheck"/>: the analytic side runs the function under test on <typeparamref name="TA"/>
/// tensors and goes backward once per output element (PyTorch's row-by-row Jacobian); the numerical side runs a
/// version of the function on <typeparamref name="TN"/> tensors (the same function, or its double twin) and differences
/// it column by column, reading the one-sided differences for free from the same three evaluations.
/// </summary>
internal static partial class GradChecker<TA, TN>
    where TA : unmanaged, IBinaryFloatingPointIeee754<TA>
    where TN : unmanaged, IBinaryFloatingPointIeee754<TN>
{
    public static GradCheckResult Run(Func<Tensor<TA>[], Tensor<TA>[]> fa, Func<Tensor<TN>[], Tensor<TN>[]> fn,
        Tensor<TA>[] inputs, CheckSettings s)
    {
        ArgumentNullException.ThrowIfNull(fa);
        ArgumentNullException.ThrowIfNull(fn);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0) throw new ArgumentException("GradCheck: give at least one input tensor.", nameof(inputs));
        for (int k = 0; k < inputs.Length; k++)
            if (inputs[k] is null) throw new ArgumentNullException(nameof(inputs), $"GradCheck: input {k} is null.");
        s.Options.Validate();

        // The inputs that require grad are checked; when none does, all are (the common case of a plain tensor).
        bool anyRequires = inputs.Any(x => x.RequiresGrad);
        bool[] isChecked = inputs.Select(x => !anyRequires || x.RequiresGrad).ToArray();

        using var tape = Tape.Begin();
        var ctx = new Context(fa, fn, inputs, isChecked, s);
        var result = s.Options.FastMode ? ctx.RunFast() : ctx.RunFull(notes: []);
        // Everything reported was read out as numbers: the forward passes' buffers go back to the pool.
        CheckBuffers.Recycle<TA>(tape);
        ctx.DisposeLeaves();
        return result;
    }

    private sealed partial class Context
    {
        private readonly Func<Tensor<TA>[], Tensor<TA>[]> fa;
        private readonly Func<Tensor<TN>[], Tensor<TN>[]> fn;
        private readonly Tensor<TA>[] originals;
        private readonly bool[] isChecked;
        private readonly CheckSettings s;
        private readonly int[] checkedInputs;

        public Context(Func<Tensor<TA>[], Tensor<TA>[]> fa, Func<Tensor<TN>[], Tensor<TN>[]> fn, Tensor<TA>[] inputs,
            bool[] isChecked, CheckSettings s)
        {
            this.fa = fa;
            this.fn = fn;
            originals = inputs;
            this.isChecked = isChecked;
            this.s = s;
            checkedInputs = Enumerable.Range(0, inputs.Length).Where(k => isChecked[k]).ToArray();
        }

        private string ModeName(bool fast) => fast ? "fast (vᵀJu)" : "full Jacobian";

        private readonly List<IDisposable> ownLeaves = [];

        /// <summary>Gives back the buffers of the leaves this check made (the caller's inputs are never touched).</summary>
        public void DisposeLeaves()
        {
            foreach (var t in ownLeaves) t.Dispose();
            ownLeaves.Clear();
        }

        // ---------------------------------------------------------------- analytic side

        /// <summary>Fresh leaves holding the inputs' values; the checked ones require grad.</summary>
        private Tensor<TA>[] AnalyticLeaves()
        {
            var leaves = new Tensor<TA>[originals.Length];
            for (int k = 0; k < leaves.Length; k++)
            {
                leaves[k] = originals[k].Clone();
                leaves[k].RequiresGrad = isChecked[k];
                ownLeaves.Add(leaves[k]);
            }
            return leaves;
        }

        private Tensor<TN>[] NumericalLeaves()
        {
            var leaves = new Tensor<TN>[originals.Length];
            for (int k = 0; k < leaves.Length; k++)
            {
                var src = originals[k].ReadOnlySpan;
                var t = Tensor<TN>.Zeros(originals[k].Shape);
                var dst = t.Span;
                for (int i = 0; i < src.Length; i++) dst[i] = TN.CreateChecked(src[i]);
                // A function that differentiates internally (GradGradCheck) needs its inputs to require grad.
                t.RequiresGrad = s.NumericalNeedsGrad && isChecked[k];
                leaves[k] = t;
                ownLeaves.Add(t);
            }
            return leaves;
        }

        private Tensor<TA>[] Forward(Tensor<TA>[] leaves)
        {
            var outs = fa(leaves) ?? throw new InvalidOperationException("GradCheck: the function returned null.");
            if (outs.Length == 0) throw new InvalidOperationException("GradCheck: the function returned no output.");
            for (int o = 0; o < outs.Length; o++)
                if (outs[o] is null) throw new InvalidOperationException($"GradCheck: output {o} of the function is null.");
            return outs;
        }

        /// <summary>The gradients of <paramref name="output"/> for the checked leaves given <paramref name="upstream"/>, as doubles (zeros where unreached).</summary>
        private double[][] Vjp(Tensor<TA> output, Tensor<TA>[] leaves, Tensor<TA> upstream)
        {
            var result = new double[checkedInputs.Length][];
            if (!output.RequiresGrad)
            {
                for (int c = 0; c < result.Length; c++) result[c] = new double[leaves[checkedInputs[c]].Length];
                return result;
            }
            var wrt = checkedInputs.Select(k => leaves[k]).ToArray();
            var grads = Autograd.Grad(output, wrt, upstream, retainGraph: true);
            for (int c = 0; c < result.Length; c++)
            {
                var g = grads[c];
                var row = new double[wrt[c].Length];
                if (g is not null)
                {
                    if (g.Shape != wrt[c].Shape)
                        throw new InvalidOperationException(
                            $"the gradient for input {checkedInputs[c]} has shape {g.Shape} but the input has shape {wrt[c].Shape}");
                    var gs = g.ReadOnlySpan;
                    for (int i = 0; i < row.Length; i++) row[i] = double.CreateChecked(gs[i]);
                }
                result[c] = row;
            }
            return result;
        }

        // ---------------------------------------------------------------- numerical side

        private double[][] EvaluateNumerical(Tensor<TN>[] leaves)
        {
            // The tensors made during the evaluation are temporaries: their buffers go back to the pool.
            var scope = TemporaryScope.Begin();
            bool completed = false;
            try
            {
                var result = ToDouble(EvaluateNumericalTensors(leaves), leaves);
                completed = true;
                return result;
            }
            finally
            {
                scope.End(completed);
            }
        }

        /// <summary>The numerical function's outputs at the current values of <paramref name="leaves"/>, as tensors.</summary>
        private Tensor<TN>[] EvaluateNumericalTensors(Tensor<TN>[] leaves)
        {
            Tensor<TN>[] outs;
            if (s.NumericalNeedsGrad)
            {
                // The function differentiates internally (GradGradCheck): record on a scratch tape, dropped at once
                // (dropping releases the entries; the outputs stay readable).
                using var scratch = Tape.Begin();
                outs = fn(leaves);
            }
            else
            {
                using (Tape.NoGrad()) outs = fn(leaves);
            }
            if (outs is null || outs.Length == 0) throw new InvalidOperationException("GradCheck: the numerical function returned no output.");
            return outs;
        }

        private static double[][] ToDouble(Tensor<TN>[] outs, Tensor<TN>[] leaves)
        {
            if (outs is null || outs.Length == 0) throw new InvalidOperationException("GradCheck: the numerical function returned no output.");
            var result = new double[outs.Length][];
            for (int o = 0; o < outs.Length; o++)
            {
                var span = outs[o].ReadOnlySpan;
                var r = new double[span.Length];
                for (int i = 0; i < r.Length; i++) r[i] = double.CreateChecked(span[i]);
                result[o] = r;
            }
            // Hand the buffers back to the pool (the next evaluation reuses them), except an output that is an input;
            // an output returned twice is disposed once.
            for (int o = 0; o < outs.Length; o++)
            {
                var t = outs[o];
                // Only tensors made inside this evaluation: never an input, nor a tensor the caller keeps.
                if (t.Origin != GradOrigin.NoGradScope || t.SharesStorageWithAny(leaves)) continue;
                bool seen = false;
                for (int p = 0; p < o && !seen; p++) seen = ReferenceEquals(outs[p], t);
                if (!seen) t.Dispose();
            }
            return result;
        }

        private double Step(double x) => s.RelativeStep ? s.Eps * Math.Max(1.0, Math.Abs(x)) : s.Eps;

        // ---------------------------------------------------------------- full mode

        public GradCheckResult RunFull(List<string> notes)
        {
            var checks = new List<SubCheck>();
            var hints = new List<GradCheckHint>();
            var leaves = AnalyticLeaves();
            var outs = Forward(leaves);

            // Analytic Jacobians, row by row: A[o][c][j * inLen + i] = d out_o[j] / d in_c[i].
            if (s.Options.UseStructure && DiagonalCheck(outs, leaves, checks, hints, notes) is { } diagonal) return diagonal;

            var A = new double[outs.Length][][];
            try
            {
                for (int o = 0; o < outs.Length; o++)
                {
                    A[o] = new double[checkedInputs.Length][];
                    int outLen = outs[o].Length;
                    for (int c = 0; c < checkedInputs.Length; c++) A[o][c] = new double[(long)outLen * leaves[checkedInputs[c]].Length];
                    if (!outs[o].RequiresGrad) continue;
                    var seed = Tensor<TA>.Zeros(outs[o].Shape);
                    for (int j = 0; j < outLen; j++)
                    {
                        seed.Span[j] = TA.One;
                        var rows = Vjp(outs[o], leaves, seed);
                        seed.Span[j] = TA.Zero;
                        for (int c = 0; c < rows.Length; c++)
                            rows[c].CopyTo(A[o][c], (long)j * rows[c].Length);
                    }
                }
                checks.Add(new SubCheck("gradient shapes", true, "every gradient has its input's shape"));
            }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
            {
                return BackwardFailed(e, outs, leaves, checks, hints, notes, fast: false);
            }

            ExtraChecks(outs, leaves, A, checks, hints);

            // Numerical Jacobians, column by column, compared as they come.
            var nLeaves = NumericalLeaves();
            numericalLeaves = nLeaves;
            var f0 = EvaluateNumerical(nLeaves);
            if (f0.Length != outs.Length)
                throw new InvalidOperationException($"GradCheck: the numerical function returned {f0.Length} outputs, the function under test {outs.Length}.");
            for (int o = 0; o < outs.Length; o++)
                if (f0[o].Length != outs[o].Length)
                    throw new InvalidOperationException($"GradCheck: output {o} has {outs[o].Length} elements but its numerical version {f0[o].Length}.");

            var acc = new PairAccumulator[outs.Length, checkedInputs.Length];
            for (int o = 0; o < outs.Length; o++)
                for (int c = 0; c < checkedInputs.Length; c++)
                    acc[o, c] = new PairAccumulator(o, checkedInputs[c], outs[o].Shape, originals[checkedInputs[c]].Shape, s);
            var kinks = new List<KinkPoint>();

            for (int c = 0; c < checkedInputs.Length; c++)
            {
                int k = checkedInputs[c];
                var span = nLeaves[k].Span;
                int inLen = span.Length;
                for (int i = 0; i < inLen; i++)
                {
                    TN x0 = span[i];
                    double xd = double.CreateChecked(x0);
                    var (fp, fm, hp, hm) = Perturbed(k, i, xd, Step(xd));
                    QuarterStep? quarter = null;
                    for (int o = 0; o < outs.Length; o++)
                    {
                        var a = A[o][c];
                        var p = acc[o, c];
                        int outLen = f0[o].Length;
                        for (int j = 0; j < outLen; j++)
                        {
                            double av = a[(long)j * inLen + i];
                            double r = (fp[o][j] - f0[o][j]) / hp, l = (f0[o][j] - fm[o][j]) / hm;
                            double cv = (fp[o][j] - fm[o][j]) / (hp + hm);
                            if (av == 0 && cv == 0 && r == 0 && l == 0) { p.CountTrivial(); continue; }

                            var (atKink, lo, hi, cFinal, jump) = KinkAnalysis(k, i, xd, f0[o][j], o, j, r, l, cv, Step(xd), ref quarter);
                            cv = cFinal;
                            p.Add(j, i, xd, av, cv, l, r, atKink, lo, hi, kinks, jump);
                        }
                    }
                }
            }

            var comparisons = new List<JacobianComparison>();
            foreach (var p in acc)
            {
                comparisons.Add(p.ToComparison());
                hints.AddRange(p.Hints());
            }
            if (acc.Length == 0) notes.Add("no input is compared");
            bool passed = comparisons.All(cmp => cmp.Passed) && checks.All(ch => ch.Passed);
            return new GradCheckResult(passed, notes.Count > 0 && s.Options.FastMode ? "fast (vᵀJu), then full Jacobian" : ModeName(false),
                s.Precision, s.Eps, s.Atol, s.Rtol, comparisons, kinks, checks, hints, notes);
        }

        /// <summary>The outputs at x + h and x - h of element <paramref name="i"/>, with the steps actually taken (after rounding to TN).</summary>
        private (double[][] Plus, double[][] Minus, double Hp, double Hm) Perturbed(int k, int i, double xd, double h)
        {
            var leaves = numericalLeaves!;
            var leaf = leaves[k];
            TN x0 = leaf.Span[i];
            TN xp = TN.CreateChecked(xd + h), xm = TN.CreateChecked(xd - h);
            double hp = double.CreateChecked(xp) - xd, hm = xd - double.CreateChecked(xm);
            leaf.Span[i] = xp;
            var fp = EvaluateNumerical(leaves);
            leaf.Span[i] = xm;
            var fm = EvaluateNumerical(leaves);
            leaf.Span[i] = x0;
            return (fp, fm, hp, hm);
        }

        private Tensor<TN>[]? numericalLeaves;

        /// <summary>The outputs at x ± h/4 of one element, evaluated once per column when a kink is suspected.</summary>
        private sealed record QuarterStep(double[][] Plus, double[][] Minus, double Hp, double Hm);

        /// <summary>
        /// Tells a kink from curvature: when the one-sided slopes r and l disagree beyond the tolerance, they are
        /// compared again at a step four times smaller. A jump that persists is a kink at x (the analytic value may
        /// then lie anywhere between the slopes); one that shrinks means the function is smooth at x but a kink lies
        /// within the step, and the smaller step's central difference is used instead.
        /// </summary>
        private (bool AtKink, double Lo, double Hi, double C, bool Jump) KinkAnalysis(int k, int i, double xd, double f0v, int o, int j,
            double r, double l, double c, double h, ref QuarterStep? quarter)
        {
            double lo = Math.Min(l, r), hi = Math.Max(l, r);
            bool suspect = s.Options.DetectKinks && double.IsFinite(r) && double.IsFinite(l) &&
                           Math.Abs(r - l) > s.Atol + s.Rtol * Math.Max(Math.Abs(r), Math.Abs(l));
            if (!suspect) return (false, lo, hi, c, false);
            if (quarter is null)
            {
                var (p, m, hp, hm) = Perturbed(k, i, xd, h / 4);
                quarter = new QuarterStep(p, m, hp, hm);
            }
            double r2 = (quarter.Plus[o][j] - f0v) / quarter.Hp, l2 = (f0v - quarter.Minus[o][j]) / quarter.Hm;
            // At a jump of f itself the one-sided slopes grow as 1/h: four times larger at a quarter of the step.
            if (Math.Abs(r2 - l2) > 0.5 * Math.Abs(r - l))
                return (true, Math.Min(lo, Math.Min(l2, r2)), Math.Max(hi, Math.Max(l2, r2)), c, Math.Abs(r2 - l2) > 2 * Math.Abs(r - l));
            return (false, lo, hi, (quarter.Plus[o][j] - quarter.Minus[o][j]) / (quarter.Hp + quarter.Hm), false);
        }

        // ---------------------------------------------------------------- extra checks (PyTorch's, plus linearity)

        private void ExtraChecks(Tensor<TA>[] outs, Tensor<TA>[] leaves, double[][][]? A, List<SubCheck> checks, List<GradCheckHint> hints)
        {
            var gen = new Generator(s.Options.Seed ^ 0x5EED);
            var consistency = new BackwardConsistency<TA>(s);
            double worstLinear = 0;
            bool linearOk = true;
            string linearDetail = "";
            for (int o = 0; o < outs.Length; o++)
            {
                if (!outs[o].RequiresGrad) continue;
                var v = Tensor<TA>.RandomNormal(gen, outs[o].Shape.Dims.ToArray());
                var g1 = Vjp(outs[o], leaves, v);
                var g2 = Vjp(outs[o], leaves, v);
                var zero = Vjp(outs[o], leaves, Tensor<TA>.Zeros(outs[o].Shape));
                var vs = v.ReadOnlySpan;
                for (int c = 0; c < g1.Length; c++)
                {
                    consistency.Add<double>(g1[c], g2[c], zero[c]);
                    if (A is null) continue;
                    // vᵀJ from one backward pass must equal the same combination of the Jacobian's rows.
                    int inLen = g1[c].Length;
                    var a = A[o][c];
                    for (int i = 0; i < inLen; i++)
                    {
                        double expected = 0, scale = 0;
                        for (int j = 0; j < vs.Length; j++)
                        {
                            double vj = double.CreateChecked(vs[j]), aji = a[(long)j * inLen + i];
                            if (aji == 0) continue;
                            expected += vj * aji;
                            scale += Math.Abs(vj * aji);
                        }
                        double err = Math.Abs(g1[c][i] - expected);
                        double tol = s.Atol + s.Rtol * scale;
                        if (err > worstLinear) worstLinear = err;
                        if (!(err <= tol) && linearOk && double.IsFinite(expected))
                        {
                            linearOk = false;
                            linearDetail = $"output {o}, input {checkedInputs[c]}[{i}]: backward with a random upstream gives {Fmt(g1[c][i])}, " +
                                           $"the rows of the Jacobian combined give {Fmt(expected)}";
                        }
                    }
                }
            }
            consistency.Report(checks, hints);
            if (A is not null)
                checks.Add(new SubCheck("backward is linear in the upstream gradient", linearOk,
                    linearOk ? $"max difference {Fmt(worstLinear)}" : linearDetail));
            consistency.ReportFinite(checks);
        }

        private GradCheckResult BackwardFailed(Exception e, Tensor<TA>[] outs, Tensor<TA>[] leaves, List<SubCheck> checks,
            List<GradCheckHint> hints, List<string> notes, bool fast)
        {
            bool shape = e.Message.Contains("shape", StringComparison.Ordinal);
            checks.Add(new SubCheck(shape ? "gradient shapes" : "backward runs", false, e.Message));
            hints.Add(new GradCheckHint(GradCheckHintKind.BackwardError,
                (e is NotSupportedException ? "backward is not available: " : shape ? "backward returned a gradient of the wrong shape: " : "backward threw: ") + e.Message));
            return new GradCheckResult(false, ModeName(fast), s.Precision, s.Eps, s.Atol, s.Rtol, [], [], checks, hints, notes);
        }
    }

    internal static string Fmt(double v) => GradCheckReport.Number(v);
}

internal static class TensorStorageExtensions
{
    public static bool SharesStorageWithAny<T>(this Tensor<T> t, Tensor<T>[] others)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        foreach (var o in others)
            if (ReferenceEquals(o, t) || t.SharesStorageWith(o)) return true;
        return false;
    }
}
