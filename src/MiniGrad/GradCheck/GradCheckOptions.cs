namespace MiniGrad;

/// <summary>
/// Settings of <see cref="GradCheck"/>. The defaults are PyTorch's <c>gradcheck</c> defaults (eps 1e-6, atol 1e-5,
/// rtol 1e-3, full Jacobian, exact reentrancy), designed for double precision.
/// </summary>
public sealed record GradCheckOptions
{
    /// <summary>The default settings.</summary>
    public static GradCheckOptions Default { get; } = new();

    /// <summary>The central-difference step. For a float32 function checked in float32 it is
    /// <see cref="Float32Eps"/> times max(1, |x|) instead.</summary>
    public double Eps { get; init; } = 1e-6;

    /// <summary>Absolute tolerance: an element passes when |analytic - numerical| &lt;= Atol + Rtol * |numerical|.</summary>
    public double Atol { get; init; } = 1e-5;

    /// <summary>Relative tolerance (see <see cref="Atol"/>).</summary>
    public double Rtol { get; init; } = 1e-3;

    /// <summary>Tolerance between two backward passes with the same upstream gradient (0: bit-identical, as PyTorch).</summary>
    public double NondetTol { get; init; }

    /// <summary>
    /// Units in the last place that two backward passes with the same upstream gradient may also differ by (0:
    /// bit-identical, as PyTorch). <see cref="GradCheck.CheckActivation(Func{Tensor{double}, Tensor{double}}, ActivationCheckOptions?, string)"/>
    /// and the CLI allow 4: vectorized math may round the last bit differently from one call to the next (the JIT
    /// recompiles hot code), which is not the kind of nondeterminism this check is for.
    /// </summary>
    public int NondetUlps { get; init; }

    /// <summary>Compare vᵀJu for random seeded unit vectors instead of the whole Jacobian; on a mismatch, the full
    /// check runs to locate the bad elements.</summary>
    public bool FastMode { get; init; }

    /// <summary>The seed of the random vectors (fast mode, upstream gradients of the extra checks).</summary>
    public ulong Seed { get; init; } = 1234;

    /// <summary>Throw a <see cref="GradCheckException"/> carrying the report when the check fails.</summary>
    public bool ThrowOnFailure { get; init; }

    /// <summary>Compare one-sided differences to recognise kinks (non-differentiable points) instead of failing there.</summary>
    public bool DetectKinks { get; init; } = true;

    /// <summary>
    /// Use the structure of the recorded graph: when it consists only of elementwise ops, the diagonal Jacobian is
    /// estimated with all columns perturbed at once and verified (see <see cref="GradCheck"/>'s remarks); off, every
    /// column and row is computed on its own.
    /// </summary>
    public bool UseStructure { get; init; } = true;

    /// <summary>How many of the worst elements the report lists per output and input.</summary>
    public int WorstCount { get; init; } = 5;

    /// <summary>The relative step used when a float32 function is differenced in float32 (no double version given).</summary>
    public double Float32Eps { get; init; } = 1e-3;

    /// <summary>Absolute tolerance for a float32 function differenced in float32.</summary>
    public double Float32Atol { get; init; } = 1e-3;

    /// <summary>Relative tolerance for a float32 function differenced in float32.</summary>
    public double Float32Rtol { get; init; } = 1e-2;

    /// <summary>Absolute tolerance when a float32 gradient is compared with a double-precision numerical one.</summary>
    public double Float32AnalyticAtol { get; init; } = 1e-4;

    /// <summary>Relative tolerance when a float32 gradient is compared with a double-precision numerical one.</summary>
    public double Float32AnalyticRtol { get; init; } = 1e-3;
}
