using System.Numerics;

namespace MiniGrad.Ops;

/// <summary>
/// <c>y[p] = x[p with its coordinate along dim replaced by index[p]]</c> for every position <c>p</c> of the index
/// (<c>torch.gather</c>); <c>y</c> has the index's shape. Backward: the gradient added into zeros of x's shape at
/// the same places (<see cref="ScatterAddFunction{T}"/>), whose own backward gathers again, so second order works.
/// </summary>
/// <remarks>The index is validated by the caller (<c>Tensor.Indexing.cs</c>) and owned by this op.</remarks>
internal sealed class GatherFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int dim;
    private readonly int[] index;
    private readonly TensorShape indexShape;

    private GatherFunction(int dim, int[] index, TensorShape indexShape) =>
        (this.dim, this.index, this.indexShape) = (dim, index, indexShape);

    public override string Name => "Gather";

    // Backward needs only the input's shape and the index it keeps.
    protected internal override bool SavesInput(int index) => false;

    public override string Arguments => $"dim={dim}";

    public static Tensor<T> Apply(Tensor<T> x, int dim, int[] index, TensorShape indexShape)
    {
        var offsets = Offsets(x.Shape, dim, index, indexShape);
        var y = Tensor<T>.Allocate(indexShape, clear: false);
        ReadOnlySpan<T> src = x.ReadOnlySpan;
        Span<T> dst = y.Span;
        for (int p = 0; p < offsets.Length; p++) dst[p] = src[offsets[p]];
        return Tape.ShouldRecord(x) ? Tape.Record(new GatherFunction<T>(dim, index, indexShape), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) =>
        [ScatterAddFunction<T>.Apply(Tensor<T>.Zeros(Inputs[0].Shape), dim, index, g)];

    /// <summary>
    /// For each position of the (validated) index, row-major, the flat offset into a tensor of shape
    /// <paramref name="shape"/> that it addresses: its own coordinates, with <c>index[p]</c> along <paramref name="dim"/>.
    /// </summary>
    internal static int[] Offsets(TensorShape shape, int dim, ReadOnlySpan<int> index, TensorShape indexShape)
    {
        int rank = shape.Rank;
        Span<int> strides = stackalloc int[rank];
        shape.GetStrides(strides);
        Span<int> coord = stackalloc int[rank];
        ReadOnlySpan<int> sizes = indexShape.Dims;
        var offsets = new int[index.Length];
        int rest = 0; // Σ coord[d] · strides[d] over d ≠ dim
        for (int p = 0; p < offsets.Length; p++)
        {
            offsets[p] = rest + index[p] * strides[dim];
            for (int d = rank - 1; d >= 0; d--)
            {
                coord[d]++;
                if (d != dim) rest += strides[d];
                if (coord[d] < sizes[d]) break;
                if (d != dim) rest -= coord[d] * strides[d];
                coord[d] = 0;
            }
        }
        return offsets;
    }
}
