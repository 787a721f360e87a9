using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Softmax as a module (PyTorch's <c>nn.Softmax</c>); see <see cref="Functional.Softmax{T}"/> for the formula, derivative,
/// range and kink convention.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Softmax<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the module.</summary>
    /// <param name="dim">The dim to normalize along; negative counts from the end.</param>
    /// <exception cref="ArgumentException">A parameter is invalid (see <see cref="Functional.Softmax{T}"/>).</exception>
    public Softmax(int dim)
    {
        Dim = dim;
    }

    /// <summary>The dim the op works along.</summary>
    public int Dim { get; }

    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Softmax(input, Dim);

    /// <inheritdoc/>
    protected override string ExtraRepresentation() => $"dim: {Dim}";
}
