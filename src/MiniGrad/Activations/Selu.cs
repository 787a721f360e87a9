using System.Numerics;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The scaled exponential linear unit, <c>λ·x</c> for <c>x &gt; 0</c> and <c>λ·α·(e^x - 1)</c> otherwise, with α ≈ 1.6733 and λ ≈ 1.0507 (PyTorch's <c>F.selu</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: λ for <c>x &gt; 0</c>, <c>λ·α·e^x</c> for <c>x ≤ 0</c>. Range: (-λα, ∞) ≈ (-1.7581, ∞).
    /// Kink at 0: the value is 0 and, as in PyTorch, the gradient is <c>λ·α</c> ≈ 1.7581. Stable: selu(-1000) = -λα.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Selu<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => EluFunction<T>.Selu(x);
}

/// <summary>SELU: the elu kernel (Elu.cs) with SELU's α and λ, <c>y = λ·(x &gt; 0 ? x : α·expm1(x))</c>.</summary>
internal sealed partial class EluFunction<T>
{
    /// <summary>SELU's α and λ (Klambauer et al. 2017), as PyTorch spells them.</summary>
    public const double SeluAlpha = 1.6732632423543772848170429916717, SeluScale = 1.0507009873554804934193349852946;

    public static Tensor<T> Selu(Tensor<T> x) => Run(new EluFunction<T>(SeluAlpha, SeluScale, 1.0, "Selu"), x);
}
