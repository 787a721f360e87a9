using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Relu6 as a module (PyTorch's <c>nn.ReLU6</c>); see <see cref="Functional.Relu6{T}"/> for the formula, derivative,
/// range and kink convention.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Relu6<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Relu6(input);
}
