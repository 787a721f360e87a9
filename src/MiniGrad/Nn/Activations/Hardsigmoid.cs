using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Hardsigmoid as a module (PyTorch's <c>nn.Hardsigmoid</c>); see <see cref="Functional.Hardsigmoid{T}"/> for the formula, derivative,
/// range and kink convention.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Hardsigmoid<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Hardsigmoid(input);
}
