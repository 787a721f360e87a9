using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// Softmax along <paramref name="dim"/>: <c>softmax(x)_i = e^(x_i) / Σ_j e^(x_j)</c> (PyTorch's <c>F.softmax</c>).
    /// </summary>
    /// <remarks>
    /// Jacobian: <c>∂y_i/∂x_j = y_i(δ_ij - y_j)</c>, so the backward is <c>y·(g - Σ g·y)</c>. Range: (0, 1), each slice
    /// along <paramref name="dim"/> sums to 1. Shift invariant. No kink. The maximum is subtracted before
    /// exponentiating, so softmax([1000, 999, -1000]) = [0.7311, 0.2689, 0] with no overflow.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="dim">The dim to normalize along; negative counts from the end.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor<T> Softmax<T>(Tensor<T> x, int dim)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => SoftmaxFunction<T>.Apply(x, dim, log: false);

    /// <summary>
    /// The log of softmax along <paramref name="dim"/>: <c>x_i - log Σ_j e^(x_j)</c> (PyTorch's <c>F.log_softmax</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>∂y_i/∂x_j = δ_ij - softmax(x)_j</c>, so the backward is <c>g - softmax(x)·Σ g</c>. Range: (-∞, 0).
    /// No kink. Computed as <c>(x - max) - log Σ e^(x - max)</c>: finite for finite inputs (log_softmax of
    /// [1000, 999, -1000] ends in -2000.3133, not -∞).
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="dim">The dim to normalize along; negative counts from the end.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor<T> LogSoftmax<T>(Tensor<T> x, int dim)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => SoftmaxFunction<T>.Apply(x, dim, log: true);

    /// <summary>
    /// Softmin along <paramref name="dim"/>: <c>softmax(-x)</c> (PyTorch's <c>F.softmin</c>, which is computed the same way).
    /// </summary>
    /// <remarks>
    /// Jacobian: <c>-y_i(δ_ij - y_j)</c>. Range: (0, 1), each slice sums to 1. No kink. Stable as softmax is.
    /// Recorded as Neg followed by Softmax.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="dim">The dim to normalize along; negative counts from the end.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor<T> Softmin<T>(Tensor<T> x, int dim)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank > 0) x.Shape.NormalizeDim(dim, "softmin"); // refuse a bad dim before recording anything
        return SoftmaxFunction<T>.Apply(-x, dim, log: false);
    }
}
