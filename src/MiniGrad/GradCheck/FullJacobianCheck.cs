using System.Numerics;

namespace MiniGrad;

/// <summary>
/// Full mode: every Jacobian entry from backward (row by row) against its central difference (column by column,
/// compared as the columns come), with kinks told apart; elementwise functions go through
/// <see cref="DiagonalShortcut{TA, TN}"/> first when the options allow.
/// </summary>
internal sealed class FullJacobianCheck<TA, TN>(Func<Tensor<TA>[], Tensor<TA>[]> fa, Func<Tensor<TN>[], Tensor<TN>[]> fn,
    InputLeaves<TA> inputs, CheckSettings s)
    where TA : unmanaged, IBinaryFloatingPointIeee754<TA>
    where TN : unmanaged, IBinaryFloatingPointIeee754<TN>
{
    /// <summary>Runs the check; <paramref name="notes"/> holds what came before (fast mode's reason to fall back).</summary>
    public GradCheckResult Run(List<string> notes)
    {
        var checks = new List<SubCheck>();
        var hints = new List<GradCheckHint>();
        var analytic = new AnalyticJacobian<TA>(fa, inputs);
        var outs = analytic.Outputs;

        if (s.Options.UseStructure &&
            new DiagonalShortcut<TA, TN>(fn, inputs, s).TryRun(analytic, checks, hints, notes) is { } diagonal)
            return diagonal;

        double[][][] rows;
        try
        {
            rows = analytic.Rows();
            checks.Add(CheckOutcome.GradientShapesAgree());
        }
        catch (Exception e) when (CheckOutcome.IsBackwardError(e))
        {
            return CheckOutcome.BackwardFailed(e, s, CheckOutcome.FullMode, checks, hints, notes);
        }

        BackwardExtraChecks.Run(analytic, rows, s, checks, hints);

        var numerical = new NumericalFunction<TN>(fn, inputs.Numerical<TN>(s.NumericalNeedsGrad), s.NumericalNeedsGrad);
        var f0 = numerical.Evaluate();
        CheckValidation.OutputCount(f0.Length, outs.Length);
        for (int o = 0; o < outs.Length; o++) CheckValidation.OutputLength(o, f0[o].Length, outs[o].Length);

        var checkedInputs = inputs.Checked;
        var acc = new PairAccumulator[outs.Length, checkedInputs.Length];
        for (int o = 0; o < outs.Length; o++)
            for (int c = 0; c < checkedInputs.Length; c++)
                acc[o, c] = new PairAccumulator(o, checkedInputs[c], outs[o].Shape, inputs.Originals[checkedInputs[c]].Shape, s);
        var kinks = new List<KinkPoint>();
        var columns = new CentralDifferences<TN>(numerical);
        var kinkRule = new KinkDetector(s, columns);

        for (int c = 0; c < checkedInputs.Length; c++)
        {
            int k = checkedInputs[c];
            int inLen = numerical.Leaves[k].Length;
            for (int i = 0; i < inLen; i++)
            {
                double xd = double.CreateChecked(numerical.Leaves[k].ReadOnlySpan[i]);
                var column = columns.Column(k, i, xd, s.Step(xd));
                Differences? quarter = null;
                for (int o = 0; o < outs.Length; o++)
                {
                    var a = rows[o][c];
                    var p = acc[o, c];
                    for (int j = 0; j < f0[o].Length; j++)
                    {
                        double av = a[(long)j * inLen + i];
                        var slopes = column.At(o, j, f0[o][j]);
                        if (av == 0 && slopes.Central == 0 && slopes.Right == 0 && slopes.Left == 0)
                        {
                            p.CountTrivial();
                            continue;
                        }
                        var verdict = kinkRule.Judge(k, i, xd, s.Step(xd), o, j, f0[o][j], slopes, ref quarter);
                        p.Add(j, i, xd, av, slopes, verdict, kinks);
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
        string mode = notes.Count > 0 && s.Options.FastMode ? CheckOutcome.FastThenFullMode : CheckOutcome.FullMode;
        return CheckOutcome.Result(s, mode, comparisons, kinks, checks, hints, notes);
    }
}
