namespace MiniGrad;

/// <summary>The outcome of a <see cref="GradCheck"/> run: pass or fail, the worst elements, kinks, hints and a report.</summary>
public sealed class GradCheckResult
{
    internal GradCheckResult(bool passed, string mode, string precision, double eps, double atol, double rtol,
        IReadOnlyList<JacobianComparison> comparisons, IReadOnlyList<KinkPoint> kinks, IReadOnlyList<SubCheck> checks,
        IReadOnlyList<GradCheckHint> hints, IReadOnlyList<string> notes)
    {
        Passed = passed;
        Mode = mode;
        Precision = precision;
        Eps = eps;
        Atol = atol;
        Rtol = rtol;
        Comparisons = comparisons;
        Kinks = kinks;
        Checks = checks;
        Hints = hints;
        Notes = notes;
    }

    /// <summary>True when every compared element and every extra check passed.</summary>
    public bool Passed { get; }

    /// <summary>"full Jacobian", "fast (vᵀJu)" or "fast (vᵀJu), then full Jacobian".</summary>
    public string Mode { get; }

    /// <summary>The precision of the analytic and numerical sides, e.g. "float64" or "float32 analytic, float64 numerical".</summary>
    public string Precision { get; }

    /// <summary>The step used (relative to max(1, |x|) for float32 differencing).</summary>
    public double Eps { get; }

    /// <summary>The absolute tolerance used.</summary>
    public double Atol { get; }

    /// <summary>The relative tolerance used.</summary>
    public double Rtol { get; }

    /// <summary>One entry per (output, input) pair compared.</summary>
    public IReadOnlyList<JacobianComparison> Comparisons { get; }

    /// <summary>Points where the left and right one-sided differences disagree (non-differentiable points).</summary>
    public IReadOnlyList<KinkPoint> Kinks { get; }

    /// <summary>The extra checks: reentrant backward, zero upstream gives zero, gradient shapes, finiteness, linearity.</summary>
    public IReadOnlyList<SubCheck> Checks { get; }

    /// <summary>Diagnoses of recognisable patterns in the mismatches.</summary>
    public IReadOnlyList<GradCheckHint> Hints { get; }

    /// <summary>Other remarks (e.g. why fast mode fell back to the full check).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The largest |analytic - numerical| over all compared elements (kinks that passed excluded).</summary>
    public double MaxAbsError => Comparisons.Count == 0 ? 0 : Comparisons.Max(c => c.MaxAbsError);

    /// <summary>The largest relative error |analytic - numerical| / |numerical| over elements whose numerical value exceeds atol.</summary>
    public double MaxRelError => Comparisons.Count == 0 ? 0 : Comparisons.Max(c => c.MaxRelError);

    /// <summary>True when a hint of <paramref name="kind"/> was given.</summary>
    public bool HasHint(GradCheckHintKind kind) => Hints.Any(h => h.Kind == kind);

    /// <summary>The human-readable report.</summary>
    public string Report => GradCheckReport.Format(this);

    /// <summary>Throws a <see cref="GradCheckException"/> with the report when the check failed.</summary>
    public GradCheckResult ThrowIfFailed() => Passed ? this : throw new GradCheckException(this);

    /// <inheritdoc/>
    public override string ToString() => Report;
}

/// <summary>The comparison of the analytic and numerical Jacobian of one output with respect to one input.</summary>
/// <param name="OutputIndex">Which output of the function.</param>
/// <param name="InputIndex">Which input of the function.</param>
/// <param name="OutputShape">The output's shape.</param>
/// <param name="InputShape">The input's shape.</param>
/// <param name="Compared">How many Jacobian entries (or vᵀJu products in fast mode) were compared.</param>
/// <param name="Mismatches">How many failed the tolerance (kinks accepted as such not counted).</param>
/// <param name="MaxAbsError">The largest |analytic - numerical|.</param>
/// <param name="MaxRelError">The largest relative error over entries whose numerical value exceeds atol.</param>
/// <param name="Worst">The worst entries, worst first (failures first, then the largest errors).</param>
public sealed record JacobianComparison(int OutputIndex, int InputIndex, TensorShape OutputShape, TensorShape InputShape,
    long Compared, long Mismatches, double MaxAbsError, double MaxRelError, IReadOnlyList<ElementComparison> Worst)
{
    /// <summary>True when no entry failed.</summary>
    public bool Passed => Mismatches == 0;
}

/// <summary>One Jacobian entry: d output[OutputElement] / d input[InputElement].</summary>
/// <param name="OutputElement">Flat index into the output.</param>
/// <param name="InputElement">Flat index into the input.</param>
/// <param name="OutputIndex">The full index into the output, such as [1, 2].</param>
/// <param name="InputIndex">The full index into the input.</param>
/// <param name="X">The input element's value.</param>
/// <param name="Analytic">The backward pass's value.</param>
/// <param name="Numerical">The central difference.</param>
/// <param name="AbsError">|analytic - numerical|.</param>
/// <param name="RelError">AbsError / |numerical| (infinite when numerical is 0 and analytic is not).</param>
/// <param name="Passed">Within tolerance (or accepted at a kink).</param>
/// <param name="AtKink">The left and right slopes differ here.</param>
public sealed record ElementComparison(int OutputElement, int InputElement, string OutputIndex, string InputIndex, double X,
    double Analytic, double Numerical, double AbsError, double RelError, bool Passed, bool AtKink);

/// <summary>A point where the function is not differentiable: the one-sided differences disagree.</summary>
/// <param name="OutputIndex">Which output.</param>
/// <param name="InputIndex">Which input.</param>
/// <param name="OutputElement">Flat index into the output.</param>
/// <param name="InputElement">Flat index into the input.</param>
/// <param name="X">The input element's value.</param>
/// <param name="LeftSlope">(f(x) - f(x - h)) / h.</param>
/// <param name="RightSlope">(f(x + h) - f(x)) / h.</param>
/// <param name="Analytic">The backward pass's value there.</param>
/// <param name="Accepted">True when the analytic value lies between the two slopes (within tolerance).</param>
/// <param name="IsJump">True when f itself jumps there (Hardshrink at ±lambda, Threshold at its threshold): the
/// one-sided slopes grow as the step shrinks.</param>
public sealed record KinkPoint(int OutputIndex, int InputIndex, int OutputElement, int InputElement, double X,
    double LeftSlope, double RightSlope, double Analytic, bool Accepted, bool IsJump = false);

/// <summary>One of the extra checks.</summary>
/// <param name="Name">What was checked.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Detail">Numbers or the error met.</param>
public sealed record SubCheck(string Name, bool Passed, string Detail);

/// <summary>A diagnosis of a recognisable pattern.</summary>
/// <param name="Kind">The pattern.</param>
/// <param name="Message">What it suggests, with the numbers.</param>
/// <param name="OutputIndex">The output it concerns (-1 for all).</param>
/// <param name="InputIndex">The input it concerns (-1 for all).</param>
public sealed record GradCheckHint(GradCheckHintKind Kind, string Message, int OutputIndex = -1, int InputIndex = -1);

/// <summary>The patterns <see cref="GradCheck"/> recognises in mismatches.</summary>
public enum GradCheckHintKind
{
    /// <summary>Analytic ≈ 2 × numerical: the gradient is accumulated twice.</summary>
    AccumulatedTwice,

    /// <summary>Analytic ≈ −numerical: a sign is wrong.</summary>
    OppositeSign,

    /// <summary>Analytic is zero where numerical is not: backward is missing or disconnected.</summary>
    MissingBackward,

    /// <summary>Analytic = k × numerical for a constant k: a constant factor is missing or extra.</summary>
    ConstantFactor,

    /// <summary>Numerical is half of analytic at a kink: the central difference averages the two slopes.</summary>
    HalfAtKink,

    /// <summary>The mismatches are confined to one range of input values.</summary>
    WrongInRange,

    /// <summary>Backward does not scale with the upstream gradient (zero upstream gave a nonzero gradient).</summary>
    NotScaledByUpstream,

    /// <summary>Two backward passes with the same upstream gradient differ.</summary>
    Nondeterministic,

    /// <summary>The analytic gradient has NaN or infinite values where the numerical one is finite.</summary>
    NotFinite,

    /// <summary>Backward failed (threw, or returned a gradient of the wrong shape).</summary>
    BackwardError,
}

/// <summary>Thrown by a failed check when <see cref="GradCheckOptions.ThrowOnFailure"/> is set; the message is the report.</summary>
public sealed class GradCheckException : Exception
{
    /// <summary>Creates the exception for <paramref name="result"/>.</summary>
    public GradCheckException(GradCheckResult result)
        : base((result ?? throw new ArgumentNullException(nameof(result))).Report) => Result = result;

    /// <summary>The failed check's result.</summary>
    public GradCheckResult Result { get; }
}
