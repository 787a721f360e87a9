using System.Numerics;
using MiniGrad.Ops;

namespace MiniGrad;

// Shape ops of torch.* beyond reshape and transpose: views where PyTorch makes views (unsqueeze, squeeze, flatten are
// reshapes here), copies where the elements move (narrow, cat).
public sealed partial class Tensor<T>
{
    /// <summary>A size-1 dim inserted at <paramref name="dim"/> (from 0 to Rank; negative counts from the end), a view (<c>torch.unsqueeze</c>).</summary>
    public Tensor<T> Unsqueeze(int dim)
    {
        int d = dim < 0 ? dim + Rank + 1 : dim;
        if (d < 0 || d > Rank)
            throw new ArgumentOutOfRangeException(nameof(dim), $"unsqueeze: dim {dim} is out of range for a tensor of shape {Shape} (expected a dim in [{-Rank - 1}, {Rank}]).");
        var dims = Shape.Dims.ToArray().ToList();
        dims.Insert(d, 1);
        return Reshape(new TensorShape([.. dims]));
    }

    /// <summary>Every size-1 dim removed, a view (<c>torch.squeeze</c>).</summary>
    public Tensor<T> Squeeze() => Reshape(new TensorShape([.. Shape.Dims.ToArray().Where(n => n != 1)]));

    /// <summary><paramref name="dim"/> removed if its size is 1 (else this tensor unchanged), a view (<c>torch.squeeze(dim)</c>).</summary>
    public Tensor<T> Squeeze(int dim)
    {
        if (Rank == 0 && dim is 0 or -1) return this;
        int d = Shape.NormalizeDim(dim, "squeeze");
        if (Shape.Dims[d] != 1) return this;
        var dims = Shape.Dims.ToArray().ToList();
        dims.RemoveAt(d);
        return Reshape(new TensorShape([.. dims]));
    }

    /// <summary>Dims <paramref name="startDim"/> to <paramref name="endDim"/> merged into one, a view (<c>torch.flatten</c>).</summary>
    public Tensor<T> Flatten(int startDim = 0, int endDim = -1)
    {
        if (Rank == 0) return Reshape(1);
        int s = Shape.NormalizeDim(startDim, "flatten"), e = Shape.NormalizeDim(endDim, "flatten");
        if (s > e) throw new ArgumentException($"flatten: startDim {startDim} comes after endDim {endDim} for a tensor of shape {Shape}.");
        var dims = Shape.Dims.ToArray();
        int merged = 1;
        for (int i = s; i <= e; i++) merged *= dims[i];
        return Reshape(new TensorShape([.. dims[..s], merged, .. dims[(e + 1)..]]));
    }

    /// <summary>
    /// Elements <c>[start, start + length)</c> along <paramref name="dim"/> (a copy; <c>torch.narrow</c>). Backward puts the
    /// gradient back in place, zeros elsewhere.
    /// </summary>
    public Tensor<T> Narrow(int dim, int start, int length)
    {
        int d = Shape.NormalizeDim(dim, "narrow");
        int n = Shape.Dims[d];
        if (start < 0) start += n;
        if (start < 0 || length < 0 || start + length > n)
            throw new ArgumentOutOfRangeException(nameof(start),
                $"narrow: start {start} and length {length} do not fit in dim {dim} of size {n} (shape {Shape}).");
        return NarrowFunction<T>.Apply(this, d, start, length);
    }

    /// <summary>The dims in the order <paramref name="dims"/> (each dim once; negative counts from the end), a copy (<c>torch.permute</c>).</summary>
    public Tensor<T> Permute(params int[] dims) => PermuteFunction<T>.Apply(this, dims);

    /// <summary>
    /// The tensor tiled <paramref name="repeats"/> times along each dim (<c>torch.repeat</c>): more repeats than dims
    /// add leading dims. Composed of reshape and expand, whose backward sums each tile's gradient back.
    /// </summary>
    public Tensor<T> Repeat(params int[] repeats)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        if (repeats.Length < Rank)
            throw new ArgumentException($"repeat: {repeats.Length} repeats given for a tensor of shape {Shape}; give at least one per dim.");
        foreach (int r in repeats)
            if (r < 0) throw new ArgumentOutOfRangeException(nameof(repeats), $"repeat: repeats must not be negative, got ({string.Join(", ", repeats)}).");
        // Pad the shape with leading 1s, put a size-1 dim before each, stretch those to the repeats, merge the pairs.
        var dims = Enumerable.Repeat(1, repeats.Length - Rank).Concat(Shape.Dims.ToArray()).ToArray();
        var interleaved = dims.SelectMany(n => new[] { 1, n }).ToArray();
        var stretched = dims.Select((n, i) => new[] { repeats[i], n }).SelectMany(p => p).ToArray();
        var merged = dims.Select((n, i) => n * repeats[i]).ToArray();
        return Reshape(interleaved).Expand(new TensorShape(stretched)).Reshape(merged);
    }

    /// <summary>Pieces of <paramref name="splitSize"/> along <paramref name="dim"/>, the last one shorter if needed (<c>torch.split</c>).</summary>
    public Tensor<T>[] Split(int splitSize, int dim = 0)
    {
        int d = Shape.NormalizeDim(dim, "split");
        if (splitSize <= 0) throw new ArgumentOutOfRangeException(nameof(splitSize), $"split: the piece size must be at least 1, got {splitSize}.");
        int n = Shape.Dims[d];
        var pieces = new List<Tensor<T>>();
        for (int start = 0; start < n; start += splitSize) pieces.Add(NarrowFunction<T>.Apply(this, d, start, Math.Min(splitSize, n - start)));
        return [.. pieces];
    }

    /// <summary>At most <paramref name="chunks"/> pieces of equal size along <paramref name="dim"/>, the last one shorter if needed (<c>torch.chunk</c>).</summary>
    public Tensor<T>[] Chunk(int chunks, int dim = 0)
    {
        if (chunks <= 0) throw new ArgumentOutOfRangeException(nameof(chunks), $"chunk: the number of chunks must be at least 1, got {chunks}.");
        int d = Shape.NormalizeDim(dim, "chunk");
        int n = Shape.Dims[d];
        return Split(Math.Max(1, (n + chunks - 1) / chunks), d);
    }

    /// <summary>Tensors of one shape except along <paramref name="dim"/>, joined along it (<c>torch.cat</c>).</summary>
    public static Tensor<T> Cat(IReadOnlyList<Tensor<T>> tensors, int dim = 0) => CatFunction<T>.Apply(tensors, dim);

    /// <summary>Tensors of one shape stacked along a new dim <paramref name="dim"/> (<c>torch.stack</c>).</summary>
    public static Tensor<T> Stack(IReadOnlyList<Tensor<T>> tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) throw new ArgumentException("stack: give at least one tensor.", nameof(tensors));
        foreach (var t in tensors)
            if (t is null || t.Shape != tensors[0].Shape)
                throw new ArgumentException($"stack: every tensor must have one shape, got {string.Join(", ", tensors.Select(x => x?.Shape.ToString() ?? "null"))}.");
        return Cat([.. tensors.Select(t => t.Unsqueeze(dim))], dim);
    }
}

public static partial class Tensor
{
    /// <summary>Tensors joined along <paramref name="dim"/> (<c>torch.cat</c>).</summary>
    public static Tensor<T> Cat<T>(IReadOnlyList<Tensor<T>> tensors, int dim = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Tensor<T>.Cat(tensors, dim);

    /// <summary>Tensors of one shape stacked along a new dim (<c>torch.stack</c>).</summary>
    public static Tensor<T> Stack<T>(IReadOnlyList<Tensor<T>> tensors, int dim = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Tensor<T>.Stack(tensors, dim);
}
