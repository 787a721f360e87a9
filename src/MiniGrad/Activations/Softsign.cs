using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// Softsign, <c>x / (1 + |x|)</c> (PyTorch's <c>F.softsign</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>1 / (1 + |x|)²</c>. Range: (-1, 1). At 0 the value is 0 and the gradient 1 (|x| has a kink there, the
    /// function does not).
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Softsign<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => SoftsignFunction<T>.Apply(x);
}
