using System.Text;

namespace MiniGrad;

/// <summary>
/// The dimensions of a row-major tensor: rank 0 (a scalar) up to <see cref="MaxRank"/>.
/// Immutable; two shapes are equal when their dimensions are.
/// </summary>
public readonly struct TensorShape : IEquatable<TensorShape>
{
    /// <summary>The highest rank a tensor may have.</summary>
    public const int MaxRank = 8;

    private readonly int[]? dims;
    private readonly int length;

    /// <summary>Creates a shape; every dimension must be zero or positive.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, the rank is above <see cref="MaxRank"/>, or the element count overflows.</exception>
    public TensorShape(params ReadOnlySpan<int> dimensions)
    {
        if (dimensions.Length > MaxRank)
            throw new ArgumentException($"shape: rank {dimensions.Length} is above the maximum rank {MaxRank}.", nameof(dimensions));
        long count = 1;
        foreach (int d in dimensions)
        {
            if (d < 0)
                throw new ArgumentException($"shape: {Format(dimensions)} has a negative dimension; every dimension must be >= 0.", nameof(dimensions));
            count *= d;
            if (count > Array.MaxLength)
                throw new ArgumentException($"shape: {Format(dimensions)} holds more than {Array.MaxLength} elements.", nameof(dimensions));
        }
        dims = dimensions.ToArray();
        length = (int)count;
    }

    /// <summary>The number of dimensions (0 for a scalar).</summary>
    public int Rank => dims?.Length ?? 0;

    /// <summary>The number of elements: the product of the dimensions (1 for a scalar).</summary>
    public int Length => dims is null ? 1 : length; // default(TensorShape) is the scalar shape

    /// <summary>The size of dimension <paramref name="dim"/>; negative values count from the end, as in PyTorch.</summary>
    public int this[int dim] => Dims[NormalizeDim(dim, "shape")];

    /// <summary>The dimensions as a span.</summary>
    public ReadOnlySpan<int> Dims => dims ?? [];

    /// <summary>The last dimension's size, or 1 for a scalar.</summary>
    public int LastDim => Rank == 0 ? 1 : Dims[^1];

    /// <summary>
    /// Turns a possibly negative dimension index into 0..Rank-1, or throws naming <paramref name="op"/>.
    /// </summary>
    public int NormalizeDim(int dim, string op)
    {
        int rank = Rank;
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank)
            throw new ArgumentOutOfRangeException(nameof(dim),
                $"{op}: dim {dim} is out of range for a tensor of shape {this} (expected a dim in [{-rank}, {rank - 1}]).");
        return d;
    }

    /// <summary>The same dimensions with <paramref name="dim"/> set to <paramref name="size"/>.</summary>
    public TensorShape With(int dim, int size)
    {
        Span<int> d = stackalloc int[Rank];
        Dims.CopyTo(d);
        d[dim] = size;
        return new TensorShape(d);
    }

    /// <summary>The same dimensions without <paramref name="dim"/>.</summary>
    public TensorShape Without(int dim)
    {
        Span<int> d = stackalloc int[Rank - 1];
        Dims[..dim].CopyTo(d);
        Dims[(dim + 1)..].CopyTo(d[dim..]);
        return new TensorShape(d);
    }

    /// <summary>Row-major strides in elements.</summary>
    public void GetStrides(Span<int> strides)
    {
        int s = 1;
        for (int i = Rank - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Dims[i];
        }
    }

    /// <inheritdoc/>
    public bool Equals(TensorShape other) => Dims.SequenceEqual(other.Dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TensorShape s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int d in Dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Shape equality.</summary>
    public static bool operator ==(TensorShape left, TensorShape right) => left.Equals(right);

    /// <summary>Shape inequality.</summary>
    public static bool operator !=(TensorShape left, TensorShape right) => !left.Equals(right);

    /// <summary>Formats as PyTorch lists shapes in messages: <c>[5, 10]</c>.</summary>
    public override string ToString() => Format(Dims);

    private static string Format(ReadOnlySpan<int> d)
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < d.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(d[i]);
        }
        return sb.Append(']').ToString();
    }
}
