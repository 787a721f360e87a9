using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad.Nn;

/// <summary>
/// The leaky rectified linear unit as a module (PyTorch's <c>nn.LeakyReLU</c>); see
/// <see cref="Functional.LeakyRelu{T}"/>. Prints as <c>LeakyRelu(negativeSlope: 0.01)</c>.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class LeakyRelu<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the module.</summary>
    /// <param name="negativeSlope">The slope for negative inputs; PyTorch's default 0.01.</param>
    /// <exception cref="ArgumentException"><paramref name="negativeSlope"/> is NaN.</exception>
    public LeakyRelu(double negativeSlope = 0.01)
    {
        ActivationHelpers.NotNaN(negativeSlope, "LeakyRelu", nameof(negativeSlope));
        NegativeSlope = negativeSlope;
    }

    /// <summary>The slope for negative inputs.</summary>
    public double NegativeSlope { get; }

    /// <summary>Applies the leaky ReLU elementwise.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.LeakyRelu(input, NegativeSlope);

    /// <inheritdoc/>
    protected override string ExtraRepresentation() => $"negativeSlope: {ActivationHelpers.Number(NegativeSlope)}";
}
