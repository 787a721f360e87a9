using System.Numerics;

namespace MiniGrad;

/// <summary>
/// Runs one check for <see cref="GradCheck"/>: the analytic side runs the function under test on
/// <typeparamref name="TA"/> tensors and goes backward; the numerical side runs a version of the function on
/// <typeparamref name="TN"/> tensors (the same function, or its double twin) and differences it. This type validates,
/// picks the mode and owns the check's tape and leaves; the modes are <see cref="FullJacobianCheck{TA, TN}"/> and
/// <see cref="FastCheck{TA, TN}"/>.
/// </summary>
internal static class GradChecker<TA, TN>
    where TA : unmanaged, IBinaryFloatingPointIeee754<TA>
    where TN : unmanaged, IBinaryFloatingPointIeee754<TN>
{
    /// <summary>Checks <paramref name="fa"/>'s gradients at <paramref name="inputs"/> against differences of <paramref name="fn"/>.</summary>
    public static GradCheckResult Run(Func<Tensor<TA>[], Tensor<TA>[]> fa, Func<Tensor<TN>[], Tensor<TN>[]> fn,
        Tensor<TA>[] inputs, CheckSettings s)
    {
        CheckValidation.Arguments(fa, fn, inputs, s.Options);
        var leaves = new InputLeaves<TA>(inputs);

        using var tape = Tape.Begin();
        var result = s.Options.FastMode
            ? new FastCheck<TA, TN>(fa, fn, leaves, s).Run()
            : new FullJacobianCheck<TA, TN>(fa, fn, leaves, s).Run(notes: []);
        // Everything reported was read out as numbers: the forward passes' buffers go back to the pool.
        CheckBuffers.Recycle<TA>(tape);
        leaves.DisposeLeaves();
        return result;
    }
}
