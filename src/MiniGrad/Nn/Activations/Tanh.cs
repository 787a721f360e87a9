using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>The hyperbolic tangent as a module (PyTorch's <c>nn.Tanh</c>); see <see cref="Functional.Tanh{T}"/>.</summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Tanh<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Tanh(input);
}
