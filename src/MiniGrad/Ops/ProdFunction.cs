using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>
/// <c>y = Π_k x[..., k, ...]</c> along one dim (<c>torch.prod(x, dim)</c>); the empty product is 1.
/// Backward, as PyTorch's: <c>∂y/∂x_k = Π_{j≠k} x_j</c>, computed as <c>y / x_k</c> when the input has no zero,
/// and as the product of the others (so 0 for every element of a slice with one zero except the zero itself,
/// and 0 for all of a slice with two or more zeros) when it has one. Both paths are tensor ops, so second
/// derivatives work, zeros included.
/// </summary>
internal sealed class ProdFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int dim;
    private readonly bool all;

    private ProdFunction(int dim, bool all) => (this.dim, this.all) = (dim, all);

    public override string Name => "Prod";

    public override string Arguments => all ? "" : $"dim={dim}";

    internal override int PyTorchOverload => all ? 0 : 1;

    // Backward reads the input (to find zeros and divide by it) and the result (y / x).
    protected internal override bool SavesOutput => true;

    /// <summary>The product of all elements, a rank-0 tensor (<c>torch.prod(x)</c>).</summary>
    public static Tensor<T> Apply(Tensor<T> x) => Apply(x.Reshape(x.Length), 0, keepDim: false, all: true);

    /// <summary>The product along <paramref name="dim"/> (already normalized).</summary>
    public static Tensor<T> Apply(Tensor<T> x, int dim, bool keepDim, bool all = false)
    {
        var (outer, n, inner) = Reductions.Split(x.Shape, dim);
        var y = Tensor<T>.Allocate(keepDim ? x.Shape.With(dim, 1) : x.Shape.Without(dim), clear: false);
        ReadOnlySpan<T> src = x.ReadOnlySpan;
        Span<T> dst = y.Span;
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                T p = T.One;
                for (int k = 0, at = o * n * inner + i; k < n; k++, at += inner) p *= src[at];
                dst[o * inner + i] = p;
            }
        }
        return Tape.ShouldRecord(x) ? Tape.Record(new ProdFunction<T>(dim, all), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var x = Inputs[0];
        if (x.Length == 0) return [Tensor<T>.Zeros(x.Shape)];
        var kept = x.Shape.With(dim, 1);
        var gk = g.Reshape(kept);
        if (x.ReadOnlySpan.IndexOf(T.Zero) < 0) return [gk * Output.Reshape(kept) / x];
        return [gk * ProductOfOthers(x, dim)];
    }

    /// <summary>
    /// <c>r[..., k, ...] = Π_{j≠k} x[..., j, ...]</c> along <paramref name="dim"/>, differentiable.
    /// </summary>
    /// <remarks>
    /// y / x is 0/0 at a zero, and PyTorch's cumulative-product trick has no op here; so x is repeated along a new
    /// dim with the diagonal set to 1 (row k holds x with x_k replaced by 1) and each row multiplied out. That is
    /// O(n²) per slice, but it runs only when the input has a zero, and being made of Where and Prod it has a
    /// correct derivative itself (d r_k / d x_j = Π of the others but j and k), which the zero case needs for
    /// second order: a constant 0 there would be wrong.
    /// </remarks>
    private static Tensor<T> ProductOfOthers(Tensor<T> x, int dim)
    {
        int n = x.Shape.Dims[dim];
        var dims = new int[x.Rank + 1];
        Array.Fill(dims, 1);
        dims[dim] = n;
        dims[dim + 1] = n;
        var diagonal = Tensor<T>.Zeros(new TensorShape(dims));
        var d = diagonal.Span;
        for (int k = 0; k < n; k++) d[k * n + k] = T.One;
        var rows = WhereFunction<T>.Apply(diagonal, Tensor<T>.Scalar(T.One), x.Unsqueeze(dim));
        return Apply(rows, dim + 1, keepDim: false);
    }
}
