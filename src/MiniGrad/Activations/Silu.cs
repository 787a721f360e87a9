using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The sigmoid linear unit (swish), <c>x·σ(x)</c> (PyTorch's <c>F.silu</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>σ(x)·(1 + x·(1 - σ(x)))</c>. Range: about [-0.2785, ∞). No kink: at 0 the value is 0 and the gradient 0.5.
    /// Stable at ±1000 (silu(-1000) = -0, silu(1000) = 1000).
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Silu<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => SiluFunction<T>.Apply(x);
}
