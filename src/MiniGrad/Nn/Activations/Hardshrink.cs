using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad.Nn;

/// <summary>
/// Hardshrink as a module (PyTorch's <c>nn.Hardshrink</c>); see <see cref="Functional.Hardshrink{T}"/> for the formula, derivative,
/// range and kink convention.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Hardshrink<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the module.</summary>
    /// <param name="lambda">The half-width λ of the zeroed band; PyTorch's default 0.5.</param>
    /// <exception cref="ArgumentException">A parameter is invalid (see <see cref="Functional.Hardshrink{T}"/>).</exception>
    public Hardshrink(double lambda = 0.5)
    {
        ActivationHelpers.NotNaN(lambda, "Hardshrink", nameof(lambda));
        Lambda = @lambda;
    }

    /// <summary>The half-width λ.</summary>
    public double Lambda { get; }

    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Hardshrink(input, Lambda);

    /// <inheritdoc/>
    protected override string ExtraRepresentation() => $"lambda: {ActivationHelpers.Number(Lambda)}";
}
