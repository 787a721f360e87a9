using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Gelu as a module (PyTorch's <c>nn.GELU</c>); see <see cref="Functional.Gelu{T}"/> for the formula, derivative,
/// range and kink convention.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Gelu<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the module.</summary>
    /// <param name="approximate">The exact GELU (PyTorch's default 'none') or the tanh approximation.</param>
    /// <exception cref="ArgumentException">A parameter is invalid (see <see cref="Functional.Gelu{T}"/>).</exception>
    public Gelu(GeluApproximation approximate = GeluApproximation.None)
    {
        if (approximate is not (GeluApproximation.None or GeluApproximation.Tanh)) throw new ArgumentOutOfRangeException(nameof(approximate), approximate, "Gelu: approximate must be None or Tanh.");
        Approximate = approximate;
    }

    /// <summary>Which GELU is computed.</summary>
    public GeluApproximation Approximate { get; }

    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Gelu(input, Approximate);

    /// <inheritdoc/>
    protected override string ExtraRepresentation() => $"approximate: {Approximate}";
}
