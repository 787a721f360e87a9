using System.Buffers.Binary;
using System.Numerics;

namespace MiniGrad.Checkpoints;

/// <summary>One tensor's header entry: its name, dtype (<c>F32</c>, ...), shape and byte range in the data.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="Dtype">The safetensors dtype: F16, BF16, F32 or F64.</param>
/// <param name="Shape">The shape (rank 0 for a scalar).</param>
/// <param name="Begin">The first byte in the data, relative to its start.</param>
/// <param name="End">One past the last byte.</param>
public sealed record SafeTensorsEntry(string Name, string Dtype, TensorShape Shape, long Begin, long End);

/// <summary>
/// A validated safetensors file read by <see cref="SafeTensors.Load"/>: its tensors by name (converted to float or
/// double on request), their dtypes and shapes, and the metadata.
/// </summary>
public sealed class SafeTensorsFile
{
    private readonly Dictionary<string, SafeTensorsEntry> entries;
    private readonly byte[] data;

    internal SafeTensorsFile(string path, Dictionary<string, string> metadata, List<SafeTensorsEntry> entries, byte[] data)
    {
        Path = path;
        Metadata = metadata;
        Entries = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
        this.entries = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        this.data = data;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The <c>__metadata__</c> strings (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Every tensor's entry, in data order.</summary>
    public IReadOnlyList<SafeTensorsEntry> Entries { get; }

    /// <summary>The tensor names, in data order.</summary>
    public IReadOnlyList<string> Names => Entries.Select(e => e.Name).ToList();

    /// <summary>Whether the file holds a tensor named <paramref name="name"/>.</summary>
    /// <param name="name">The tensor name.</param>
    public bool Contains(string name) => entries.ContainsKey(name);

    /// <summary>The entry of <paramref name="name"/>.</summary>
    /// <param name="name">The tensor name.</param>
    /// <exception cref="KeyNotFoundException">The file has no such tensor.</exception>
    public SafeTensorsEntry this[string name] =>
        entries.TryGetValue(name, out var e) ? e : throw new KeyNotFoundException($"{Path}: no tensor '{name}'.");

    /// <summary>
    /// A new tensor holding <paramref name="name"/>'s values converted to <typeparamref name="T"/> (exactly, except F64
    /// to float, which rounds to nearest).
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="name">The tensor name.</param>
    /// <exception cref="KeyNotFoundException">The file has no such tensor.</exception>
    public Tensor<T> Get<T>(string name) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var e = this[name];
        var bytes = data.AsSpan((int)e.Begin, (int)(e.End - e.Begin));
        var values = new T[e.Shape.Length];
        switch (e.Dtype)
        {
            case "F64":
                for (int i = 0; i < values.Length; i++) values[i] = T.CreateTruncating(BinaryPrimitives.ReadDoubleLittleEndian(bytes[(8 * i)..]));
                break;
            case "F32":
                for (int i = 0; i < values.Length; i++) values[i] = T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]));
                break;
            case "F16":
                for (int i = 0; i < values.Length; i++) values[i] = T.CreateTruncating((float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(2 * i)..]));
                break;
            default: // BF16: the upper half of a float
                for (int i = 0; i < values.Length; i++)
                    values[i] = T.CreateTruncating(BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]) << 16));
                break;
        }
        return Tensor<T>.FromSpan(values, e.Shape);
    }

    /// <summary>Every tensor converted to <typeparamref name="T"/>, by name.</summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    public Dictionary<string, Tensor<T>> GetAll<T>() where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Entries.ToDictionary(e => e.Name, e => Get<T>(e.Name), StringComparer.Ordinal);
}
