using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Tanhshrink as a module (PyTorch's <c>nn.Tanhshrink</c>); see <see cref="Functional.Tanhshrink{T}"/> for the formula, derivative,
/// range and kink convention.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Tanhshrink<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Tanhshrink(input);
}
