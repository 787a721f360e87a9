using MiniGrad.Ops;

namespace MiniGrad;

// Row slicing as methods of Tensor<T>. A slice is a differentiable op (its backward scatters the gradient into the
// rows it covers), so it lives with the ops and the tensor core never reaches up into an op implementation.
public sealed partial class Tensor<T>
{
    /// <summary>
    /// A zero-copy view of rows <c>[start, start + count)</c> along dim 0 (a mini-batch of a data tensor), as
    /// <c>x[start:start+count]</c> in PyTorch. Differentiable: the gradient flows back into the rows it covers.
    /// </summary>
    public Tensor<T> SliceRows(int start, int count) => SliceRowsFunction<T>.Apply(this, start, count);

    /// <summary>Rows <paramref name="range"/> along dim 0 as a zero-copy view; see <see cref="SliceRows"/>.</summary>
    [System.Runtime.CompilerServices.IndexerName("Element")]
    public Tensor<T> this[Range range]
    {
        get
        {
            if (Rank == 0) throw new InvalidOperationException("slice: a rank-0 tensor has no rows to slice.");
            int rows = Shape.Dims[0];
            int start = range.Start.GetOffset(rows), end = range.End.GetOffset(rows);
            // Range.GetOffsetAndLength would throw "(Parameter 'length')", which names neither the tensor nor the range.
            if ((uint)start > (uint)rows || (uint)end > (uint)rows || end < start)
                throw new ArgumentOutOfRangeException(nameof(range),
                    $"slice: rows {range} are out of bounds for a tensor of shape {Shape}, which has {rows} rows: a slice a..b needs 0 <= a <= b <= {rows}.");
            return SliceRows(start, end - start);
        }
    }
}
