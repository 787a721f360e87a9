using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// Soft shrinkage: <c>x - λ</c> for <c>x &gt; λ</c>, <c>x + λ</c> for <c>x &lt; -λ</c>, 0 between (PyTorch's <c>F.softshrink</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 1 outside [-λ, λ], 0 inside. Range: (-∞, ∞). Kinks at ±λ: the value is 0 and, as in PyTorch, the gradient 0.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="lambda">The half-width λ of the dead zone; PyTorch's default 0.5. Must be ≥ 0 (PyTorch refuses a negative one).</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException"><paramref name="lambda"/> is negative or NaN.</exception>
    public static Tensor<T> Softshrink<T>(Tensor<T> x, double lambda = 0.5)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => ShrinkFunction<T>.Apply(x, lambda, soft: true);
}
