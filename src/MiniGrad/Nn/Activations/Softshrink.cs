using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad.Nn;

/// <summary>
/// Softshrink as a module (PyTorch's <c>nn.Softshrink</c>); see <see cref="Functional.Softshrink{T}"/> for the formula, derivative,
/// range and kink convention.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Softshrink<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the module.</summary>
    /// <param name="lambda">The half-width λ of the dead zone; PyTorch's default 0.5; must be ≥ 0.</param>
    /// <exception cref="ArgumentException">A parameter is invalid (see <see cref="Functional.Softshrink{T}"/>).</exception>
    public Softshrink(double lambda = 0.5)
    {
        ActivationHelpers.NotNaN(lambda, "Softshrink", nameof(lambda));
        if (lambda < 0) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"Softshrink: lambda must be >= 0, but is {lambda}.");
        Lambda = @lambda;
    }

    /// <summary>The half-width λ.</summary>
    public double Lambda { get; }

    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Softshrink(input, Lambda);

    /// <inheritdoc/>
    protected override string ExtraRepresentation() => $"lambda: {ActivationHelpers.Number(Lambda)}";
}
