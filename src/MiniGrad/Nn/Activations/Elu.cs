using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad.Nn;

/// <summary>
/// Elu as a module (PyTorch's <c>nn.ELU</c>); see <see cref="Functional.Elu{T}"/> for the formula, derivative,
/// range and kink convention.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Elu<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the module.</summary>
    /// <param name="alpha">The value approached for large negative inputs; PyTorch's default 1.</param>
    /// <exception cref="ArgumentException">A parameter is invalid (see <see cref="Functional.Elu{T}"/>).</exception>
    public Elu(double alpha = 1.0)
    {
        ActivationHelpers.NotNaN(alpha, "Elu", nameof(alpha));
        Alpha = alpha;
    }

    /// <summary>The alpha parameter.</summary>
    public double Alpha { get; }

    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Elu(input, Alpha);

    /// <inheritdoc/>
    protected override string ExtraRepresentation() => $"alpha: {ActivationHelpers.Number(Alpha)}";
}
