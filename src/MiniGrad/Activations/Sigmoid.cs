using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The logistic sigmoid, <c>σ(x) = 1 / (1 + e^(-x))</c> (PyTorch's <c>torch.sigmoid</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>σ(x)(1 - σ(x))</c>, computed from the saved output. Range: (0, 1) (rounding reaches 0 and 1
    /// for |x| beyond about 37 in double). No kink; at 0 the value is 0.5 and the gradient 0.25.
    /// Stable for every finite input: <c>σ(-1000) = 0</c>, <c>σ(1000) = 1</c>, never NaN. Forward is
    /// TensorPrimitives.Sigmoid.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Sigmoid<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => SigmoidFunction<T>.Apply(x);
}
