using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// The identity, as PyTorch's <c>nn.Identity</c>: <c>y = x</c> (the input itself is returned), derivative 1. A
/// placeholder where a model has an optional layer.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Identity<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Returns <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input;
    }
}
