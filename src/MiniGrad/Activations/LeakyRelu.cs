using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The leaky rectified linear unit, <c>x</c> for <c>x &gt; 0</c> and <c>negativeSlope · x</c> otherwise
    /// (PyTorch's <c>F.leaky_relu</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 1 for <c>x &gt; 0</c>, <c>negativeSlope</c> for <c>x &lt; 0</c>. Range: (-∞, ∞) for a positive
    /// slope. Kink at 0: the value is 0 and, as in PyTorch, the gradient there is <c>negativeSlope</c>.
    /// Any slope is accepted, as PyTorch does (a negative one gives a non-monotone function); NaN is refused.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="negativeSlope">The slope for negative inputs; PyTorch's default 0.01.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException"><paramref name="negativeSlope"/> is NaN.</exception>
    public static Tensor<T> LeakyRelu<T>(Tensor<T> x, double negativeSlope = 0.01)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => LeakyReluFunction<T>.Apply(x, negativeSlope);
}
