using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The hard hyperbolic tangent, <c>clamp(x, minVal, maxVal)</c> (PyTorch's <c>F.hardtanh</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 1 inside (minVal, maxVal), 0 outside. Range: [minVal, maxVal].
    /// Kinks at the bounds: the value is the bound and, as in PyTorch, the gradient there is 0.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="minVal">The lower bound; PyTorch's default -1.</param>
    /// <param name="maxVal">The upper bound; PyTorch's default 1.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException">A bound is NaN or <paramref name="minVal"/> &gt;= <paramref name="maxVal"/>.</exception>
    public static Tensor<T> Hardtanh<T>(Tensor<T> x, double minVal = -1.0, double maxVal = 1.0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => HardtanhFunction<T>.Apply(x, minVal, maxVal);

    /// <summary>
    /// ReLU capped at 6, <c>min(max(0, x), 6)</c> (PyTorch's <c>F.relu6</c>, which is hardtanh(0, 6)).
    /// </summary>
    /// <remarks>
    /// Derivative: 1 on (0, 6), 0 outside. Range: [0, 6].
    /// Kinks at 0 and 6: values 0 and 6; as in PyTorch (hardtanh's backward) the gradient at both is 0.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Relu6<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => HardtanhFunction<T>.Apply(x, 0.0, 6.0, "Relu6");
}
