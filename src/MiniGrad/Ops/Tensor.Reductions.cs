using System.Numerics;
using MiniGrad.Ops;

namespace MiniGrad;

// The reductions of torch.* beyond sum, mean and max(dim), composed from the primitives where the composition is
// exact and stable, as PyTorch names them (in .NET casing).
public sealed partial class Tensor<T>
{
    /// <summary>
    /// <c>log Σ exp(x)</c> along <paramref name="dim"/>, computed as <c>m + log Σ exp(x - m)</c> with <c>m</c> the
    /// maximum, so it is finite at ±1000 (<c>torch.logsumexp</c>). Derivative: the softmax along the dim. A dim of
    /// only -inf gives -inf, as PyTorch.
    /// </summary>
    public Tensor<T> LogSumExp(int dim, bool keepDim = false)
    {
        int d = Shape.NormalizeDim(dim, "logsumexp");
        Tensor<T> m;
        using (Tape.NoGrad())
        {
            // The shift is a constant for the gradient (it cancels exactly); an infinite maximum is replaced by 0,
            // as PyTorch does, so that -inf - -inf never makes a NaN.
            m = Max(d, keepDim: true);
            var ms = m.Span;
            for (int i = 0; i < ms.Length; i++)
                if (T.IsInfinity(ms[i])) ms[i] = T.Zero;
        }
        var sum = (this - m).Exp().Sum(d, keepDim);
        return sum.Log() + (keepDim ? m : m.Reshape(sum.Shape));
    }

    /// <summary>
    /// The product of all elements, as a rank-0 tensor (<c>torch.prod(x)</c>); the product of nothing is 1.
    /// Derivative: <c>∂y/∂x_k = Π_{j≠k} x_j</c> (<c>y / x_k</c> without zeros; with one zero only the zero gets a
    /// nonzero gradient, with two none does), as PyTorch; second derivatives work, zeros included.
    /// </summary>
    public Tensor<T> Prod() => ProdFunction<T>.Apply(this);

    /// <summary>
    /// The product along <paramref name="dim"/> (<c>torch.prod(x, dim)</c>); <paramref name="keepDim"/> keeps it as
    /// size 1; an empty dim gives 1. Derivative as <see cref="Prod()"/>, per slice.
    /// </summary>
    /// <remarks>A rank-0 tensor takes dim 0 or -1, as in PyTorch, and is its own product.</remarks>
    public Tensor<T> Prod(int dim, bool keepDim = false) =>
        Rank == 0 && dim is 0 or -1 ? ProdFunction<T>.Apply(this) : ProdFunction<T>.Apply(this, Shape.NormalizeDim(dim, "prod"), keepDim);

    /// <summary>The maximum of all elements (<c>torch.max(x)</c>); the gradient is split evenly over ties.</summary>
    public Tensor<T> Max() => ExtremeAllFunction<T>.Apply(this, maximum: true);

    /// <summary>The minimum of all elements (<c>torch.min(x)</c>); the gradient is split evenly over ties.</summary>
    public Tensor<T> Min() => ExtremeAllFunction<T>.Apply(this, maximum: false);

    /// <summary>The minimum along <paramref name="dim"/> (<c>torch.min(x, dim)</c>); the gradient goes to the first minimal element.</summary>
    public Tensor<T> Min(int dim, bool keepDim = false) => -(-this).Max(dim, keepDim);

    /// <summary>The minimum along <paramref name="dim"/> and the index of its first occurrence (PyTorch's <c>min(dim)</c>).</summary>
    public (Tensor<T> Values, int[] Indices) MinWithIndices(int dim, bool keepDim = false)
    {
        var (values, indices) = (-this).MaxWithIndices(dim, keepDim);
        return (-values, indices);
    }

    /// <summary>The index of the minimum along <paramref name="dim"/> for each position of the other dims (<c>torch.argmin</c>).</summary>
    public int[] ArgMin(int dim)
    {
        using (Tape.NoGrad()) return MinWithIndices(dim).Indices;
    }

    /// <summary>
    /// The variance of all elements, <c>Σ(x - mean)² / (N - correction)</c> (<c>torch.var</c>; correction 1 is
    /// Bessel's, 0 the population variance). N - correction ≤ 0 gives inf or NaN, as PyTorch.
    /// </summary>
    public Tensor<T> Var(int correction = 1) => Reshape(Length).Var(0, correction, keepDim: false);

    /// <summary>The variance along <paramref name="dim"/> with <paramref name="correction"/> (<c>torch.var(x, dim)</c>).</summary>
    public Tensor<T> Var(int dim, int correction = 1, bool keepDim = false)
    {
        int d = Shape.NormalizeDim(dim, "var");
        int n = Shape.Dims[d];
        var centered = this - Mean(d, keepDim: true);
        return (centered * centered).Sum(d, keepDim) / T.CreateChecked(Math.Max(0, n - correction));
    }

    /// <summary>
    /// The standard deviation of all elements, <c>√Var</c> (<c>torch.std</c>); its gradient is 0 where it is 0, as
    /// PyTorch defines it.
    /// </summary>
    public Tensor<T> Std(int correction = 1) => ZeroSafeSqrtFunction<T>.Apply(Var(correction), "Std");

    /// <summary>The standard deviation along <paramref name="dim"/> (<c>torch.std(x, dim)</c>).</summary>
    public Tensor<T> Std(int dim, int correction = 1, bool keepDim = false) =>
        ZeroSafeSqrtFunction<T>.Apply(Var(dim, correction, keepDim), "Std");

    /// <summary>
    /// The p-norm of all elements for p = 1, 2 or infinity (<c>torch.linalg.vector_norm</c>): <c>Σ|x|</c>,
    /// <c>√Σx²</c> (gradient 0 at the zero vector, as PyTorch) or <c>max |x|</c> (gradient split over ties).
    /// </summary>
    public Tensor<T> Norm(double p = 2) => Reshape(Length).Norm(p, 0, keepDim: false);

    /// <summary>The p-norm along <paramref name="dim"/> for p = 1, 2 or infinity.</summary>
    public Tensor<T> Norm(double p, int dim, bool keepDim = false)
    {
        int d = Shape.NormalizeDim(dim, "norm");
        if (p == 1) return Abs().Sum(d, keepDim);
        if (p == 2) return ZeroSafeSqrtFunction<T>.Apply((this * this).Sum(d, keepDim), "Norm");
        if (double.IsPositiveInfinity(p)) return Rank == 1 && !keepDim ? Abs().Max() : Abs().Max(d, keepDim);
        throw new ArgumentOutOfRangeException(nameof(p), $"norm: p = {p} is not supported; use 1, 2 or double.PositiveInfinity.");
    }
}
