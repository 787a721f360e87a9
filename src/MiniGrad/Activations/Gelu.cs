using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The Gaussian error linear unit, <c>x·Φ(x)</c> with Φ the standard normal CDF (PyTorch's <c>F.gelu</c>).
    /// </summary>
    /// <remarks>
    /// Exact (<see cref="GeluApproximation.None"/>): <c>x·(1 + erf(x/√2))/2</c>, derivative <c>Φ(x) + x·φ(x)</c> with φ the
    /// normal density. Tanh approximation: <c>x/2·(1 + tanh(√(2/π)(x + 0.044715x³)))</c> and its exact derivative.
    /// Range: about [-0.17, ∞). No kink: at 0 the value is 0 and the gradient 0.5. Stable at ±1000 (gelu(-1000) = -0, gelu(1000) = 1000).
    /// erf is MiniGrad's own double-precision implementation (.NET has none).
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="approximate">Which GELU: the exact one (PyTorch's default 'none') or the tanh approximation.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Gelu<T>(Tensor<T> x, GeluApproximation approximate = GeluApproximation.None)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => GeluFunction<T>.Apply(x, approximate);
}
