using System.Numerics;
using MiniGrad.Kernels;
using MiniGrad.Ops;

namespace MiniGrad;

// Products beyond the 2-D matrix product, with torch.matmul's rules, composed from mm, bmm, expand and reshape so that
// every gradient (batch broadcasting's sums included) comes from those ops' own backward passes.
public sealed partial class Tensor<T>
{
    /// <summary>
    /// The batched matrix product of two 3-D tensors of one batch size, <c>[b, m, k] @ [b, k, n] = [b, m, n]</c>
    /// (<c>torch.bmm</c>); for broadcast batch dims use <see cref="Tensor.MatMul{T}(Tensor{T}, Tensor{T})"/>.
    /// </summary>
    public Tensor<T> Bmm(Tensor<T> other) => BmmFunction<T>.Apply(this, other);

    /// <summary>The dot product of two 1-D tensors of one length, as a rank-0 tensor (<c>torch.dot</c>).</summary>
    public Tensor<T> Dot(Tensor<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Rank != 1 || other.Rank != 1 || Length != other.Length)
            throw new ArgumentException($"dot: both operands must be 1-D of one length, got {Shape} and {other.Shape}.");
        return (this * other).Sum();
    }

    /// <summary>The outer product of two 1-D tensors, <c>[n] ⊗ [m] = [n, m]</c> (<c>torch.outer</c>).</summary>
    public Tensor<T> Outer(Tensor<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Rank != 1 || other.Rank != 1)
            throw new ArgumentException($"outer: both operands must be 1-D, got {Shape} and {other.Shape}.");
        return Reshape(Length, 1) * other.Reshape(1, other.Length);
    }
}

public static partial class Tensor
{
    /// <summary>
    /// The product of two tensors with <c>torch.matmul</c>'s rules: 1-D · 1-D is the dot product; 2-D · 2-D the
    /// matrix product; a 1-D operand is a row (on the left) or a column (on the right) whose dim is removed from the
    /// result; beyond 2-D the leading dims are batch dims, broadcast against each other.
    /// </summary>
    public static Tensor<T> MatMul<T>(Tensor<T> a, Tensor<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank == 0 || b.Rank == 0)
            throw new ArgumentException($"matmul: both operands need at least one dim, got {a.Shape} and {b.Shape}; multiply by a scalar with *.");
        switch (a.Rank, b.Rank)
        {
            case (1, 1): return a.Dot(b);
            case (2, 2): return Tensor<T>.MatMul(a, b);
            case (1, 2): return Inner(a, b).Reshape(b.Shape[1]);
            case (2, 1): return Tensor<T>.MatMul(a, b.Reshape(b.Length, 1)).Reshape(a.Shape[0]);
        }
        // Batched: a 1-D operand becomes a [1, k] row or a [k, 1] column, the batch dims broadcast, and one bmm runs
        // over the flattened batch.
        var left = a.Rank == 1 ? a.Reshape(1, a.Length) : a;
        var right = b.Rank == 1 ? b.Reshape(b.Length, 1) : b;
        int m = left.Shape[-2], k = left.Shape[-1], kb = right.Shape[-2], n = right.Shape[-1];
        if (k != kb)
            throw new ArgumentException($"matmul: {a.Shape} @ {b.Shape}: inner dimensions {k} and {kb} differ.");
        var batch = Broadcasting.ResultShape("matmul", Batch(left), Batch(right));
        int count = batch.Length;
        var bl = left.Expand(With(batch, m, k)).Reshape(count, m, k);
        var br = right.Expand(With(batch, kb, n)).Reshape(count, kb, n);
        var product = bl.Bmm(br);
        var dims = new List<int>(batch.Dims.ToArray());
        if (a.Rank > 1) dims.Add(m);
        if (b.Rank > 1) dims.Add(n);
        return product.Reshape([.. dims]);
    }

    private static Tensor<T> Inner<T>(Tensor<T> row, Tensor<T> matrix)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Tensor<T>.MatMul(row.Reshape(1, row.Length), matrix);

    private static TensorShape Batch<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => new(x.Shape.Dims[..^2].ToArray());

    private static TensorShape With(TensorShape batch, int rows, int columns) => new([.. batch.Dims.ToArray(), rows, columns]);
}
