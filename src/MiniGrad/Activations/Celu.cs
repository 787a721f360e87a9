using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The continuously differentiable exponential linear unit, <c>max(0, x) + min(0, alpha·(e^(x/alpha) - 1))</c> (PyTorch's <c>F.celu</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 1 for <c>x &gt; 0</c>, <c>e^(x/alpha)</c> for <c>x ≤ 0</c>. Range: (-alpha, ∞) for alpha &gt; 0.
    /// At 0 the value is 0 and the gradient 1 from both sides (no kink). Stable: celu(-1000) = -alpha.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="alpha">The scale of the negative part; PyTorch's default 1. PyTorch refuses 0, and so does MiniGrad.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException"><paramref name="alpha"/> is 0 or NaN.</exception>
    public static Tensor<T> Celu<T>(Tensor<T> x, double alpha = 1.0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => EluFunction<T>.Celu(x, alpha);
}

/// <summary>CELU: the elu kernel (Elu.cs) with the input scaled by 1/α, <c>y = x &gt; 0 ? x : α·expm1(x/α)</c>.</summary>
internal sealed partial class EluFunction<T>
{
    public static Tensor<T> Celu(Tensor<T> x, double alpha)
    {
        ActivationHelpers.NotNaN(alpha, "celu", nameof(alpha));
        if (alpha == 0)
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "celu: alpha cannot be 0 (CELU divides by it); pass a nonzero alpha.");
        return Run(new EluFunction<T>(alpha, 1.0, 1.0 / alpha, "Celu"), x);
    }
}
