using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Glu as a module (PyTorch's <c>nn.GLU</c>); see <see cref="Functional.Glu{T}"/> for the formula, derivative,
/// range and kink convention.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Glu<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the module.</summary>
    /// <param name="dim">The dim to split in halves; PyTorch's default -1.</param>
    /// <exception cref="ArgumentException">A parameter is invalid (see <see cref="Functional.Glu{T}"/>).</exception>
    public Glu(int dim = -1)
    {
        Dim = dim;
    }

    /// <summary>The dim the op works along.</summary>
    public int Dim { get; }

    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Glu(input, Dim);

    /// <inheritdoc/>
    protected override string ExtraRepresentation() => $"dim: {Dim}";
}
