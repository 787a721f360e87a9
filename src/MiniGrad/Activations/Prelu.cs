using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The parametric ReLU: <c>x</c> for <c>x &gt; 0</c>, <c>w·x</c> otherwise, with <paramref name="weight"/> one
    /// slope for all elements or one per channel (dim 1) (PyTorch's <c>F.prelu</c>).
    /// </summary>
    /// <remarks>
    /// Derivatives: to x, 1 for <c>x &gt; 0</c> and <c>w</c> for <c>x &lt; 0</c>; to w, <c>x</c> where <c>x ≤ 0</c>.
    /// Range: (-∞, ∞) for w ≥ 0. Kink at 0: the value is 0, the gradient to x is <c>w</c> (PyTorch's convention) and to w is 0.
    /// </remarks>
    /// <param name="x">The input; channels are along dim 1 when it has two dims or more.</param>
    /// <param name="weight">The slopes: 1 element, or as many as <paramref name="x"/> has channels.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException">The weight's size is neither 1 nor the channel count.</exception>
    public static Tensor<T> Prelu<T>(Tensor<T> x, Tensor<T> weight)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => PreluFunction<T>.Apply(x, weight);

    /// <summary>
    /// The randomized leaky ReLU (PyTorch's <c>F.rrelu</c>): in training, each non-positive element is multiplied by
    /// its own slope drawn uniformly from [<paramref name="lower"/>, <paramref name="upper"/>) with
    /// <paramref name="generator"/>; in evaluation, by the mean slope <c>(lower + upper)/2</c>, as a leaky ReLU.
    /// </summary>
    /// <remarks>
    /// Derivative: 1 for <c>x &gt; 0</c>, the element's slope otherwise (at 0 too, as PyTorch). Range: (-∞, ∞).
    /// Kink at 0: the value is 0 and the gradient the slope.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="lower">The lowest slope; PyTorch's default 1/8.</param>
    /// <param name="upper">The highest slope; PyTorch's default 1/3.</param>
    /// <param name="training">Draw random slopes (true) or use the mean slope (false, PyTorch's default for the function).</param>
    /// <param name="generator">The seeded generator for the slopes; required when <paramref name="training"/>.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException"><paramref name="lower"/> &gt; <paramref name="upper"/> or a bound is NaN.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="training"/> is true and <paramref name="generator"/> is null.</exception>
    public static Tensor<T> Rrelu<T>(Tensor<T> x, double lower = 1.0 / 8, double upper = 1.0 / 3, bool training = false,
        Generator? generator = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => RreluFunction<T>.Apply(x, lower, upper, training, generator);
}
