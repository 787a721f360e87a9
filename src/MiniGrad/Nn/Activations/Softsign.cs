using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Softsign as a module (PyTorch's <c>nn.Softsign</c>); see <see cref="Functional.Softsign{T}"/> for the formula, derivative,
/// range and kink convention.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Softsign<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Softsign(input);
}
