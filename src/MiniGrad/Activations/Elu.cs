using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The exponential linear unit, <c>x</c> for <c>x &gt; 0</c> and <c>alpha·(e^x - 1)</c> otherwise (PyTorch's <c>F.elu</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 1 for <c>x &gt; 0</c>, <c>alpha·e^x</c> for <c>x ≤ 0</c>. Range: (-alpha, ∞) for alpha &gt; 0.
    /// Kink at 0 (for alpha ≠ 1): the value is 0 and, as in PyTorch, the gradient is <c>alpha</c> (the exponential branch).
    /// Stable: elu(-1000) = -alpha. Any alpha is accepted, as PyTorch's non-in-place elu does; NaN is refused.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="alpha">The value approached for large negative inputs; PyTorch's default 1.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException"><paramref name="alpha"/> is NaN.</exception>
    public static Tensor<T> Elu<T>(Tensor<T> x, double alpha = 1.0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => EluFunction<T>.Elu(x, alpha);
}
