using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad.Nn;

/// <summary>
/// Softplus as a module (PyTorch's <c>nn.Softplus</c>); see <see cref="Functional.Softplus{T}"/> for the formula, derivative,
/// range and kink convention.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Softplus<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the module.</summary>
    /// <param name="beta">The sharpness β; PyTorch's default 1.</param>
    /// <param name="threshold">Above <c>βx = threshold</c> the function is linear; PyTorch's default 20.</param>
    /// <exception cref="ArgumentException">A parameter is invalid (see <see cref="Functional.Softplus{T}"/>).</exception>
    public Softplus(double beta = 1.0, double threshold = 20.0)
    {
        // Checked here, not only at Forward, so that a bad module is refused where it is made.
        SoftplusFunction<T>.CheckParameters(beta, threshold);
        Beta = beta;
        Threshold = threshold;
    }

    /// <summary>The sharpness β.</summary>
    public double Beta { get; }

    /// <summary>The threshold.</summary>
    public double Threshold { get; }

    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Softplus(input, Beta, Threshold);

    /// <inheritdoc/>
    protected override string ExtraRepresentation() => $"beta: {ActivationHelpers.Number(Beta)}, threshold: {ActivationHelpers.Number(Threshold)}";
}
