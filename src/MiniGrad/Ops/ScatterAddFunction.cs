using System.Numerics;

namespace MiniGrad.Ops;

/// <summary>
/// <c>y = x</c> with <c>source[p]</c> added at <c>x[p with its coordinate along dim replaced by index[p]]</c> for every
/// position <c>p</c> of the index, which has source's shape (out-of-place <c>torch.scatter_add</c>; repeated
/// targets add up). Backward: <c>g</c> passes to x unchanged, and source gets <c>g</c> gathered at the same places
/// (<see cref="GatherFunction{T}"/>), whose own backward scatters again.
/// </summary>
/// <remarks>The index is validated by the caller (<c>Tensor.Indexing.cs</c>) and owned by this op.</remarks>
internal sealed class ScatterAddFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int dim;
    private readonly int[] index;

    private ScatterAddFunction(int dim, int[] index) => (this.dim, this.index) = (dim, index);

    public override string Name => "ScatterAdd";

    // Backward needs only the shapes and the index it keeps: the sum is linear in both inputs.
    protected internal override bool SavesInput(int index) => false;

    public override string Arguments => $"dim={dim}";

    public static Tensor<T> Apply(Tensor<T> x, int dim, int[] index, Tensor<T> source)
    {
        var offsets = GatherFunction<T>.Offsets(x.Shape, dim, index, source.Shape);
        var y = Tensor<T>.Allocate(x.Shape, clear: false);
        x.ReadOnlySpan.CopyTo(y.Span);
        ReadOnlySpan<T> src = source.ReadOnlySpan;
        Span<T> dst = y.Span;
        for (int p = 0; p < offsets.Length; p++) dst[offsets[p]] += src[p];
        return Tape.ShouldRecord(x, source) ? Tape.Record(new ScatterAddFunction<T>(dim, index), y, x, source) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) =>
    [
        needs[0] ? g : null,
        needs[1] ? GatherFunction<T>.Apply(g, dim, index, Inputs[1].Shape) : null,
    ];
}
