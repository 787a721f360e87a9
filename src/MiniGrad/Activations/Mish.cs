using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// Mish, <c>x·tanh(softplus(x))</c> (PyTorch's <c>F.mish</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>t + x·σ(x)·(1 - t²)</c> with <c>t = tanh(softplus(x))</c>. Range: about [-0.3088, ∞).
    /// No kink: at 0 the value is 0 and the gradient 0.6. Stable at ±1000 (mish(-1000) = -0, mish(1000) = 1000).
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Mish<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => MishFunction<T>.Apply(x);
}
