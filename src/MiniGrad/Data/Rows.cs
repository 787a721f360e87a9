using System.Numerics;

namespace MiniGrad.Data;

/// <summary>Row (dim 0) helpers the datasets share: checking indices and copying chosen rows.</summary>
internal static class Rows
{
    /// <summary>The rows of <paramref name="source"/> at <paramref name="indices"/>, in that order, in a new tensor.</summary>
    public static Tensor<T> Gather<T>(Tensor<T> source, ReadOnlySpan<int> indices, string operation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int rows = source.Shape[0];
        int rowLength = rows == 0 ? 0 : source.Length / rows;
        var result = Tensor<T>.Zeros(source.Shape.With(0, indices.Length));
        var from = source.ReadOnlySpan;
        var to = result.Span;
        for (int i = 0; i < indices.Length; i++)
        {
            int index = indices[i];
            if ((uint)index >= (uint)rows)
                throw new ArgumentOutOfRangeException(nameof(indices),
                    $"{operation}: index {index} (position {i}) is out of range for a dataset of {rows} samples: indices must be in [0, {rows}).");
            from.Slice(index * rowLength, rowLength).CopyTo(to.Slice(i * rowLength, rowLength));
        }
        return result;
    }

    /// <summary>Checks that rows <c>[start, start + count)</c> exist among <paramref name="rows"/>.</summary>
    public static void CheckRange(int start, int count, int rows, string operation)
    {
        if (start < 0 || count < 0 || start > rows - count)
            throw new ArgumentOutOfRangeException(nameof(start),
                $"{operation}: samples [{start}, {(long)start + count}) are out of range for a dataset of {rows} samples.");
    }

    /// <summary>Checks that a tensor of samples has a dim 0 to hold them.</summary>
    public static void CheckHasRows<T>(Tensor<T> tensor, string operation, string name)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        if (tensor.Rank == 0)
            throw new ArgumentException($"{operation}: {name} is a rank-0 tensor; samples run along dim 0, so it needs rank >= 1 (reshape a scalar per sample to [N] or [N, 1]).", name);
    }
}
