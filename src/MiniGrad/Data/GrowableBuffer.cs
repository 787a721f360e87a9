namespace MiniGrad.Data;

/// <summary>
/// An append-only buffer of unmanaged values held in fixed-size chunks: loaders append parsed numbers here instead of
/// keeping a string per row, so a file costs its values' bytes, not its text's. Chunks, not one doubling array: growing
/// never copies, and nothing is allocated beyond the values and one partly filled chunk.
/// </summary>
internal sealed class GrowableBuffer<T>
    where T : unmanaged
{
    private const int ChunkLength = 1 << 16;
    private readonly List<T[]> chunks = [];
    private T[] current = [];
    private int used;

    public int Count { get; private set; }

    public void Add(T value)
    {
        if (used == current.Length)
        {
            if (Count == Array.MaxLength) throw new InvalidOperationException($"GrowableBuffer: more than {Array.MaxLength} values.");
            // Small buffers (a label column, a tiny file) start small and double up to the chunk length.
            current = new T[Math.Min(ChunkLength, Math.Max(16, current.Length * 2))];
            chunks.Add(current);
            used = 0;
        }
        current[used++] = value;
        Count++;
    }

    /// <summary>Copies the values, in order, into <paramref name="destination"/> (at least <see cref="Count"/> long).</summary>
    public void CopyTo(Span<T> destination)
    {
        int offset = 0;
        foreach (var chunk in chunks)
        {
            int length = Math.Min(chunk.Length, Count - offset);
            chunk.AsSpan(0, length).CopyTo(destination[offset..]);
            offset += length;
        }
    }

    /// <summary>The values in a new array.</summary>
    public T[] ToArray()
    {
        var result = new T[Count];
        CopyTo(result);
        return result;
    }
}

/// <summary>Tensors from <see cref="GrowableBuffer{T}"/>s of floating-point values.</summary>
internal static class GrowableBufferTensors
{
    /// <summary>The buffer's values as a new tensor of <paramref name="shape"/> (holding exactly <c>Count</c> elements).</summary>
    public static Tensor<T> ToTensor<T>(this GrowableBuffer<T> buffer, TensorShape shape)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var tensor = Tensor<T>.Zeros(shape);
        buffer.CopyTo(tensor.Span);
        return tensor;
    }
}
