using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The hard sigmoid, <c>relu6(x + 3)/6</c>: 0 below -3, 1 above 3, <c>x/6 + 1/2</c> between (PyTorch's <c>F.hardsigmoid</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 1/6 on (-3, 3), 0 outside. Range: [0, 1]. Kinks at ±3: values 0 and 1; as in PyTorch the gradient at both is 0.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Hardsigmoid<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => HardsigmoidFunction<T>.Apply(x);
}
