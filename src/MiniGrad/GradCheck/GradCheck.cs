namespace MiniGrad;

/// <summary>
/// Checks backward passes against central differences, as PyTorch's <c>torch.autograd.gradcheck</c> with the same
/// defaults (eps 1e-6, atol 1e-5, rtol 1e-3), and more: kinks are recognised instead of failing, float32 functions
/// are differenced in double when a double version is given, the result is an object with a readable report that
/// names the worst elements and hints at the likely bug, and fast mode locates what it finds.
/// </summary>
/// <remarks>
/// <para>What is checked: for every output and every input (those with <c>RequiresGrad</c>; all of them when none has),
/// each Jacobian entry from backward against <c>(f(x + h) - f(x - h)) / 2h</c>; an element passes when
/// <c>|analytic - numerical| &lt;= atol + rtol * |numerical|</c>. Also: two backward passes with the same upstream
/// gradient agree (within <see cref="GradCheckOptions.NondetTol"/>), a zero upstream gradient gives a zero gradient,
/// backward with a random upstream gradient equals the same combination of the Jacobian's rows, and every gradient
/// has its input's shape.</para>
/// <para>Kinks: where the one-sided slopes <c>(f(x) - f(x - h)) / h</c> and <c>(f(x + h) - f(x)) / h</c> differ and the
/// jump persists at a step four times smaller, the point is reported as non-differentiable, and the analytic value
/// passes if it lies between the two slopes (ReLU at 0, Hardtanh at its bounds, the shrink functions at ±lambda).</para>
/// <para>Elementwise functions (<see cref="GradCheckOptions.UseStructure"/>): when the recorded graph from the one
/// output to the checked inputs consists only of elementwise ops, each Jacobian should be diagonal, and the full check
/// differences all columns of an input at once (a random step per element) and takes all rows from one backward pass
/// (random weights). Every diagonal entry is compared at half the tolerance; an element that fails or sits at a kink is
/// recomputed on its own, and its column and row must then be exactly zero off the diagonal, else the check falls back
/// to computing every column and row on its own. A dependency the tape cannot see (a <c>Detach()</c>, arithmetic on
/// spans) mixes into the estimates with random weights and so still fails the check.</para>
/// <para>The inputs are copied: the function is run on fresh leaves, and the caller's tensors are not modified. The
/// tensors made during a check (by the function, by its backward, by the check) go back to the pool when they are no
/// longer needed, as in a training loop with <see cref="Tape.RecycleBuffers"/>: a function under test must not keep
/// them (a hook that keeps a gradient is fine: backward passes through hooks are left to the garbage collector).</para>
/// </remarks>
public static partial class GradCheck
{
    private static GradCheckResult Finish(GradCheckResult r, GradCheckOptions o) =>
        o.ThrowOnFailure ? r.ThrowIfFailed() : r;

    /// <summary>Checks the gradient of a function of one double tensor.</summary>
    public static GradCheckResult Check(Func<Tensor<double>, Tensor<double>> f, Tensor<double> input, GradCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(input);
        return Check(xs => [f(xs[0])], [input], options);
    }

    /// <summary>Checks the gradients of a function of several double tensors.</summary>
    public static GradCheckResult Check(Func<Tensor<double>[], Tensor<double>> f, Tensor<double>[] inputs, GradCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Check(xs => [f(xs)], inputs, options);
    }

    /// <summary>Checks the gradients of a function of several double tensors with several outputs.</summary>
    public static GradCheckResult Check(Func<Tensor<double>[], Tensor<double>[]> f, Tensor<double>[] inputs, GradCheckOptions? options = null)
    {
        var o = options ?? GradCheckOptions.Default;
        return Finish(GradChecker<double, double>.Run(f, f, inputs, CheckSettings.Float64(o)), o);
    }

    /// <summary>
    /// Checks a float32 function of one tensor in float32: the step is <see cref="GradCheckOptions.Float32Eps"/> × max(1, |x|)
    /// and the tolerances <see cref="GradCheckOptions.Float32Atol"/> / <see cref="GradCheckOptions.Float32Rtol"/>.
    /// Prefer the overload that also takes the double version of the function.
    /// </summary>
    public static GradCheckResult Check(Func<Tensor<float>, Tensor<float>> f, Tensor<float> input, GradCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(input);
        return Check(xs => [f(xs[0])], [input], options);
    }

    /// <summary>Checks a float32 function of several tensors in float32 (see the one-tensor overload).</summary>
    public static GradCheckResult Check(Func<Tensor<float>[], Tensor<float>[]> f, Tensor<float>[] inputs, GradCheckOptions? options = null)
    {
        var o = options ?? GradCheckOptions.Default;
        return Finish(GradChecker<float, float>.Run(f, f, inputs, CheckSettings.Float32(o)), o);
    }

    /// <summary>
    /// Checks the float32 gradient of <paramref name="f"/> against central differences of its double version
    /// <paramref name="fDouble"/> (the same function written for double), with the double step and tolerances
    /// <see cref="GradCheckOptions.Float32AnalyticAtol"/> / <see cref="GradCheckOptions.Float32AnalyticRtol"/>.
    /// </summary>
    public static GradCheckResult Check(Func<Tensor<float>, Tensor<float>> f, Func<Tensor<double>, Tensor<double>> fDouble,
        Tensor<float> input, GradCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(fDouble);
        ArgumentNullException.ThrowIfNull(input);
        return Check(xs => [f(xs[0])], xs => [fDouble(xs[0])], [input], options);
    }

    /// <summary>Checks a float32 function of several tensors against its double version (see the one-tensor overload).</summary>
    public static GradCheckResult Check(Func<Tensor<float>[], Tensor<float>[]> f, Func<Tensor<double>[], Tensor<double>[]> fDouble,
        Tensor<float>[] inputs, GradCheckOptions? options = null)
    {
        var o = options ?? GradCheckOptions.Default;
        return Finish(GradChecker<float, double>.Run(f, fDouble, inputs, CheckSettings.Float32AgainstFloat64(o)), o);
    }

    /// <summary>Checks second derivatives of a function of one double tensor (see the array overload).</summary>
    public static GradCheckResult GradGradCheck(Func<Tensor<double>, Tensor<double>> f, Tensor<double> input, GradCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(input);
        return GradGradCheck(xs => [f(xs[0])], [input], null, options);
    }

    /// <summary>
    /// Checks gradients of gradients, as PyTorch's <c>gradgradcheck</c>: the function
    /// <c>(inputs, gradOutputs) ↦ Σ vjp</c> — the gradients of the outputs with respect to the inputs for upstream
    /// gradients <paramref name="gradOutputs"/>, computed with <c>createGraph: true</c> — is itself checked with
    /// <see cref="Check(Func{Tensor{double}[], Tensor{double}[]}, Tensor{double}[], GradCheckOptions?)"/>, with respect
    /// to both the inputs and the upstream gradients. The upstream gradients are random (seeded) when not given.
    /// </summary>
    public static GradCheckResult GradGradCheck(Func<Tensor<double>[], Tensor<double>[]> f, Tensor<double>[] inputs,
        Tensor<double>[]? gradOutputs = null, GradCheckOptions? options = null)
    {
        var o = options ?? GradCheckOptions.Default;
        return Finish(SecondOrderCheck.Run(f, inputs, gradOutputs, o), o);
    }
}
