using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// Softplus, <c>log(1 + e^(βx))/β</c>, and <c>x</c> itself where <c>βx &gt; threshold</c> (PyTorch's <c>F.softplus</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>σ(βx)</c>, and exactly 1 above the threshold. Range: (0, ∞) (0 by underflow far left).
    /// The switch at <c>βx = threshold</c> is PyTorch's: at the threshold itself the log form (and σ gradient) applies.
    /// Stable for every finite input (softplus(-1000) = 0, softplus(1000) = 1000). beta and threshold are not
    /// restricted (as in PyTorch) except that NaN is refused.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="beta">The sharpness β; PyTorch's default 1.</param>
    /// <param name="threshold">Above <c>βx = threshold</c> the function is linear; PyTorch's default 20.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException">A parameter is NaN.</exception>
    public static Tensor<T> Softplus<T>(Tensor<T> x, double beta = 1.0, double threshold = 20.0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => SoftplusFunction<T>.Apply(x, beta, threshold);
}
