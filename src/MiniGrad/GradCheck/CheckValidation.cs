using System.Numerics;

namespace MiniGrad;

/// <summary>
/// What a check refuses before and while it runs: bad arguments and options (argument exceptions, before any work),
/// and functions that return no outputs or numerical twins whose outputs do not match the function under test.
/// </summary>
internal static class CheckValidation
{
    /// <summary>Throws for a null function, no inputs, a null input, or options out of range.</summary>
    public static void Arguments<TA, TN>(Func<Tensor<TA>[], Tensor<TA>[]> fa, Func<Tensor<TN>[], Tensor<TN>[]> fn,
        Tensor<TA>[] inputs, GradCheckOptions options)
        where TA : unmanaged, IBinaryFloatingPointIeee754<TA>
        where TN : unmanaged, IBinaryFloatingPointIeee754<TN>
    {
        ArgumentNullException.ThrowIfNull(fa);
        ArgumentNullException.ThrowIfNull(fn);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0) throw new ArgumentException("GradCheck: give at least one input tensor.", nameof(inputs));
        for (int k = 0; k < inputs.Length; k++)
            if (inputs[k] is null) throw new ArgumentNullException(nameof(inputs), $"GradCheck: input {k} is null.");
        Options(options);
    }

    /// <summary>Throws for a step that is not positive, a negative tolerance, or negative counts.</summary>
    public static void Options(GradCheckOptions o)
    {
        if (!(o.Eps > 0) || !(o.Atol >= 0) || !(o.Rtol >= 0) || !(o.NondetTol >= 0) || !(o.Float32Eps > 0))
            throw new ArgumentException($"GradCheckOptions: eps must be > 0 and tolerances >= 0 (eps {o.Eps}, atol {o.Atol}, rtol {o.Rtol}, nondetTol {o.NondetTol}).");
        if (o.NondetUlps < 0)
            throw new ArgumentOutOfRangeException(nameof(o.NondetUlps), o.NondetUlps, "GradCheckOptions: NondetUlps must be >= 0.");
        if (o.WorstCount < 0)
            throw new ArgumentOutOfRangeException(nameof(o.WorstCount), o.WorstCount, "GradCheckOptions: WorstCount must be >= 0.");
    }

    /// <summary>The outputs of the function under test, refused when there are none or one is null.</summary>
    public static Tensor<TA>[] AnalyticOutputs<TA>(Tensor<TA>[]? outs)
        where TA : unmanaged, IBinaryFloatingPointIeee754<TA>
    {
        if (outs is null) throw new InvalidOperationException("GradCheck: the function returned null.");
        if (outs.Length == 0) throw new InvalidOperationException("GradCheck: the function returned no output.");
        for (int o = 0; o < outs.Length; o++)
            if (outs[o] is null) throw new InvalidOperationException($"GradCheck: output {o} of the function is null.");
        return outs;
    }

    /// <summary>The outputs of the numerical function, refused when there are none.</summary>
    public static Tensor<TN>[] NumericalOutputs<TN>(Tensor<TN>[]? outs)
        where TN : unmanaged, IBinaryFloatingPointIeee754<TN> =>
        outs is null || outs.Length == 0 ? throw new InvalidOperationException("GradCheck: the numerical function returned no output.") : outs;

    /// <summary>Throws when the numerical function returned another number of outputs than the function under test.</summary>
    public static void OutputCount(int numerical, int analytic)
    {
        if (numerical != analytic)
            throw new InvalidOperationException($"GradCheck: the numerical function returned {numerical} outputs, the function under test {analytic}.");
    }

    /// <summary>Throws when numerical output <paramref name="o"/> is missing (null) or has another length than the analytic one.</summary>
    public static void OutputLength(int o, int? numerical, int analytic)
    {
        if (numerical != analytic)
            throw new InvalidOperationException($"GradCheck: output {o} has {analytic} elements but its numerical version {numerical ?? 0}.");
    }
}
