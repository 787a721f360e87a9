using System.Numerics;

namespace MiniGrad;

// Relu6 is Hardtanh(0, 6), as in PyTorch: its op is HardtanhFunction (Hardtanh.cs) under the tape name "Relu6".
public static partial class Functional
{
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
