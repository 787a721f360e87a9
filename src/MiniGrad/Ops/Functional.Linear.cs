using System.Numerics;
using MiniGrad.Ops;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// <c>input Wᵀ + bias</c> (PyTorch's <c>torch.nn.functional.linear</c>) for an input of shape [..., in], a weight
    /// [out, in] and an optional bias [out]; the output has shape [..., out]. The weight is read transposed in place,
    /// and with a bias the product and the sum are one op on the tape (<c>AddmmBackward0</c>, as in PyTorch).
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit: the input's last dim must be the weight's second.</exception>
    public static Tensor<T> Linear<T>(Tensor<T> input, Tensor<T> weight, Tensor<T>? bias = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank != 2 || input.Rank == 0 || input.Shape[-1] != weight.Shape[1] || (bias is not null && bias.Shape != new TensorShape(weight.Shape[0])))
            throw new ArgumentException(
                $"linear: input {input.Shape}, weight {weight.Shape}{(bias is null ? "" : $" and bias {bias.Shape}")} do not fit " +
                $"input Wᵀ + b; give an input [..., {(weight.Rank == 2 ? weight.Shape[1] : "in")}], a weight [out, in] and a bias [out].");
        if (input.Rank == 2) return Affine(input, weight, bias);
        // Other ranks go through a [rows, in] view and back, as PyTorch's linear does for any leading dims.
        var outShape = input.Shape.With(input.Rank - 1, weight.Shape[0]);
        return Affine(input.Reshape(-1, weight.Shape[1]), weight, bias).Reshape(outShape);
    }

    private static Tensor<T> Affine<T>(Tensor<T> x, Tensor<T> weight, Tensor<T>? bias)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        bias is null ? MatMulFunction<T>.Apply(x, weight, false, true) : AddmmFunction<T>.Apply(x, weight, bias);
}
