using CommunityToolkit.HighPerformance.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace MiniGrad;

/// <summary>
/// Fast mode's numerical side: vᵀ(J u) per output and checked input from two evaluations with the whole input
/// perturbed along ±eps u, read out in place and reduced without copies, every temporary buffer back to the pool.
/// </summary>
internal sealed class DirectionalDifferences<TN>(NumericalFunction<TN> function, int[] checkedInputs, CheckSettings s)
    where TN : unmanaged, IBinaryFloatingPointIeee754<TN>
{
    /// <summary>
    /// The numerical vᵀ(J u) per output and checked input, and the effective direction per input: the steps
    /// actually taken after rounding to <typeparamref name="TN"/>, divided by 2 eps. The numerical outputs must match
    /// the lengths of <paramref name="analyticOutputs"/>.
    /// </summary>
    public (double[,] VJu, double[][] UEff) Compute<TA>(Tensor<TA>[] analyticOutputs, double[][] u, double[][] v)
        where TA : unmanaged, IBinaryFloatingPointIeee754<TA>
    {
        var leaves = function.Leaves;
        var numerical = new double[analyticOutputs.Length, checkedInputs.Length];
        var uEff = new double[checkedInputs.Length][];
        var plus = new double[analyticOutputs.Length][];
        for (int c = 0; c < checkedInputs.Length; c++)
        {
            var span = leaves[checkedInputs[c]].Span;
            // The unperturbed values, written back whatever happens.
            using var x0 = SpanOwner<TN>.Allocate(span.Length);
            span.CopyTo(x0.Span);
            var ue = uEff[c] = GC.AllocateUninitializedArray<double>(span.Length);
            var scope = TemporaryScope.Begin();
            bool completed = false;
            try
            {
                Perturb(x0.Span, u[c], plus: true, span);
                DoubleSpans.View<TN>(span).CopyTo(ue);
                // Read out at once: an output may share the perturbed input's buffer (a view, the identity).
                var fp = function.EvaluateTensors();
                CheckLengths(fp, analyticOutputs);
                for (int o = 0; o < fp.Length; o++)
                    DoubleSpans.View(fp[o].ReadOnlySpan).CopyTo(plus[o] ??= GC.AllocateUninitializedArray<double>(fp[o].Length));
                Perturb(x0.Span, u[c], plus: false, span);
                FastReductions.Difference(ue, DoubleSpans.View<TN>(span), 2 * s.Eps, ue);
                var fm = function.EvaluateTensors();
                CheckLengths(fm, analyticOutputs);
                for (int o = 0; o < fm.Length; o++)
                    numerical[o, c] = FastReductions.DotDifference(v[o], plus[o], DoubleSpans.View(fm[o].ReadOnlySpan)) / (2 * s.Eps);
                completed = true;
            }
            finally
            {
                scope.End(completed);
                x0.Span.CopyTo(span);
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
            double d = s.Step(xd) * u[i];
            destination[i] = TN.CreateChecked(plus ? xd + d : xd - d);
        }
    }

    private static void CheckLengths<TA>(Tensor<TN>[] outs, Tensor<TA>[] analytic)
        where TA : unmanaged, IBinaryFloatingPointIeee754<TA>
    {
        CheckValidation.OutputCount(outs.Length, analytic.Length);
        for (int o = 0; o < outs.Length; o++) CheckValidation.OutputLength(o, outs[o]?.Length, analytic[o].Length);
    }
}
