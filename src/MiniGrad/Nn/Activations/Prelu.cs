using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad.Nn;

/// <summary>
/// The parametric ReLU as a module (PyTorch's <c>nn.PReLU</c>) with a learnable parameter <c>weight</c> of
/// <see cref="NumParameters"/> slopes, initially <c>init</c> (0.25); see <see cref="Functional.Prelu{T}"/>.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Prelu<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the module and registers its <c>weight</c> parameter.</summary>
    /// <param name="numParameters">1 (one slope for all) or the number of input channels (dim 1); PyTorch's default 1.</param>
    /// <param name="init">The initial slope; PyTorch's default 0.25.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numParameters"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="init"/> is NaN.</exception>
    public Prelu(int numParameters = 1, double init = 0.25)
    {
        if (numParameters < 1)
            throw new ArgumentOutOfRangeException(nameof(numParameters), numParameters, $"Prelu: numParameters must be at least 1, but is {numParameters}.");
        ActivationHelpers.NotNaN(init, "Prelu", nameof(init));
        NumParameters = numParameters;
        Weight = RegisterParameter("weight", Tensor<T>.Full(T.CreateChecked(init), numParameters));
    }

    /// <summary>The number of slopes.</summary>
    public int NumParameters { get; }

    /// <summary>The learnable slopes, shape <c>[NumParameters]</c>.</summary>
    public Tensor<T> Weight { get; }

    /// <summary>Applies the parametric ReLU to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Prelu(input, Weight);

    /// <inheritdoc/>
    protected override string ExtraRepresentation() => $"numParameters: {NumParameters}";
}
