using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>The rectified linear unit as a module (PyTorch's <c>nn.ReLU</c>); see <see cref="Functional.Relu{T}"/>.</summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Relu<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Relu(input);
}
