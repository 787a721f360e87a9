using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace MiniGrad.Checkpoints;

/// <summary>
/// Reads and writes the safetensors format of Hugging Face (<c>safetensors.torch.save_file</c> / <c>load_file</c>):
/// an 8-byte little-endian header size N, N bytes of UTF-8 JSON naming each tensor's dtype, shape and byte range,
/// then the little-endian data. Saving is crash-safe (a temporary file in the same folder, flushed to disk, then moved
/// over the target); loading validates the whole header before it returns anything.
/// </summary>
public static class SafeTensors
{
    /// <summary>The largest header accepted, as the reference implementation's (100 MB).</summary>
    public const long MaxHeaderSize = 100_000_000;

    /// <summary>The key of the free-form string map in the header.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>
    /// The reference's order of names (Rust's <c>str</c> order: by UTF-8 bytes, that is by code point), which differs
    /// from the UTF-16 ordinal order for characters beyond U+FFFF.
    /// </summary>
    private static readonly Comparer<string> Utf8Order =
        Comparer<string>.Create((a, b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)));

    private const int HeaderDepth = 4; // the root object, an entry, its shape or offsets array (and one spare)

    private static readonly string[] KnownDtypes =
        ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "I16", "U16", "F16", "BF16",
         "I32", "U32", "F32", "F64", "I64", "U64", "C64"];

    /// <summary>
    /// Writes <paramref name="tensors"/> as F32 to <paramref name="path"/>, replacing it only once the new file is
    /// complete on disk. Tensors are laid out in the order of the reference implementation (by name, as UTF-8 bytes), so the
    /// file is byte for byte what <c>safetensors.torch.save_file</c> writes for the same tensors and at most one
    /// metadata entry (several are written sorted by key; the reference writes them in hash order).
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="tensors">The tensors by name; <c>__metadata__</c> is not a tensor name.</param>
    /// <param name="metadata">Free-form strings stored under <c>__metadata__</c>; null writes none.</param>
    /// <exception cref="ArgumentException">A name is <c>__metadata__</c>, or a tensor or metadata value is null.</exception>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor<float>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null) => Save(path, tensors, metadata, wrap: null);

    /// <summary>Writes <paramref name="tensors"/> as F64; otherwise as the float overload.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="tensors">The tensors by name; <c>__metadata__</c> is not a tensor name.</param>
    /// <param name="metadata">Free-form strings stored under <c>__metadata__</c>; null writes none.</param>
    /// <exception cref="ArgumentException">A name is <c>__metadata__</c>, or a tensor or metadata value is null.</exception>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor<double>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null) => Save(path, tensors, metadata, wrap: null);

    /// <summary>
    /// The save, with a seam for tests: <paramref name="wrap"/> wraps the stream of the temporary file (to make a write
    /// fail midway).
    /// </summary>
    internal static void Save<T>(string path, IReadOnlyDictionary<string, Tensor<T>> tensors,
        IReadOnlyDictionary<string, string>? metadata, Func<Stream, Stream>? wrap)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var ordered = tensors.OrderBy(t => t.Key, Utf8Order).ToList();
        foreach (var (name, tensor) in ordered)
        {
            if (name == MetadataKey) throw new ArgumentException($"SafeTensors.Save: '{MetadataKey}' is not a tensor name.", nameof(tensors));
            if (tensor is null) throw new ArgumentException($"SafeTensors.Save: tensor '{name}' is null.", nameof(tensors));
        }
        if (metadata is not null)
            foreach (var (key, value) in metadata)
                if (value is null) throw new ArgumentException($"SafeTensors.Save: metadata '{key}' is null.", nameof(metadata));
        byte[] header = Header(ordered.Select(t => (t.Key, t.Value.Shape)).ToList(), metadata, typeof(T) == typeof(float) ? "F32" : "F64",
            Marshal.SizeOf<T>());

        CrashSafeFile.Write(path, file =>
        {
            var stream = wrap?.Invoke(file) ?? file;
            Span<byte> size = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)header.Length);
            stream.Write(size);
            stream.Write(header);
            foreach (var (_, tensor) in ordered) WriteLittleEndian(stream, tensor.ReadOnlySpan);
            stream.Flush();
        });
    }

    /// <summary>
    /// The header as the reference implementation writes it: compact JSON, <c>__metadata__</c> first, then the tensors
    /// in data order, padded with spaces to a multiple of 8 bytes.
    /// </summary>
    private static byte[] Header(List<(string Name, TensorShape Shape)> tensors, IReadOnlyDictionary<string, string>? metadata,
        string dtype, int elementSize)
    {
        var json = new StringBuilder("{");
        bool first = true;
        if (metadata is not null)
        {
            json.Append('"').Append(MetadataKey).Append("\":{");
            bool firstEntry = true;
            foreach (var (key, value) in metadata.OrderBy(m => m.Key, Utf8Order))
            {
                if (!firstEntry) json.Append(',');
                firstEntry = false;
                AppendString(json, key).Append(':');
                AppendString(json, value);
            }
            json.Append('}');
            first = false;
        }
        long offset = 0;
        foreach (var (name, shape) in tensors)
        {
            if (!first) json.Append(',');
            first = false;
            long end = offset + (long)shape.Length * elementSize;
            AppendString(json, name).Append(":{\"dtype\":\"").Append(dtype).Append("\",\"shape\":[")
                .AppendJoin(',', shape.Dims.ToArray()).Append("],\"data_offsets\":[")
                .Append(offset.ToString(CultureInfo.InvariantCulture)).Append(',').Append(end.ToString(CultureInfo.InvariantCulture)).Append("]}");
            offset = end;
        }
        json.Append('}');
        var bytes = Encoding.UTF8.GetBytes(json.ToString());
        int padded = (bytes.Length + 7) / 8 * 8;
        var header = new byte[padded];
        bytes.CopyTo(header, 0);
        header.AsSpan(bytes.Length).Fill((byte)' ');
        return header;
    }

    /// <summary>A JSON string escaped as serde_json escapes it (the reference implementation's writer).</summary>
    private static StringBuilder AppendString(StringBuilder json, string s)
    {
        json.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                default:
                    if (c < 0x20) json.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else json.Append(c);
                    break;
            }
        }
        return json.Append('"');
    }

    private static void WriteLittleEndian<T>(Stream stream, ReadOnlySpan<T> values) where T : unmanaged
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }
        int size = Marshal.SizeOf<T>();
        var chunk = new byte[size * 8192];
        for (int start = 0; start < values.Length; start += 8192)
        {
            int count = Math.Min(8192, values.Length - start);
            for (int i = 0; i < count; i++)
            {
                var slot = chunk.AsSpan(i * size, size);
                if (typeof(T) == typeof(float)) BinaryPrimitives.WriteSingleLittleEndian(slot, (float)(object)values[start + i]);
                else BinaryPrimitives.WriteDoubleLittleEndian(slot, (double)(object)values[start + i]);
            }
            stream.Write(chunk, 0, count * size);
        }
    }

    /// <summary>
    /// Reads <paramref name="path"/>, validating it first: the header size within the file and at most
    /// <see cref="MaxHeaderSize"/>, well-formed JSON starting with <c>{</c> and nested no deeper than the format needs,
    /// every entry with a string dtype, an array of dimensions and two data offsets, no name twice, dtypes that MiniGrad
    /// reads (F16, BF16, F32, F64), each byte range the size its shape and dtype give, and the ranges, in order, covering
    /// the data exactly without gaps or overlaps. Nothing larger than the file is allocated.
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The tensors, their dtypes and shapes, and the metadata.</returns>
    /// <exception cref="SafeTensorsFormatException">The file breaks the format; the message names the file, the tensor and the fault.</exception>
    public static SafeTensorsFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long length = file.Length;
        if (length < 8) throw Bad(path, null, $"the file has {length} bytes, fewer than the 8 of the header size");
        Span<byte> sizeBytes = stackalloc byte[8];
        file.ReadExactly(sizeBytes);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(sizeBytes);
        if (n > MaxHeaderSize) throw Bad(path, null, $"the header size {n} is above the limit of {MaxHeaderSize} bytes");
        if (n > (ulong)(length - 8)) throw Bad(path, null, $"the header size {n} is beyond the end of the file ({length - 8} bytes follow the size)");
        var header = new byte[n];
        file.ReadExactly(header);
        long bufferLength = length - 8 - (long)n;
        var (metadata, entries) = ParseHeader(path, header, bufferLength);
        if (bufferLength > Array.MaxLength) throw Bad(path, null, $"the data ({bufferLength} bytes) is larger than MiniGrad reads");
        var buffer = new byte[bufferLength];
        file.ReadExactly(buffer);
        return new SafeTensorsFile(path, metadata, entries, buffer);
    }

    private static (Dictionary<string, string> Metadata, List<SafeTensorsEntry> Entries) ParseHeader(string path, byte[] header, long bufferLength)
    {
        if (header.Length == 0 || header[0] != (byte)'{') throw Bad(path, null, "the header does not start with '{'");
        if (!System.Text.Unicode.Utf8.IsValid(header)) throw Bad(path, null, "the header is not valid UTF-8");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = HeaderDepth });
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw Bad(path, null, $"the header is not well-formed JSON nested at most {HeaderDepth} deep ({e.Message})", e);
        }
        using (document)
        {
            try
            {
                return ReadHeader(path, document.RootElement, bufferLength);
            }
            catch (InvalidOperationException e)
            {
                // What JsonElement throws for a string it cannot decode: an escaped lone surrogate ("\ud800") is
                // well-formed JSON but no .NET string.
                throw Bad(path, null, $"the header holds a name or string that is not valid Unicode ({e.Message})", e);
            }
        }
    }

    private static (Dictionary<string, string> Metadata, List<SafeTensorsEntry> Entries) ReadHeader(string path, JsonElement root, long bufferLength)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Bad(path, null, "the header is not a JSON object");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<SafeTensorsEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            string name = property.Name;
            if (!seen.Add(name)) throw Bad(path, name, "the name appears twice in the header");
            if (name == MetadataKey)
            {
                if (property.Value.ValueKind != JsonValueKind.Object) throw Bad(path, null, $"'{MetadataKey}' is not an object of strings");
                foreach (var m in property.Value.EnumerateObject())
                {
                    if (m.Value.ValueKind != JsonValueKind.String) throw Bad(path, null, $"'{MetadataKey}' entry '{m.Name}' is not a string");
                    if (!metadata.TryAdd(m.Name, m.Value.GetString()!)) throw Bad(path, null, $"'{MetadataKey}' entry '{m.Name}' appears twice");
                }
                continue;
            }
            entries.Add(Entry(path, name, property.Value, bufferLength));
        }
        CheckCoverage(path, entries, bufferLength);
        return (metadata, entries);
    }

    private static SafeTensorsEntry Entry(string path, string name, JsonElement value, long bufferLength)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Bad(path, name, "the entry is not an object");
        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw Bad(path, name, "no string 'dtype'");
        if (!value.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            throw Bad(path, name, "no array 'shape'");
        if (!value.TryGetProperty("data_offsets", out var offsetsElement) || offsetsElement.ValueKind != JsonValueKind.Array
            || offsetsElement.GetArrayLength() != 2)
            throw Bad(path, name, "no array 'data_offsets' of two offsets");
        string dtype = dtypeElement.GetString()!;
        int elementSize = dtype switch { "F16" or "BF16" => 2, "F32" => 4, "F64" => 8, _ => 0 };
        if (elementSize == 0)
            throw Bad(path, name, KnownDtypes.Contains(dtype)
                ? $"dtype {dtype} is not one MiniGrad reads (F16, BF16, F32, F64)"
                : $"unknown dtype '{dtype}'");
        int rank = shapeElement.GetArrayLength();
        if (rank > TensorShape.MaxRank) throw Bad(path, name, $"rank {rank} is above MiniGrad's maximum rank {TensorShape.MaxRank}");
        var dims = new int[rank];
        UInt128 count = 1;
        int d = 0;
        foreach (var dim in shapeElement.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetUInt64(out ulong size))
                throw Bad(path, name, $"shape dimension {d} is not a non-negative integer");
            // One dimension alone can be too large for an int after a 0 has made the count 0.
            if (size > (ulong)Array.MaxLength)
                throw Bad(path, name, $"shape dimension {d} is {size}, more elements than a MiniGrad tensor holds ({Array.MaxLength})");
            count *= size; // below 2^31 before, below 2^64 here: no overflow
            if (count > (UInt128)Array.MaxLength)
                throw Bad(path, name, $"shape [{string.Join(", ", shapeElement.EnumerateArray())}] holds more elements than a MiniGrad tensor ({Array.MaxLength})");
            dims[d++] = (int)size;
        }
        var offsets = new ulong[2];
        int o = 0;
        foreach (var offset in offsetsElement.EnumerateArray())
        {
            if (offset.ValueKind != JsonValueKind.Number || !offset.TryGetUInt64(out offsets[o]))
                throw Bad(path, name, $"data offset {o} is not a non-negative integer");
            o++;
        }
        var (begin, end) = (offsets[0], offsets[1]);
        if (begin > end) throw Bad(path, name, $"data_offsets [{begin}, {end}] end before they begin");
        if (end > (ulong)bufferLength) throw Bad(path, name, $"data_offsets [{begin}, {end}] pass the end of the data ({bufferLength} bytes)");
        ulong bytes = (ulong)count * (ulong)elementSize;
        if (end - begin != bytes)
            throw Bad(path, name, $"shape [{string.Join(", ", dims)}] of {dtype} takes {bytes} bytes but data_offsets [{begin}, {end}] span {end - begin}");
        return new SafeTensorsEntry(name, dtype, new TensorShape(dims), (long)begin, (long)end);
    }

    /// <summary>The byte ranges, in order, must tile the data: the first at 0, each where the last ended, the last at its end.</summary>
    private static void CheckCoverage(string path, List<SafeTensorsEntry> entries, long bufferLength)
    {
        var sorted = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
        long at = 0;
        foreach (var e in sorted)
        {
            if (e.Begin < at) throw Bad(path, e.Name, $"data_offsets [{e.Begin}, {e.End}] overlap the tensor before, which ends at {at}");
            if (e.Begin > at) throw Bad(path, e.Name, $"data_offsets [{e.Begin}, {e.End}] leave the bytes [{at}, {e.Begin}) of the data unused");
            at = e.End;
        }
        if (at != bufferLength) throw Bad(path, null, $"the tensors cover {at} bytes of data but {bufferLength} follow the header");
    }

    private static SafeTensorsFormatException Bad(string path, string? tensor, string problem, Exception? inner = null) =>
        new(path, tensor, problem, inner);
}
