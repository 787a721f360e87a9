using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>
/// <c>y = x[..., start:start+length, ...]</c> along one dim (a copy; PyTorch's <c>narrow</c>; Glu splits
/// its input with it). Backward: the gradient placed into zeros of the input's shape (<see cref="EmbedFunction{T}"/>).
/// </summary>
internal sealed class NarrowFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int dim, start;

    private NarrowFunction(int dim, int start) => (this.dim, this.start) = (dim, start);

    // torch.narrow and x[:, a:b] are both slices in PyTorch: SliceBackward0.
    public override string Name => "Slice";

    // Backward needs only the input's shape, so writing into the input after the forward pass is harmless.
    protected internal override bool SavesInput(int index) => false;

    public override string Arguments => $"dim={dim}, start={start}";

    public static Tensor<T> Apply(Tensor<T> x, int dim, int start, int length)
    {
        var (outer, n, inner) = Reductions.Split(x.Shape, dim);
        var y = Tensor<T>.Allocate(x.Shape.With(dim, length), clear: false);
        ReadOnlySpan<T> src = x.ReadOnlySpan;
        Span<T> dst = y.Span;
        int block = length * inner;
        for (int o = 0; o < outer; o++)
            src.Slice((o * n + start) * inner, block).CopyTo(dst.Slice(o * block, block));
        return Tape.ShouldRecord(x) ? Tape.Record(new NarrowFunction<T>(dim, start), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) =>
        [EmbedFunction<T>.Apply(g, Inputs[0].Shape, dim, start)];
}

/// <summary>
/// The backward of <see cref="NarrowFunction{T}"/>: zeros of <c>shape</c> with <c>g</c> written at
/// <c>[start, start + g.Shape[dim])</c> along <c>dim</c>. Its own backward narrows the incoming gradient again.
/// </summary>
internal sealed class EmbedFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int dim, start;

    private EmbedFunction(int dim, int start) => (this.dim, this.start) = (dim, start);

    // The backward of a slice, recorded when a backward pass is (createGraph): PyTorch's SliceBackwardBackward0.
    public override string Name => "SliceBackward";

    // Backward needs only the input's shape, so writing into the input after the forward pass is harmless.
    protected internal override bool SavesInput(int index) => false;

    public override string Arguments => $"dim={dim}, start={start}";

    public static Tensor<T> Apply(Tensor<T> g, TensorShape shape, int dim, int start)
    {
        var (outer, n, inner) = Reductions.Split(shape, dim);
        int length = g.Shape[dim];
        var y = Tensor<T>.Zeros(shape);
        ReadOnlySpan<T> src = g.ReadOnlySpan;
        Span<T> dst = y.Span;
        int block = length * inner;
        for (int o = 0; o < outer; o++)
            src.Slice(o * block, block).CopyTo(dst.Slice((o * n + start) * inner, block));
        return Tape.ShouldRecord(g) ? Tape.Record(new EmbedFunction<T>(dim, start), y, g) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> gg, ReadOnlySpan<bool> needs) =>
        [NarrowFunction<T>.Apply(gg, dim, start, Inputs[0].Shape[dim])];
}
