using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Softmax over the channels of each location (PyTorch's <c>nn.Softmax2d</c>): softmax along dim -3 of an input
/// [N, C, H, W] or [C, H, W]; see <see cref="Functional.Softmax{T}"/> for the formula, derivative and stability.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Softmax2d<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Applies softmax along the channel dim (-3) of <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D.</exception>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank is not (3 or 4))
            throw new ArgumentException(
                $"Softmax2d: the input must be [N, C, H, W] or [C, H, W] (softmax over the channels), got shape {input.Shape}; " +
                "for other ranks use Softmax with the dim to normalize along.", nameof(input));
        return Functional.Softmax(input, -3);
    }
}
