using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Hardswish as a module (PyTorch's <c>nn.Hardswish</c>); see <see cref="Functional.Hardswish{T}"/> for the formula, derivative,
/// range and kink convention.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Hardswish<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Hardswish(input);
}
