using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace MiniGrad;

// Fast mode, as PyTorch's fast_mode=True: for a random unit vector u per checked input and v per output, the
// numerical vᵀ(J u) from two evaluations with the whole input perturbed along ±eps u, against the analytic (vᵀJ) u
// from one backward pass with upstream gradient v. Also as PyTorch: that backward pass is repeated and must give the
// same gradient (reentrancy), and a pass with a zero upstream gradient must give zero; MiniGrad adds that the gradient
// must be finite. On a mismatch, the full check runs to locate the bad elements.
//
// The work is what PyTorch does (one forward on the tape, two numerical evaluations per input, three backward passes
// per output; PyTorch adds a fourth forward and backward for undefined upstream gradients, which MiniGrad's engine
// does not have), and the cost is kept at that: the gradients are read in place as spans instead of being copied
// out, the two passes are compared in one vectorized comparison, and every temporary buffer goes back to the pool
// (see TemporaryScope).
internal static partial class GradChecker<TA, TN>
    where TA : unmanaged, IBinaryFloatingPointIeee754<TA>
    where TN : unmanaged, IBinaryFloatingPointIeee754<TN>
{
    private sealed partial class Context
    {
        public GradCheckResult RunFast()
        {
            var checks = new List<SubCheck>();
            var hints = new List<GradCheckHint>();
            var leaves = AnalyticLeaves();
            var outs = Forward(leaves);

            // u per checked input and v per output: uniform on [0, 1), normalised (as PyTorch).
            var u = new double[checkedInputs.Length][];
            for (int c = 0; c < u.Length; c++) u[c] = UnitVector(s.Options.Seed, c, originals[checkedInputs[c]].Length);
            var v = new double[outs.Length][];
            for (int o = 0; o < v.Length; o++) v[o] = UnitVector(s.Options.Seed, u.Length + o, outs[o].Length);

            var (numerical, uEff) = NumericalVJu(outs, u, v);

            // Analytic (vᵀJ) u: one backward pass per output, repeated, and one with a zero upstream gradient.
            var analytic = new double[outs.Length, checkedInputs.Length];
            var consistency = new BackwardConsistency<TA>(s);
            var wrt = new Tensor<TA>[checkedInputs.Length];
            for (int c = 0; c < wrt.Length; c++) wrt[c] = leaves[checkedInputs[c]];
            var scope = TemporaryScope.Begin(CheckBuffers.CanCollectBackward(outs));
            bool completed = false;
            try
            {
                for (int o = 0; o < outs.Length; o++)
                {
                    if (!outs[o].RequiresGrad) continue; // vᵀJ is zero: nothing reaches the inputs
                    var vt = Tensor<TA>.Allocate(outs[o].Shape, clear: false);
                    var vs = vt.Span;
                    if (typeof(TA) == typeof(double)) v[o].CopyTo(MemoryMarshal.Cast<TA, double>(vs));
                    else
                        for (int j = 0; j < vs.Length; j++) vs[j] = TA.CreateChecked(v[o][j]);
                    var first = Gradients(outs[o], wrt, vt);
                    var repeat = Gradients(outs[o], wrt, vt);
                    var zero = Gradients(outs[o], wrt, Tensor<TA>.Zeros(outs[o].Shape));
                    for (int c = 0; c < wrt.Length; c++)
                    {
                        var g = Span(first[c], wrt[c]);
                        consistency.Add(g, Span(repeat[c], wrt[c]), Span(zero[c], wrt[c]));
                        analytic[o, c] = FastReductions.Dot(AsDoubles(g), uEff[c]);
                    }
                }
                checks.Add(new SubCheck("gradient shapes", true, "every gradient has its input's shape"));
                completed = true;
            }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
            {
                return BackwardFailed(e, outs, leaves, checks, hints, [], fast: true);
            }
            finally
            {
                scope.End(completed);
            }
            consistency.Report(checks, hints);
            consistency.ReportFinite(checks);

            var comparisons = new List<JacobianComparison>();
            var failed = new List<string>();
            for (int o = 0; o < outs.Length; o++)
            {
                double sumV = FastReductions.Sum(v[o]);
                for (int c = 0; c < checkedInputs.Length; c++)
                {
                    double a = analytic[o, c], n = numerical[o, c];
                    double atol = s.Atol * FastReductions.Sum(uEff[c]) * sumV; // PyTorch's adjusted atol: atol * sum(u) * sum(v)
                    double err = Math.Abs(a - n);
                    bool ok = err <= atol + s.Rtol * Math.Abs(n);
                    double rel = n == 0 ? (err == 0 ? 0 : double.PositiveInfinity) : err / Math.Abs(n);
                    var e = new ElementComparison(-1, -1, "vᵀJu", "", double.NaN, a, n, err, rel, ok, false);
                    comparisons.Add(new JacobianComparison(o, checkedInputs[c], outs[o].Shape, originals[checkedInputs[c]].Shape,
                        1, ok ? 0 : 1, err, rel, [e]));
                    if (!ok) failed.Add($"output {o} / input {checkedInputs[c]}: vᵀJu analytic {Fmt(a)}, numerical {Fmt(n)}");
                }
            }
            bool passed = failed.Count == 0 && checks.All(ch => ch.Passed);
            if (passed || failed.Count == 0)
                return new GradCheckResult(passed, ModeName(true), s.Precision, s.Eps, s.Atol, s.Rtol, comparisons, [], checks, hints, []);

            // Locate the bad elements: the full check, which also tells kinks from errors.
            var notes = new List<string> { $"fast mode found a mismatch ({string.Join("; ", failed)}); the full Jacobian was computed to locate it" };
            return RunFull(notes);
        }

        /// <summary>
        /// The numerical vᵀ(J u) per output and checked input, from the outputs at x ± eps u (the whole input
        /// perturbed at once), and the effective direction per input: the steps actually taken after rounding to
        /// <typeparamref name="TN"/>, divided by 2 eps.
        /// </summary>
        private (double[,] VJu, double[][] UEff) NumericalVJu(Tensor<TA>[] outs, double[][] u, double[][] v)
        {
            var nLeaves = NumericalLeaves();
            numericalLeaves = nLeaves;
            var numerical = new double[outs.Length, checkedInputs.Length];
            var uEff = new double[checkedInputs.Length][];
            var plus = new double[outs.Length][];
            for (int c = 0; c < checkedInputs.Length; c++)
            {
                var span = nLeaves[checkedInputs[c]].Span;
                var x0 = ArrayPool<TN>.Shared.Rent(span.Length);
                span.CopyTo(x0);
                var ue = uEff[c] = GC.AllocateUninitializedArray<double>(span.Length);
                var scope = TemporaryScope.Begin();
                bool completed = false;
                try
                {
                    Perturb(x0.AsSpan(0, span.Length), u[c], plus: true, span);
                    AsDoubles<TN>(span).CopyTo(ue);
                    // Read out at once: an output may share the perturbed input's buffer (a view, the identity).
                    var fp = EvaluateNumericalTensors(nLeaves);
                    CheckNumericalOutputs(fp, outs);
                    for (int o = 0; o < fp.Length; o++) AsDoubles(fp[o].ReadOnlySpan).CopyTo(plus[o] ??= GC.AllocateUninitializedArray<double>(fp[o].Length));
                    Perturb(x0.AsSpan(0, span.Length), u[c], plus: false, span);
                    FastReductions.Difference(ue, AsDoubles<TN>(span), 2 * s.Eps, ue);
                    var fm = EvaluateNumericalTensors(nLeaves);
                    CheckNumericalOutputs(fm, outs);
                    for (int o = 0; o < fm.Length; o++)
                        numerical[o, c] = FastReductions.DotDifference(v[o], plus[o], AsDoubles(fm[o].ReadOnlySpan)) / (2 * s.Eps);
                    completed = true;
                }
                finally
                {
                    scope.End(completed);
                    x0.AsSpan(0, span.Length).CopyTo(span);
                    ArrayPool<TN>.Shared.Return(x0);
                }
            }
            return (numerical, uEff);
        }

        /// <summary>x0 ± step(x0) u, rounded to <typeparamref name="TN"/>, into <paramref name="destination"/>.</summary>
        private void Perturb(ReadOnlySpan<TN> x0, ReadOnlySpan<double> u, bool plus, Span<TN> destination)
        {
            if (x0.Length != u.Length || x0.Length != destination.Length)
                throw new ArgumentException("GradCheck: the direction must have the input's length.");
            if (typeof(TN) == typeof(double) && !s.RelativeStep)
            {
                // The same two roundings as the loop below (eps u, then x ± it), a vector at a time.
                FastReductions.Step(MemoryMarshal.Cast<TN, double>(x0), u, plus ? s.Eps : -s.Eps, MemoryMarshal.Cast<TN, double>(destination));
                return;
            }
            for (int i = 0; i < x0.Length; i++)
            {
                double xd = double.CreateChecked(x0[i]);
                double d = Step(xd) * u[i];
                destination[i] = TN.CreateChecked(plus ? xd + d : xd - d);
            }
        }

        private static void CheckNumericalOutputs(Tensor<TN>[] outs, Tensor<TA>[] analytic)
        {
            if (outs.Length != analytic.Length)
                throw new InvalidOperationException($"GradCheck: the numerical function returned {outs.Length} outputs, the function under test {analytic.Length}.");
            for (int o = 0; o < outs.Length; o++)
                if (outs[o] is null || outs[o].Length != analytic[o].Length)
                    throw new InvalidOperationException(
                        $"GradCheck: output {o} has {analytic[o].Length} elements but its numerical version {outs[o]?.Length ?? 0}.");
        }

        /// <summary>The gradients of <paramref name="output"/> for <paramref name="wrt"/>, checked for shape; read them before the scope ends.</summary>
        private Tensor<TA>?[] Gradients(Tensor<TA> output, Tensor<TA>[] wrt, Tensor<TA> upstream)
        {
            var grads = Autograd.Grad(output, wrt, upstream, retainGraph: true);
            for (int c = 0; c < grads.Length; c++)
                if (grads[c] is { } g && g.Shape != wrt[c].Shape)
                    throw new InvalidOperationException(
                        $"the gradient for input {checkedInputs[c]} has shape {g.Shape} but the input has shape {wrt[c].Shape}");
            return grads;
        }

        /// <summary>A gradient's elements; zeros for an input the output does not reach.</summary>
        private static ReadOnlySpan<TA> Span(Tensor<TA>? g, Tensor<TA> input) => g is null ? new TA[input.Length] : g.ReadOnlySpan;

        /// <summary>The elements as doubles: the span itself for double, a converted copy otherwise.</summary>
        private static ReadOnlySpan<double> AsDoubles<T>(ReadOnlySpan<T> span)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            if (typeof(T) == typeof(double)) return MemoryMarshal.Cast<T, double>(span);
            var d = new double[span.Length];
            for (int i = 0; i < d.Length; i++) d[i] = double.CreateChecked(span[i]);
            return d;
        }

        /// <summary>
        /// n values uniform on [0, 1), normalised to length 1, from the seed and a stream number. Each value is a hash
        /// of (seed, stream, index) (SplitMix64's finaliser), so that drawing them is not one long dependency chain.
        /// </summary>
        private static double[] UnitVector(ulong seed, int stream, int n)
        {
            var v = GC.AllocateUninitializedArray<double>(n);
            ulong key = Mix(seed ^ (0xF457_0000_0000_0000UL + (ulong)stream));
            FastReductions.FillHashedUniform(key, v);
            double norm = Math.Sqrt(FastReductions.Dot(v, v));
            if (norm > 0) TensorPrimitives.Divide(v, norm, v);
            return v;
        }

        internal static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
            return z ^ (z >> 31);
        }
    }
}
