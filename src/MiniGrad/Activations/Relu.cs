using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The rectified linear unit, <c>relu(x) = max(0, x)</c> (PyTorch's <c>F.relu</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 1 for <c>x &gt; 0</c>, 0 for <c>x &lt; 0</c>. Range: [0, ∞).
    /// Kink at 0: <c>relu(0) = 0</c> and, as in PyTorch, the gradient there is 0.
    /// NaN stays NaN. Forward is TensorPrimitives.Max(x, 0); backward reuses the output (<c>y &gt; 0</c>).
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Relu<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => ReluFunction<T>.Apply(x);
}
