using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The log of the sigmoid, <c>log(1 / (1 + e^(-x)))</c> (PyTorch's <c>F.logsigmoid</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>σ(-x) = 1 - σ(x)</c>. Range: (-∞, 0). No kink: at 0 the value is -log 2 and the gradient 0.5.
    /// Computed as <c>min(x, 0) - log1p(e^(-|x|))</c>, so logsigmoid(-1000) = -1000 and logsigmoid(1000) = 0, never -∞ or NaN.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> LogSigmoid<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => LogSigmoidFunction<T>.Apply(x);
}
