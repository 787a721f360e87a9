using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad.Nn;

/// <summary>
/// Celu as a module (PyTorch's <c>nn.CELU</c>); see <see cref="Functional.Celu{T}"/> for the formula, derivative,
/// range and kink convention.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Celu<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the module.</summary>
    /// <param name="alpha">The scale of the negative part; PyTorch's default 1; must not be 0.</param>
    /// <exception cref="ArgumentException">A parameter is invalid (see <see cref="Functional.Celu{T}"/>).</exception>
    public Celu(double alpha = 1.0)
    {
        ActivationHelpers.NotNaN(alpha, "Celu", nameof(alpha));
        if (alpha == 0) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Celu: alpha cannot be 0 (CELU divides by it); pass a nonzero alpha.");
        Alpha = alpha;
    }

    /// <summary>The alpha parameter.</summary>
    public double Alpha { get; }

    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Celu(input, Alpha);

    /// <inheritdoc/>
    protected override string ExtraRepresentation() => $"alpha: {ActivationHelpers.Number(Alpha)}";
}
