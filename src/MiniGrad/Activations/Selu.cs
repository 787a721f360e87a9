using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The scaled exponential linear unit, <c>λ·x</c> for <c>x &gt; 0</c> and <c>λ·α·(e^x - 1)</c> otherwise, with α ≈ 1.6733 and λ ≈ 1.0507 (PyTorch's <c>F.selu</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: λ for <c>x &gt; 0</c>, <c>λ·α·e^x</c> for <c>x ≤ 0</c>. Range: (-λα, ∞) ≈ (-1.7581, ∞).
    /// Kink at 0: the value is 0 and, as in PyTorch, the gradient is <c>λ·α</c> ≈ 1.7581. Stable: selu(-1000) = -λα.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Selu<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => EluFunction<T>.Selu(x);
}
