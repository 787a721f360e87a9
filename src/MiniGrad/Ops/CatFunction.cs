using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>
/// Tensors joined along one dim (<c>torch.cat</c>): every other dim must agree. Backward: each input gets the slice
/// of the gradient that its elements became (<see cref="NarrowFunction{T}"/>).
/// </summary>
internal sealed class CatFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int dim;

    private CatFunction(int dim) => this.dim = dim;

    public override string Name => "Cat";

    public override string Arguments => $"dim={dim}";

    // Backward needs only the inputs' shapes.
    protected internal override bool SavesInput(int index) => false;

    public static Tensor<T> Apply(IReadOnlyList<Tensor<T>> tensors, int dim)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) throw new ArgumentException("cat: give at least one tensor.", nameof(tensors));
        for (int i = 0; i < tensors.Count; i++)
            if (tensors[i] is null) throw new ArgumentNullException(nameof(tensors), $"cat: tensor {i} is null.");
        var first = tensors[0];
        int d = first.Shape.NormalizeDim(dim, "cat");
        int total = 0;
        foreach (var t in tensors)
        {
            if (t.Rank != first.Rank || !SameExcept(t.Shape, first.Shape, d))
                throw new ArgumentException(
                    $"cat: along dim {dim} every other dim must agree, got shapes {string.Join(", ", tensors.Select(x => x.Shape.ToString()))}.");
            total += t.Shape.Dims[d];
        }
        var y = Tensor<T>.Allocate(first.Shape.With(d, total), clear: false);
        var (outer, _, inner) = Reductions.Split(y.Shape, d);
        Span<T> dst = y.Span;
        int offset = 0;
        foreach (var t in tensors)
        {
            int block = t.Shape.Dims[d] * inner;
            ReadOnlySpan<T> src = t.ReadOnlySpan;
            for (int o = 0; o < outer; o++)
                src.Slice(o * block, block).CopyTo(dst.Slice(o * total * inner + offset * inner, block));
            offset += t.Shape.Dims[d];
        }
        var inputs = tensors.ToArray();
        return inputs.Any(t => Tape.ShouldRecord(t)) ? Tape.Record(new CatFunction<T>(d), y, inputs) : y;
    }

    private static bool SameExcept(TensorShape a, TensorShape b, int dim)
    {
        for (int i = 0; i < a.Rank; i++)
            if (i != dim && a.Dims[i] != b.Dims[i]) return false;
        return true;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var grads = new Tensor<T>?[Inputs.Count];
        int offset = 0;
        for (int i = 0; i < Inputs.Count; i++)
        {
            int length = Inputs[i].Shape.Dims[dim];
            if (needs[i]) grads[i] = NarrowFunction<T>.Apply(g, dim, offset, length);
            offset += length;
        }
        return grads;
    }
}
