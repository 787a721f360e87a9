using System.Numerics;
using static MiniGrad.GradCheckReport;

namespace MiniGrad;

/// <summary>
/// The checks on backward passes beside the Jacobian comparison, PyTorch's and MiniGrad's: two passes with one random
/// upstream gradient agree, a zero upstream gives zero, the gradient is finite (see <see cref="BackwardConsistency{TA}"/>),
/// and one pass with a random upstream gradient equals the same combination of the Jacobian's rows (or, for an
/// elementwise function, of its diagonal).
/// </summary>
internal static class BackwardExtraChecks
{
    /// <summary>
    /// Adds the consistency checks for every output, and the linearity check against <paramref name="rows"/> (see
    /// <see cref="AnalyticJacobian{TA}.Rows"/>) unless they are null.
    /// </summary>
    public static void Run<TA>(AnalyticJacobian<TA> analytic, double[][][]? rows, CheckSettings s, List<SubCheck> checks,
        List<GradCheckHint> hints)
        where TA : unmanaged, IBinaryFloatingPointIeee754<TA>
    {
        var gen = new Generator(s.Options.Seed ^ 0x5EED);
        var consistency = new BackwardConsistency<TA>(s);
        var linearity = new Linearity();
        var outs = analytic.Outputs;
        for (int o = 0; o < outs.Length; o++)
        {
            if (!outs[o].RequiresGrad) continue;
            var v = Tensor<TA>.RandomNormal(gen, outs[o].Shape.Dims.ToArray());
            var g1 = analytic.Vjp(outs[o], v);
            var g2 = analytic.Vjp(outs[o], v);
            var zero = analytic.Vjp(outs[o], Tensor<TA>.Zeros(outs[o].Shape));
            var vs = v.ReadOnlySpan;
            for (int c = 0; c < g1.Length; c++)
            {
                consistency.Add<double>(g1[c], g2[c], zero[c]);
                if (rows is null) continue;
                int inLen = g1[c].Length;
                var a = rows[o][c];
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
                    if (linearity.IsFirstFailure(g1[c][i], expected, s.Tolerance(scale)))
                        linearity.Failure = $"output {o}, input {analytic.CheckedIndex(c)}[{i}]: backward with a random upstream gives {Number(g1[c][i])}, " +
                                            $"the rows of the Jacobian combined give {Number(expected)}";
                }
            }
        }
        consistency.Report(checks, hints);
        if (rows is not null) checks.Add(linearity.Result());
        consistency.ReportFinite(checks);
    }

    /// <summary>
    /// Adds the linearity check of the one output against its <paramref name="diagonals"/> (per checked input),
    /// skipping the elements in <paramref name="exact"/>, whose rows were checked exactly.
    /// </summary>
    public static void LinearAgainstDiagonal<TA>(AnalyticJacobian<TA> analytic, double[][] diagonals, HashSet<int>[] exact,
        CheckSettings s, List<SubCheck> checks)
        where TA : unmanaged, IBinaryFloatingPointIeee754<TA>
    {
        var output = analytic.Outputs[0];
        int n = output.Length;
        var gen = new Generator(s.Options.Seed ^ 0x11EA);
        var v = Tensor<TA>.RandomNormal(gen, output.Shape.Dims.ToArray());
        var g = analytic.Vjp(output, v);
        var linearity = new Linearity();
        for (int c = 0; c < g.Length; c++)
        {
            for (int i = 0; i < n; i++)
            {
                if (exact[c].Contains(i)) continue;
                double expected = double.CreateChecked(v.ReadOnlySpan[i]) * diagonals[c][i];
                if (linearity.IsFirstFailure(g[c][i], expected, s.Tolerance(Math.Abs(expected))))
                    linearity.Failure = $"input {analytic.CheckedIndex(c)}[{i}]: backward with a random upstream gives {Number(g[c][i])}, the diagonal gives {Number(expected)}";
            }
        }
        checks.Add(linearity.Result());
    }

    /// <summary>The largest difference seen, and the first one that fails where the expected value is finite.</summary>
    private sealed class Linearity
    {
        private double worst;

        public string? Failure { get; set; }

        /// <summary>Records the difference; true when it is the first failure, which the caller then describes in <see cref="Failure"/>.</summary>
        public bool IsFirstFailure(double actual, double expected, double tolerance)
        {
            double err = Math.Abs(actual - expected);
            if (err > worst) worst = err;
            return !(err <= tolerance) && Failure is null && double.IsFinite(expected);
        }

        public SubCheck Result() =>
            new("backward is linear in the upstream gradient", Failure is null, Failure ?? $"max difference {Number(worst)}");
    }
}
