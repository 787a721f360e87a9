using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// Hard shrinkage: <c>x</c> for <c>|x| &gt; λ</c>, 0 otherwise (PyTorch's <c>F.hardshrink</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 1 outside [-λ, λ], 0 inside. Range: {0} ∪ (-∞, -λ) ∪ (λ, ∞). Jumps at ±λ: the value there is 0 and, as in PyTorch,
    /// the gradient 0. Any λ is accepted, as PyTorch does; NaN is refused.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="lambda">The half-width λ of the zeroed band; PyTorch's default 0.5.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException"><paramref name="lambda"/> is NaN.</exception>
    public static Tensor<T> Hardshrink<T>(Tensor<T> x, double lambda = 0.5)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => ShrinkFunction<T>.Apply(x, lambda, soft: false);
}
