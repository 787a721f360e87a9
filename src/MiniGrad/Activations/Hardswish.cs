using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The hard swish, <c>x·relu6(x + 3)/6</c> (PyTorch's <c>F.hardswish</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 0 below -3, <c>x/3 + 1/2</c> on (-3, 3), 1 above 3. Range: [-0.375, ∞).
    /// Kinks at ±3: values 0 and 3; as in PyTorch 1.13 the gradient at -3 is -0.5 (the middle formula) and at 3 is 1 (the linear part).
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Hardswish<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => HardswishFunction<T>.Apply(x);
}
