using System.Numerics;
using MiniGrad.Activations;
using MiniGrad.Ops;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The gated linear unit: <paramref name="x"/> is split in halves <c>a</c>, <c>b</c> along <paramref name="dim"/>
    /// and <c>glu(x) = a ⊙ σ(b)</c> (PyTorch's <c>F.glu</c>).
    /// </summary>
    /// <remarks>
    /// Derivatives: <c>∂/∂a = σ(b)</c>, <c>∂/∂b = a·σ(b)(1 - σ(b))</c>. Range: (-∞, ∞); the output has half the size
    /// along <paramref name="dim"/>. No kink. Recorded as two Narrow ops, a Sigmoid and a Mul, so every order of
    /// gradient works.
    /// </remarks>
    /// <param name="x">The input; its size along <paramref name="dim"/> must be even.</param>
    /// <param name="dim">The dim to split; PyTorch's default -1.</param>
    /// <returns>A new tensor with half of <paramref name="x"/>'s size along <paramref name="dim"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ArgumentException">The size along <paramref name="dim"/> is odd, or <paramref name="x"/> is 0-d.</exception>
    public static Tensor<T> Glu<T>(Tensor<T> x, int dim = -1)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0) throw new ArgumentException("glu: a 0-d tensor cannot be halved; pass a tensor with at least one dim.", nameof(x));
        int d = x.Shape.NormalizeDim(dim, "glu");
        int size = x.Shape.Dims[d];
        if (size % 2 != 0)
            throw new ArgumentException($"glu: halving dimension must be even, but dim {dim} of shape {x.Shape} has size {size}.", nameof(x));
        int half = size / 2;
        var a = NarrowFunction<T>.Apply(x, d, 0, half);
        var b = NarrowFunction<T>.Apply(x, d, half, half);
        return a * Sigmoid(b);
    }
}
