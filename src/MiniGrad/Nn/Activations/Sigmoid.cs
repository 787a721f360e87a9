using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>The logistic sigmoid as a module (PyTorch's <c>nn.Sigmoid</c>); see <see cref="Functional.Sigmoid{T}"/>.</summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Sigmoid<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Sigmoid(input);
}
