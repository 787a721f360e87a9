using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// Thresholding: <c>x</c> where <c>x &gt; threshold</c>, else <c>value</c> (PyTorch's <c>F.threshold</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 1 above the threshold, 0 at and below it. Range: {value} ∪ (threshold, ∞).
    /// At the threshold itself the value is <c>value</c> and, as in PyTorch, the gradient 0.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="threshold">The threshold (no default, as in PyTorch).</param>
    /// <param name="value">What replaces elements at or below the threshold.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException">A parameter is NaN.</exception>
    public static Tensor<T> Threshold<T>(Tensor<T> x, double threshold, double value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => ThresholdFunction<T>.Apply(x, threshold, value);
}
