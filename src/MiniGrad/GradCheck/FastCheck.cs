using System.Numerics;
using System.Runtime.InteropServices;
using static MiniGrad.GradCheckReport;

namespace MiniGrad;

/// <summary>
/// Fast mode, as PyTorch's fast_mode=True: for a random unit vector u per checked input and v per output, the
/// numerical vᵀ(J u) (see <see cref="DirectionalDifferences{TN}"/>) against the analytic (vᵀJ) u from one backward
/// pass with upstream gradient v. On a mismatch, the full check runs to locate the bad elements.
/// </summary>
/// <remarks>
/// Also as PyTorch: that backward pass is repeated and must give the same gradient (reentrancy), and a pass with a
/// zero upstream gradient must give zero; MiniGrad adds that the gradient must be finite. The work is what PyTorch
/// does (one forward on the tape, two numerical evaluations per input, three backward passes per output; PyTorch adds
/// a fourth forward and backward for undefined upstream gradients, which MiniGrad's engine does not have), and the
/// cost is kept at that: the gradients are read in place as spans instead of being copied out, the two passes are
/// compared in one vectorized comparison, and every temporary buffer goes back to the pool (see TemporaryScope).
/// </remarks>
internal sealed class FastCheck<TA, TN>(Func<Tensor<TA>[], Tensor<TA>[]> fa, Func<Tensor<TN>[], Tensor<TN>[]> fn,
    InputLeaves<TA> inputs, CheckSettings s)
    where TA : unmanaged, IBinaryFloatingPointIeee754<TA>
    where TN : unmanaged, IBinaryFloatingPointIeee754<TN>
{
    /// <summary>Runs the check, and the full check after it when it finds a mismatch.</summary>
    public GradCheckResult Run()
    {
        var checks = new List<SubCheck>();
        var hints = new List<GradCheckHint>();
        var analytic = new AnalyticJacobian<TA>(fa, inputs);
        var outs = analytic.Outputs;
        var checkedInputs = inputs.Checked;

        var u = new double[checkedInputs.Length][];
        for (int c = 0; c < u.Length; c++) u[c] = RandomProjections.UnitVector(s.Options.Seed, c, inputs.Originals[checkedInputs[c]].Length);
        var v = new double[outs.Length][];
        for (int o = 0; o < v.Length; o++) v[o] = RandomProjections.UnitVector(s.Options.Seed, u.Length + o, outs[o].Length);

        var numericalSide = new NumericalFunction<TN>(fn, inputs.Numerical<TN>(s.NumericalNeedsGrad), s.NumericalNeedsGrad);
        var (numerical, uEff) = new DirectionalDifferences<TN>(numericalSide, checkedInputs, s)
            .Compute(outs, u, v);

        // Analytic (vᵀJ) u: one backward pass per output, repeated, and one with a zero upstream gradient.
        var products = new double[outs.Length, checkedInputs.Length];
        var consistency = new BackwardConsistency<TA>(s);
        var wrt = analytic.Wrt;
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
                var first = analytic.Gradients(outs[o], vt);
                var repeat = analytic.Gradients(outs[o], vt);
                var zero = analytic.Gradients(outs[o], Tensor<TA>.Zeros(outs[o].Shape));
                for (int c = 0; c < wrt.Length; c++)
                {
                    var g = Elements(first[c], wrt[c]);
                    consistency.Add(g, Elements(repeat[c], wrt[c]), Elements(zero[c], wrt[c]));
                    products[o, c] = FastReductions.Dot(DoubleSpans.View(g), uEff[c]);
                }
            }
            checks.Add(CheckOutcome.GradientShapesAgree());
            completed = true;
        }
        catch (Exception e) when (CheckOutcome.IsBackwardError(e))
        {
            return CheckOutcome.BackwardFailed(e, s, CheckOutcome.FastMode, checks, hints, []);
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
                double a = products[o, c], n = numerical[o, c];
                double atol = s.Atol * FastReductions.Sum(uEff[c]) * sumV; // PyTorch's adjusted atol: atol * sum(u) * sum(v)
                double err = Math.Abs(a - n);
                bool ok = err <= atol + s.Rtol * Math.Abs(n);
                double rel = PairAccumulator.RelativeError(err, n);
                var e = new ElementComparison(-1, -1, "vᵀJu", "", double.NaN, a, n, err, rel, ok, false);
                comparisons.Add(new JacobianComparison(o, checkedInputs[c], outs[o].Shape, inputs.Originals[checkedInputs[c]].Shape,
                    1, ok ? 0 : 1, err, rel, [e]));
                if (!ok) failed.Add($"output {o} / input {checkedInputs[c]}: vᵀJu analytic {Number(a)}, numerical {Number(n)}");
            }
        }
        var result = CheckOutcome.Result(s, CheckOutcome.FastMode, comparisons, [], checks, hints, []);
        if (result.Passed || failed.Count == 0) return result;

        // Locate the bad elements: the full check, which also tells kinks from errors.
        var notes = new List<string> { $"fast mode found a mismatch ({string.Join("; ", failed)}); the full Jacobian was computed to locate it" };
        return new FullJacobianCheck<TA, TN>(fa, fn, inputs, s).Run(notes);
    }

    /// <summary>A gradient's elements; zeros for an input the output does not reach.</summary>
    private static ReadOnlySpan<TA> Elements(Tensor<TA>? g, Tensor<TA> input) => g is null ? new TA[input.Length] : g.ReadOnlySpan;
}
