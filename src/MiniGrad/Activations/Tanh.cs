using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The hyperbolic tangent, <c>tanh(x) = (e^x - e^(-x)) / (e^x + e^(-x))</c> (PyTorch's <c>torch.tanh</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>1 - tanh(x)²</c>, computed from the saved output. Range: (-1, 1) (rounding reaches ±1 for
    /// large |x|). Odd: <c>tanh(-x) = -tanh(x)</c>. No kink; at 0 the value is 0 and the gradient 1.
    /// Stable for every finite input (<c>tanh(±1000) = ±1</c>). Forward is vectorized with Cephes' scheme (TensorPrimitives.Tanh is not accurate enough near 0).
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Tanh<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => TanhFunction<T>.Apply(x);
}
