using System.Numerics;
using System.Runtime.InteropServices;
using static MiniGrad.GradCheckReport;

namespace MiniGrad;

/// <summary>
/// The extra checks on backward passes that every mode runs (PyTorch's reentrancy and "backward multiplied by
/// grad_output" checks, and finiteness), accumulated over outputs and inputs: a repeated pass with the same upstream
/// gradient must give the same gradient, a pass with a zero upstream gradient must give zero, and a pass with a random
/// upstream gradient must give finite values.
/// </summary>
/// <typeparam name="TA">The element type of the analytic side: its ulps are the unit of <see cref="GradCheckOptions.NondetUlps"/>.</typeparam>
internal sealed class BackwardConsistency<TA>(CheckSettings s)
    where TA : unmanaged, IBinaryFloatingPointIeee754<TA>
{
    private double worstNondet, worstZero;
    private bool nondetOk = true, finite = true, zeroNaN;

    /// <summary>
    /// Adds one output's gradients for one input: <paramref name="first"/> and <paramref name="repeat"/> from two
    /// passes with the same upstream gradient, <paramref name="zero"/> from a pass with a zero upstream gradient.
    /// </summary>
    public void Add<TE>(ReadOnlySpan<TE> first, ReadOnlySpan<TE> repeat, ReadOnlySpan<TE> zero)
        where TE : unmanaged, IBinaryFloatingPointIeee754<TE>
    {
        if (first.Length != repeat.Length || first.Length != zero.Length)
            throw new ArgumentException("BackwardConsistency: the three gradients must have one length.");
        // The common case, two bit-identical passes, is one vectorized comparison; otherwise (which includes NaNs
        // with other payloads, and 0 against -0) element by element.
        if (!MemoryMarshal.AsBytes(first).SequenceEqual(MemoryMarshal.AsBytes(repeat)))
        {
            for (int i = 0; i < first.Length; i++)
            {
                double d1 = double.CreateChecked(first[i]), d2 = double.CreateChecked(repeat[i]);
                if (d1 == d2 || (double.IsNaN(d1) && double.IsNaN(d2))) continue;
                double diff = double.IsFinite(d1) && double.IsFinite(d2) ? Math.Abs(d1 - d2) : double.PositiveInfinity;
                worstNondet = Math.Max(worstNondet, diff);
                // Ulps of the element type under test: a float gradient's last bit is 2^29 double ulps.
                double ulp = Math.Max(Ulp(d1), Ulp(d2));
                if (!(diff <= s.NondetTol + s.Options.NondetUlps * ulp)) nondetOk = false;
            }
        }
        if (MemoryMarshal.AsBytes(zero).IndexOfAnyExcept((byte)0) >= 0) // not all +0: look closer
        {
            foreach (var z in zero)
            {
                if (TE.IsNaN(z)) zeroNaN = true;
                else worstZero = Math.Max(worstZero, Math.Abs(double.CreateChecked(z)));
            }
        }
        if (finite) finite = Kernels.Finite.IndexOfNonFinite<TE>(first) < 0;
    }

    /// <summary>Adds the sub-checks and hints.</summary>
    public void Report(List<SubCheck> checks, List<GradCheckHint> hints)
    {
        checks.Add(new SubCheck("backward twice gives the same gradient", nondetOk,
            $"max difference {Number(worstNondet)} (tolerance {Number(s.NondetTol)}{(s.Options.NondetUlps > 0 ? $" + {s.Options.NondetUlps} ulps" : "")})"));
        if (!nondetOk)
            hints.Add(new GradCheckHint(GradCheckHintKind.Nondeterministic,
                $"two backward passes with the same upstream gradient differ by up to {Number(worstNondet)}: backward depends on state " +
                "(a counter, an unseeded random number, a buffer modified in place) or accumulates into something it keeps. " +
                "If the nondeterminism is intended, raise NondetTol."));
        bool zeroOk = worstZero == 0 && !zeroNaN;
        checks.Add(new SubCheck("zero upstream gives zero gradient", zeroOk,
            zeroNaN ? "NaN in the gradient (0 × infinity: a local derivative is infinite somewhere)" : $"max |gradient| {Number(worstZero)}"));
        if (worstZero > 0)
            hints.Add(new GradCheckHint(GradCheckHintKind.NotScaledByUpstream,
                $"with a zero upstream gradient, backward still returned values up to {Number(worstZero)}: backward ignores (or adds to) " +
                "the incoming gradient g; it must return g * f'(x), not f'(x)."));
    }

    /// <summary>Adds the finiteness sub-check when it failed (after the linearity check, where the full mode has one).</summary>
    public void ReportFinite(List<SubCheck> checks)
    {
        if (!finite)
            checks.Add(new SubCheck("finite gradients", false, "backward with a random upstream gradient produced NaN or infinity"));
    }

    /// <summary>The spacing of <typeparamref name="TA"/> values at <paramref name="v"/>, in double.</summary>
    private static double Ulp(double v)
    {
        if (!double.IsFinite(v)) return 0;
        TA t = TA.Abs(TA.CreateChecked(v));
        return double.CreateChecked(TA.BitIncrement(t) - t);
    }
}
