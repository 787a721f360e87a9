using System.Numerics;

namespace MiniGrad.Kernels;

/// <summary>
/// NumPy/PyTorch broadcasting over contiguous row-major buffers: shapes align from the right and a dimension of
/// size 1 (or a missing one) stretches to match. No graph, no tensors: spans and shapes only.
/// </summary>
internal static class Broadcasting
{
    /// <summary>The broadcast shape of <paramref name="a"/> and <paramref name="b"/>, or an exception naming <paramref name="op"/>.</summary>
    public static TensorShape ResultShape(string op, TensorShape a, TensorShape b)
    {
        if (a == b) return a;
        int rank = Math.Max(a.Rank, b.Rank);
        Span<int> dims = stackalloc int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Rank ? 1 : a.Dims[i - (rank - a.Rank)];
            int db = i < rank - b.Rank ? 1 : b.Dims[i - (rank - b.Rank)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException(
                    $"{op}: shapes {a} and {b} cannot be broadcast: dimension {i} is {da} in one and {db} in the other " +
                    "(sizes must be equal, or one of them 1). Reshape one operand or check the operands' order.");
            dims[i] = da == 1 ? db : da;
        }
        return new TensorShape(dims);
    }

    /// <summary>Strides of <paramref name="source"/> as seen from an index into <paramref name="target"/>: 0 on stretched dims.</summary>
    public static void BroadcastStrides(TensorShape source, TensorShape target, Span<int> strides)
    {
        int rank = target.Rank, lead = rank - source.Rank;
        Span<int> own = stackalloc int[Math.Max(source.Rank, 1)];
        source.GetStrides(own);
        for (int i = 0; i < rank; i++)
        {
            int si = i - lead;
            strides[i] = si < 0 || source.Dims[si] == 1 ? 0 : own[si];
        }
    }

    /// <summary>
    /// <c>y = op(a, b)</c> with broadcasting; <paramref name="yShape"/> must be the broadcast shape. The innermost
    /// dimension is always handed to a span operation, so vectorization survives broadcasting of a bias or a scalar.
    /// </summary>
    public static void Binary<TOp, T>(ReadOnlySpan<T> a, TensorShape aShape, ReadOnlySpan<T> b, TensorShape bShape,
        Span<T> y, TensorShape yShape)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (a.Length != aShape.Length || b.Length != bShape.Length || y.Length != yShape.Length)
            throw new ArgumentException("broadcast: a span's length does not match its shape.");
        if (aShape == bShape)
        {
            TOp.Invoke(a, b, y);
            return;
        }
        if (b.Length == 1 && aShape == yShape)
        {
            TOp.Invoke(a, b[0], y);
            return;
        }
        if (a.Length == 1 && bShape == yShape)
        {
            TOp.Invoke(a[0], b, y);
            return;
        }

        int rank = yShape.Rank;
        Span<int> aStrides = stackalloc int[rank];
        Span<int> bStrides = stackalloc int[rank];
        BroadcastStrides(aShape, yShape, aStrides);
        BroadcastStrides(bShape, yShape, bStrides);
        int inner = yShape.Dims[rank - 1];
        bool aRow = aStrides[rank - 1] != 0, bRow = bStrides[rank - 1] != 0;
        Span<int> counter = stackalloc int[rank];
        counter.Clear();
        int aOff = 0, bOff = 0;
        for (int yOff = 0; yOff < y.Length; yOff += inner)
        {
            Span<T> yRow = y.Slice(yOff, inner);
            if (aRow && bRow) TOp.Invoke(a.Slice(aOff, inner), b.Slice(bOff, inner), yRow);
            else if (aRow) TOp.Invoke(a.Slice(aOff, inner), b[bOff], yRow);
            else if (bRow) TOp.Invoke(a[aOff], b.Slice(bOff, inner), yRow);
            else
            {
                // Both operands are stretched along the row: compute one value and repeat it.
                TOp.Invoke(a.Slice(aOff, 1), b[bOff], yRow[..1]);
                yRow.Fill(yRow[0]);
            }
            // Advance the odometer over every dimension but the innermost.
            for (int d = rank - 2; d >= 0; d--)
            {
                aOff += aStrides[d];
                bOff += bStrides[d];
                if (++counter[d] < yShape.Dims[d]) break;
                aOff -= aStrides[d] * counter[d];
                bOff -= bStrides[d] * counter[d];
                counter[d] = 0;
            }
        }
    }

    /// <summary>
    /// <see cref="SumTo"/> down to the trailing block <paramref name="target"/> (rows of its length summed: a bias
    /// gradient, [m, n] down to [n]) or down to one element; with <paramref name="addToTarget"/>, the sum is added into
    /// <paramref name="target"/> (the whole sum first, then <c>target + sum</c>: the bits of a sum added afterwards).
    /// </summary>
    public static void SumRowsTo<T>(ReadOnlySpan<T> source, Span<T> target, bool addToTarget)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (target.Length == 1)
        {
            var sum = Reductions.Sum(source);
            target[0] = addToTarget ? target[0] + sum : sum;
        }
        else
        {
            // One pass with the sums held in registers.
            RowVector.SumRows(source, target, addToTarget);
        }
    }

    /// <summary>
    /// Sums <paramref name="source"/> (of <paramref name="sourceShape"/>) over the dimensions that
    /// <paramref name="targetShape"/> broadcast along, into <paramref name="target"/>: the backward of a broadcast.
    /// Rows are added in index order, so the result does not depend on threads or timing.
    /// </summary>
    public static void SumTo<T>(ReadOnlySpan<T> source, TensorShape sourceShape, Span<T> target, TensorShape targetShape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (source.Length != sourceShape.Length || target.Length != targetShape.Length)
            throw new ArgumentException("sum_to: a span's length does not match its shape.");
        if (sourceShape == targetShape)
        {
            source.CopyTo(target);
            return;
        }
        if (target.Length == 1 || IsTrailingBlock(targetShape, sourceShape))
        {
            SumRowsTo(source, target, addToTarget: false);
            return;
        }
        target.Clear();
        int rank = sourceShape.Rank;
        Span<int> tStrides = stackalloc int[rank];
        BroadcastStrides(targetShape, sourceShape, tStrides);
        int inner = sourceShape.Dims[rank - 1];
        bool tRow = tStrides[rank - 1] != 0;
        Span<int> counter = stackalloc int[rank];
        counter.Clear();
        int tOff = 0;
        for (int sOff = 0; sOff < source.Length; sOff += inner)
        {
            ReadOnlySpan<T> sRow = source.Slice(sOff, inner);
            if (tRow)
            {
                Span<T> tRowSpan = target.Slice(tOff, inner);
                System.Numerics.Tensors.TensorPrimitives.Add(tRowSpan, sRow, tRowSpan);
            }
            else
            {
                target[tOff] += Reductions.Sum(sRow);
            }
            for (int d = rank - 2; d >= 0; d--)
            {
                tOff += tStrides[d];
                if (++counter[d] < sourceShape.Dims[d]) break;
                tOff -= tStrides[d] * counter[d];
                counter[d] = 0;
            }
        }
    }

    /// <summary>
    /// True when <paramref name="target"/>, without its leading 1s, is the trailing dims of <paramref name="source"/>:
    /// the source is then whole copies of the target laid one after another.
    /// </summary>
    private static bool IsTrailingBlock(TensorShape target, TensorShape source)
    {
        int skip = 0;
        while (skip < target.Rank && target.Dims[skip] == 1) skip++;
        int rank = target.Rank - skip;
        if (rank == 0 || rank > source.Rank) return false;
        for (int d = 0; d < rank; d++)
            if (target.Dims[skip + d] != source.Dims[source.Rank - rank + d]) return false;
        return true;
    }

    /// <summary>Copies <paramref name="source"/> stretched to <paramref name="targetShape"/> (the forward of expand).</summary>
    public static void Expand<T>(ReadOnlySpan<T> source, TensorShape sourceShape, Span<T> target, TensorShape targetShape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (source.Length != sourceShape.Length || target.Length != targetShape.Length)
            throw new ArgumentException("expand: a span's length does not match its shape.");
        if (sourceShape == targetShape)
        {
            source.CopyTo(target);
            return;
        }
        if (source.Length == 1)
        {
            target.Fill(source[0]);
            return;
        }
        int rank = targetShape.Rank;
        Span<int> sStrides = stackalloc int[rank];
        BroadcastStrides(sourceShape, targetShape, sStrides);
        int inner = targetShape.Dims[rank - 1];
        bool sRow = sStrides[rank - 1] != 0;
        Span<int> counter = stackalloc int[rank];
        counter.Clear();
        int sOff = 0;
        for (int tOff = 0; tOff < target.Length; tOff += inner)
        {
            Span<T> tRow = target.Slice(tOff, inner);
            if (sRow) source.Slice(sOff, inner).CopyTo(tRow);
            else tRow.Fill(source[sOff]);
            for (int d = rank - 2; d >= 0; d--)
            {
                sOff += sStrides[d];
                if (++counter[d] < targetShape.Dims[d]) break;
                sOff -= sStrides[d] * counter[d];
                counter[d] = 0;
            }
        }
    }
}
