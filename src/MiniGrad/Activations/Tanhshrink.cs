using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// Tanhshrink, <c>x - tanh(x)</c> (PyTorch's <c>F.tanhshrink</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>tanh²(x)</c>. Range: (-∞, ∞). No kink: at 0 the value is 0 and the gradient 0.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Tanhshrink<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => TanhshrinkFunction<T>.Apply(x);
}
