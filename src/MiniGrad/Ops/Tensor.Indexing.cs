using MiniGrad.Ops;

namespace MiniGrad;

// Indexing with integer indices, masks, single positions and ranges. Indices are plain ints (a Tensor<T> holds float or
// double only, and indices carry no gradient); an index of more than one dim comes with its shape as a TensorShape.
// Every index is checked here, before any op reads through it, so that a bad one throws with the op's name and
// records nothing.
public sealed partial class Tensor<T>
{
    /// <summary>
    /// The elements picked along <paramref name="dim"/> by <paramref name="index"/> (<c>torch.gather</c>): for a 3-D
    /// tensor and dim 1, <c>y[i, j, k] = x[i, index[i, j, k], k]</c>. The index (row-major, of shape
    /// <paramref name="indexShape"/>) has this tensor's rank, at most this tensor's size along every dim but
    /// <paramref name="dim"/>, and values in <c>[0, Shape[dim])</c>; the result has the index's shape.
    /// Derivative: the gradient added back at the picked places (a repeated pick gets the sum).
    /// </summary>
    /// <exception cref="ArgumentException">The index's length, rank or shape does not fit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> or an index value is out of range.</exception>
    public Tensor<T> Gather(int dim, ReadOnlySpan<int> index, TensorShape indexShape)
    {
        int d = CheckIndexDim("gather", dim);
        CheckIndexShape("gather", d, index.Length, indexShape, "index");
        CheckIndexValues("gather", d, index, indexShape);
        return GatherFunction<T>.Apply(this, d, index.ToArray(), indexShape);
    }

    /// <summary>
    /// A copy of this tensor with <paramref name="source"/> added at the places <paramref name="index"/> names along
    /// <paramref name="dim"/> (out-of-place <c>torch.scatter_add</c>): for a 2-D tensor and dim 0,
    /// <c>y[index[i, j], j] += source[i, j]</c>; repeated places add up. The index (row-major) has source's shape
    /// (PyTorch also takes a smaller index; MiniGrad requires the same shape), at most this tensor's size along every
    /// dim but <paramref name="dim"/>, and values in <c>[0, Shape[dim])</c>. Derivative: 1 for this tensor; for
    /// <paramref name="source"/>, the gradient gathered at the same places.
    /// </summary>
    /// <exception cref="ArgumentException">The index's length or source's rank or shape does not fit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> or an index value is out of range.</exception>
    public Tensor<T> ScatterAdd(int dim, ReadOnlySpan<int> index, Tensor<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        int d = CheckIndexDim("scatter_add", dim);
        CheckIndexShape("scatter_add", d, index.Length, source.Shape, "source");
        CheckIndexValues("scatter_add", d, index, source.Shape);
        return ScatterAddFunction<T>.Apply(this, d, index.ToArray(), source);
    }

    /// <summary>
    /// The slices <paramref name="index"/> along <paramref name="dim"/>, in that order, repeats allowed
    /// (<c>torch.index_select</c>): the result has <c>index.Length</c> along <paramref name="dim"/>. Values must be in
    /// <c>[0, Shape[dim])</c>. Derivative: the gradient added back to the selected slices (a repeated one gets the sum).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> or an index value is out of range.</exception>
    public Tensor<T> IndexSelect(int dim, ReadOnlySpan<int> index)
    {
        int d = CheckIndexDim("index_select", dim);
        int n = Shape.Dims[d];
        for (int k = 0; k < index.Length; k++)
            if ((uint)index[k] >= (uint)n)
                throw new ArgumentOutOfRangeException(nameof(index),
                    $"index_select: index[{k}] = {index[k]} is out of range for dim {dim} of size {n} of a tensor of shape {Shape}; " +
                    $"every index must be in [0, {n - 1}] (negative indices are not accepted).");
        // A gather whose index repeats index[k] across the other dims: its backward already sums repeated picks.
        var shape = Shape.With(d, index.Length);
        var (outer, _, inner) = Kernels.Reductions.Split(shape, d);
        var full = new int[shape.Length];
        for (int o = 0, p = 0; o < outer; o++)
            for (int k = 0; k < index.Length; k++)
                for (int i = 0; i < inner; i++) full[p++] = index[k];
        return GatherFunction<T>.Apply(this, d, full, shape);
    }

    /// <summary>
    /// The elements where <paramref name="mask"/> is true, in row-major order, as a 1-D tensor
    /// (<c>torch.masked_select</c>, <c>x[mask]</c>). The mask has one entry per element (this tensor's shape, flattened;
    /// PyTorch also broadcasts a smaller mask, MiniGrad does not). Derivative: the gradient put back at the selected
    /// elements, 0 elsewhere.
    /// </summary>
    /// <exception cref="ArgumentException">The mask's length is not this tensor's.</exception>
    public Tensor<T> MaskedSelect(ReadOnlySpan<bool> mask)
    {
        if (mask.Length != Length)
            throw new ArgumentException(
                $"masked_select: the mask has {mask.Length} entries for a tensor of shape {Shape} with {Length} elements; " +
                "give one entry per element, row-major (broadcasting a mask is not supported).", nameof(mask));
        var picked = new List<int>();
        for (int i = 0; i < mask.Length; i++)
            if (mask[i]) picked.Add(i);
        return GatherFunction<T>.Apply(Reshape(Length), 0, [.. picked], new TensorShape(picked.Count));
    }

    /// <summary>
    /// The slice at <paramref name="index"/> along <paramref name="dim"/>, that dim removed (<c>torch.select</c>,
    /// <c>x[:, 2]</c> for dim 1); a negative index counts from the end. A copy; the gradient goes back to the slice.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> or <paramref name="index"/> is out of range.</exception>
    public Tensor<T> Select(int dim, int index)
    {
        int d = CheckIndexDim("select", dim);
        int n = Shape.Dims[d];
        int i = index < 0 ? index + n : index;
        if ((uint)i >= (uint)n)
            throw new ArgumentOutOfRangeException(nameof(index),
                $"select: index {index} is out of range for dim {dim} of size {n} of a tensor of shape {Shape}; use an index in [{-n}, {n - 1}].");
        return NarrowFunction<T>.Apply(this, d, i, 1).Reshape(Shape.Without(d));
    }

    /// <summary>
    /// One range per leading dim, each narrowing its dim (<c>x[:, 1:3]</c> is <c>x[.., 1..3]</c>); dims without a
    /// range are kept whole. A copy (PyTorch's is a view); the gradient goes back in place, zeros elsewhere. A single
    /// range selects rows as a view (<see cref="this[Range]"/>).
    /// </summary>
    /// <exception cref="ArgumentException">No range, or more ranges than dims.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A range does not fit its dim.</exception>
    [System.Runtime.CompilerServices.IndexerName("Element")]
    public Tensor<T> this[params Range[] ranges]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(ranges);
            if (ranges.Length == 0 || ranges.Length > Rank)
                throw new ArgumentException(
                    $"slice: {ranges.Length} ranges given for a tensor of shape {Shape}; give one range per leading dim, from 1 to {Rank}.", nameof(ranges));
            var starts = new int[ranges.Length];
            var lengths = new int[ranges.Length];
            for (int d = 0; d < ranges.Length; d++)
            {
                int n = Shape.Dims[d];
                int start = ranges[d].Start.GetOffset(n), end = ranges[d].End.GetOffset(n);
                if ((uint)start > (uint)n || (uint)end > (uint)n || end < start)
                    throw new ArgumentOutOfRangeException(nameof(ranges),
                        $"slice: range {ranges[d]} (position {d}) is out of bounds for dim {d} of size {n} of a tensor of shape {Shape}: a range a..b needs 0 <= a <= b <= {n}.");
                (starts[d], lengths[d]) = (start, end - start);
            }
            var y = this;
            for (int d = 0; d < ranges.Length; d++)
                if (lengths[d] != Shape.Dims[d] || (d == ranges.Length - 1 && ReferenceEquals(y, this)))
                    y = NarrowFunction<T>.Apply(y, d, starts[d], lengths[d]); // the last dim narrows anyway: a copy, never this tensor itself
            return y;
        }
    }

    private int CheckIndexDim(string op, int dim)
    {
        if (Rank == 0)
            throw new ArgumentException($"{op}: a rank-0 tensor has no dim to index; reshape it to [1] first.");
        return Shape.NormalizeDim(dim, op);
    }

    /// <summary>The index has <paramref name="length"/> values for <paramref name="indexShape"/>, this tensor's rank, and fits every dim but <paramref name="dim"/>.</summary>
    private void CheckIndexShape(string op, int dim, int length, TensorShape indexShape, string shapeName)
    {
        if (indexShape.Rank != Rank)
            throw new ArgumentException(
                $"{op}: the {shapeName} shape {indexShape} has rank {indexShape.Rank}, but the tensor of shape {Shape} has rank {Rank}; the index needs one dim per dim of the tensor.");
        if (length != indexShape.Length)
            throw new ArgumentException(
                $"{op}: the index has {length} values, but the {shapeName} shape {indexShape} holds {indexShape.Length}; give one index per position, row-major.");
        for (int d = 0; d < Rank; d++)
            if (d != dim && indexShape.Dims[d] > Shape.Dims[d])
                throw new ArgumentException(
                    $"{op}: the {shapeName} shape {indexShape} is larger than the tensor's {Shape} along dim {d}; only along dim {dim} may it be larger.");
    }

    /// <summary>Every value in [0, Shape[dim]), or an exception naming the first bad one and its position.</summary>
    private void CheckIndexValues(string op, int dim, ReadOnlySpan<int> index, TensorShape indexShape)
    {
        int n = Shape.Dims[dim];
        for (int p = 0; p < index.Length; p++)
        {
            if ((uint)index[p] < (uint)n) continue;
            var at = new int[indexShape.Rank];
            for (int d = at.Length - 1, rest = p; d >= 0; d--)
                (at[d], rest) = (rest % indexShape.Dims[d], rest / indexShape.Dims[d]);
            throw new ArgumentOutOfRangeException(nameof(index),
                $"{op}: index value {index[p]} at position [{string.Join(", ", at)}] (flat {p}) is out of range for dim {dim} of size {n} " +
                $"of a tensor of shape {Shape}; every index must be in [0, {n - 1}] (negative indices are not accepted).");
        }
    }
}
