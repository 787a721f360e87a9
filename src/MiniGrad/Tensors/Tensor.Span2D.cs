using CommunityToolkit.HighPerformance;

namespace MiniGrad;

/// <summary>A 2-D tensor's elements as a grid of rows and columns (CommunityToolkit.HighPerformance's 2-D spans).</summary>
public sealed partial class Tensor<T>
{
    /// <summary>
    /// This 2-D tensor's elements as rows × columns, for writing: <c>grid[i, j]</c> is <c>t[i, j]</c>,
    /// <c>grid.GetRowSpan(i)</c> row i, no copy. Taking it counts as a write, as taking <see cref="Span"/> does: it
    /// bumps <see cref="Version"/>, so a backward pass through an op that saved this tensor refuses to run on values
    /// changed since. Read through <see cref="AsReadOnlySpan2D"/>, which changes nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor is not 2-D.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Span2D<T> AsSpan2D()
    {
        var (rows, columns) = MatrixDims("AsSpan2D");
        return Span.AsSpan2D(rows, columns);
    }

    /// <summary>This 2-D tensor's elements as rows × columns, read-only: <c>grid[i, j]</c> is <c>t[i, j]</c>, no copy.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not 2-D.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public ReadOnlySpan2D<T> AsReadOnlySpan2D()
    {
        var (rows, columns) = MatrixDims("AsReadOnlySpan2D");
        return ReadOnlySpan.AsSpan2D(rows, columns);
    }

    /// <summary>The rows and columns of a 2-D tensor, checked before the buffer is touched (so a refused call writes nothing).</summary>
    private (int Rows, int Columns) MatrixDims(string operation)
    {
        if (disposed) throw Disposed();
        if (Rank != 2)
            throw new InvalidOperationException(
                $"{operation}: a 2-D view needs a tensor of rank 2 (rows, columns); this one has shape {Shape} (rank {Rank}). " +
                (Rank < 2 ? "Make it a matrix first, e.g. Reshape(1, -1) for one row." : "Make it a matrix first, e.g. Reshape(-1, lastDim) to stack its rows."));
        return (Shape.Dims[0], Shape.Dims[1]);
    }
}
