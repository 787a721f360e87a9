namespace MiniGrad;

/// <summary>
/// How a mode's findings become a <see cref="GradCheckResult"/>: the mode names, the verdict (every comparison and
/// every extra check passed), and the result of a backward pass that threw or returned a gradient of the wrong shape.
/// </summary>
internal static class CheckOutcome
{
    /// <summary>The full check, every entry on its own.</summary>
    public const string FullMode = "full Jacobian";
    /// <summary>The full check by the diagonal shortcut.</summary>
    public const string DiagonalMode = "full Jacobian (diagonal)";
    /// <summary>Fast mode, which passed or failed without a mismatch to locate.</summary>
    public const string FastMode = "fast (vᵀJu)";
    /// <summary>Fast mode, which found a mismatch and ran the full check to locate it.</summary>
    public const string FastThenFullMode = "fast (vᵀJu), then full Jacobian";

    /// <summary>The sub-check every mode adds once all of its backward passes returned gradients of their inputs' shapes.</summary>
    public static SubCheck GradientShapesAgree() => new("gradient shapes", true, "every gradient has its input's shape");

    /// <summary>True for the exceptions a broken backward throws, which are reported rather than passed on.</summary>
    public static bool IsBackwardError(Exception e) => e is InvalidOperationException or NotSupportedException or ArgumentException;

    /// <summary>The result of a mode that ran to the end.</summary>
    public static GradCheckResult Result(CheckSettings s, string mode, IReadOnlyList<JacobianComparison> comparisons,
        IReadOnlyList<KinkPoint> kinks, IReadOnlyList<SubCheck> checks, IReadOnlyList<GradCheckHint> hints, IReadOnlyList<string> notes)
    {
        bool passed = comparisons.All(cmp => cmp.Passed) && checks.All(ch => ch.Passed);
        return new GradCheckResult(passed, mode, s.Precision, s.Eps, s.Atol, s.Rtol, comparisons, kinks, checks, hints, notes);
    }

    /// <summary>A failed result that names what backward did: threw, is not available, or returned a wrong shape.</summary>
    public static GradCheckResult BackwardFailed(Exception e, CheckSettings s, string mode, List<SubCheck> checks,
        List<GradCheckHint> hints, List<string> notes)
    {
        bool shape = e.Message.Contains("shape", StringComparison.Ordinal);
        checks.Add(new SubCheck(shape ? "gradient shapes" : "backward runs", false, e.Message));
        hints.Add(new GradCheckHint(GradCheckHintKind.BackwardError,
            (e is NotSupportedException ? "backward is not available: " : shape ? "backward returned a gradient of the wrong shape: " : "backward threw: ") + e.Message));
        return Result(s, mode, [], [], checks, hints, notes); // fails: the check just added failed
    }
}
