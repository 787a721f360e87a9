namespace MiniGrad;

/// <summary>
/// How one check compares: tolerances, step, precision label, and how the numerical side is evaluated; and the rules
/// every mode applies with them (the step at x, the tolerance at a magnitude, when one-sided slopes suggest a kink).
/// </summary>
internal readonly record struct CheckSettings(
    double Eps, bool RelativeStep, double Atol, double Rtol, double NondetTol, string Precision, bool NumericalNeedsGrad,
    GradCheckOptions Options)
{
    /// <summary>A double function differenced in double, with PyTorch's absolute step.</summary>
    public static CheckSettings Float64(GradCheckOptions o) =>
        new(o.Eps, false, o.Atol, o.Rtol, o.NondetTol, "float64", false, o);

    /// <summary>A float32 function differenced in float32: a step relative to |x| and looser tolerances, since a
    /// float32 difference of an absolute 1e-6 step is mostly rounding.</summary>
    public static CheckSettings Float32(GradCheckOptions o) =>
        new(o.Float32Eps, true, o.Float32Atol, o.Float32Rtol, o.NondetTol,
            "float32 (numerical differences in float32: relative step, float32 tolerances)", false, o);

    /// <summary>A float32 gradient against central differences of the function's double version.</summary>
    public static CheckSettings Float32AgainstFloat64(GradCheckOptions o) =>
        new(o.Eps, false, o.Float32AnalyticAtol, o.Float32AnalyticRtol, o.NondetTol, "float32 analytic, float64 numerical", false, o);

    /// <summary>A gradient function checked in double: it differentiates internally, so its numerical evaluations record.</summary>
    public static CheckSettings SecondOrder(GradCheckOptions o) =>
        new(o.Eps, false, o.Atol, o.Rtol, o.NondetTol, "float64, second order (gradients of gradients)", true, o);

    /// <summary>The central-difference step at <paramref name="x"/>.</summary>
    public double Step(double x) => RelativeStep ? Eps * Math.Max(1.0, Math.Abs(x)) : Eps;

    /// <summary>How far apart two values of about <paramref name="magnitude"/> may be: atol + rtol × magnitude.</summary>
    public double Tolerance(double magnitude) => Atol + Rtol * magnitude;

    /// <summary>True when kinks are looked for and the finite one-sided slopes disagree beyond the tolerance.</summary>
    public bool SuspectsKink(double right, double left) =>
        Options.DetectKinks && double.IsFinite(right) && double.IsFinite(left) &&
        Math.Abs(right - left) > Tolerance(Math.Max(Math.Abs(right), Math.Abs(left)));
}
