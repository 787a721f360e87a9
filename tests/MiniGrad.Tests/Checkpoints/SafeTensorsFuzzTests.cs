using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FsCheck;
using MiniGrad.Checkpoints;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Checkpoints;

/// <summary>A file for the loader to read, with what it is in a failure's report.</summary>
/// <param name="Description">How the file was made (which mutation, where truncated).</param>
/// <param name="Bytes">The file's bytes.</param>
public sealed record FuzzFile(string Description, byte[] Bytes)
{
    /// <inheritdoc />
    public override string ToString()
    {
        int headerEnd = Bytes.Length >= 8 ? (int)Math.Min((ulong)Bytes.Length, 8 + Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(Bytes), 400UL)) : Bytes.Length;
        string header = Encoding.UTF8.GetString(Bytes, Math.Min(8, Bytes.Length), Math.Max(0, headerEnd - 8));
        return $"{Description}: {Bytes.Length} bytes, first 8 {Convert.ToHexString(Bytes, 0, Math.Min(8, Bytes.Length))}, header {header}";
    }
}

/// <summary>
/// The generators of <see cref="SafeTensorsFuzzTests"/>: random bytes, valid files truncated, and valid files whose
/// header is mutated the ways a broken or hostile writer would (huge lengths, bad offsets, unknown dtypes, shapes
/// that do not match, deep JSON, invalid UTF-8, duplicate names).
/// </summary>
public static class SafeTensorsFuzzGenerators
{
    private static readonly string[] Dtypes = ["F16", "BF16", "F32", "F64"];
    private static readonly string[] OtherDtypes = ["I32", "BOOL", "U8", "F8_E4M3", "C64", "f32", "", "F32 ", "\u00e9", "I64"];

    /// <summary>One tensor of a valid file: name, dtype and shape (its bytes follow from them).</summary>
    public sealed record Spec(string Name, string Dtype, int[] Shape)
    {
        /// <summary>The size of the tensor's data in bytes.</summary>
        public int Bytes => Shape.Aggregate(1, (a, d) => a * d) * (Dtype is "F16" or "BF16" ? 2 : Dtype == "F32" ? 4 : 8);
    }

    private static Gen<string> Name =>
        Gen.Elements("w", "0.weight", "0.bias", "fc1.bias", "1.running_mean", "\u00e9t\u00e9", "\U0001F600", "a\"b", "__x", "a\\b");

    private static Gen<Spec> TensorSpec =>
        from name in Name
        from suffix in Gen.Choose(0, 99)
        from dtype in Gen.Elements(Dtypes)
        from rank in Gen.Choose(0, 3)
        from shape in Gen.ArrayOf(Gen.Choose(0, 5), rank)
        select new Spec($"{name}{suffix}", dtype, shape);

    /// <summary>1 to 4 tensors with distinct names, and maybe metadata.</summary>
    public static Gen<(List<Spec> Tensors, Dictionary<string, string>? Metadata)> ValidSpecs =>
        from tensors in Gen.ListOf(TensorSpec, 4).Where(l => l.Count > 0)
        from meta in Gen.Elements(0, 1, 2)
        select (tensors.DistinctBy(t => t.Name).ToList(),
            meta == 0 ? null : meta == 1 ? new Dictionary<string, string> { ["format"] = "pt" }
                : new Dictionary<string, string> { ["format"] = "pt", ["minigrad.model"] = "{\"inputs\":4}" });

    /// <summary>The header JSON's members of <paramref name="tensors"/> (in data order), each a JSON text.</summary>
    public static List<(string Name, string Json)> Members(List<Spec> tensors, Dictionary<string, string>? metadata)
    {
        var members = new List<(string, string)>();
        if (metadata is not null)
            members.Add(("__metadata__", "{" + string.Join(",", metadata.Select(m => $"{Quote(m.Key)}:{Quote(m.Value)}")) + "}"));
        long offset = 0;
        foreach (var t in tensors)
        {
            members.Add((t.Name, Entry(t.Dtype, "[" + string.Join(",", t.Shape) + "]", $"[{offset},{offset + t.Bytes}]")));
            offset += t.Bytes;
        }
        return members;
    }

    /// <summary>An entry's JSON from its parts (each already JSON).</summary>
    public static string Entry(string dtypeJson, string shapeJson, string offsetsJson, bool quoteDtype = true) =>
        $"{{\"dtype\":{(quoteDtype ? Quote(dtypeJson) : dtypeJson)},\"shape\":{shapeJson},\"data_offsets\":{offsetsJson}}}";

    /// <summary>A JSON string literal.</summary>
    public static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    /// <summary>The file: the 8-byte size (<paramref name="size"/> or the header's), the header, the data.</summary>
    public static byte[] File(byte[] header, int dataBytes, byte fill, ulong? size = null)
    {
        var bytes = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, size ?? (ulong)header.Length);
        header.CopyTo(bytes, 8);
        bytes.AsSpan(8 + header.Length).Fill(fill);
        return bytes;
    }

    private static byte[] Header(IEnumerable<(string Name, string Json)> members) =>
        Encoding.UTF8.GetBytes("{" + string.Join(",", members.Select(m => $"{Quote(m.Name)}:{m.Json}")) + "}");

    /// <summary>A valid file's bytes.</summary>
    public static Gen<byte[]> ValidFile =>
        from specs in ValidSpecs
        from fill in Gen.Choose(0, 255)
        select File(Header(Members(specs.Tensors, specs.Metadata)), specs.Tensors.Sum(t => t.Bytes), (byte)fill);

    /// <summary>Random bytes: empty, shorter than the size field, or a random size followed by noise.</summary>
    public static Gen<FuzzFile> RandomBytes =>
        (from length in Gen.Choose(0, 600)
         from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
         from small in Gen.Elements(false, true)
         from n in Gen.Choose(0, 600)
         select small && bytes.Length >= 8
             ? new FuzzFile($"random bytes with header size {n}", WithSize(bytes, (ulong)n))
             : new FuzzFile("random bytes", bytes));

    private static byte[] WithSize(byte[] bytes, ulong n)
    {
        var copy = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(copy, n);
        if (copy.Length > 8) copy[8] = (byte)'{'; // past the first check, into the parser
        return copy;
    }

    /// <summary>A valid file cut short at a random point (the whole file too, which stays valid).</summary>
    public static Gen<FuzzFile> Truncated =>
        (from file in ValidFile
         from cut in Gen.Choose(0, file.Length)
         select new FuzzFile($"valid file of {file.Length} bytes cut at {cut}", file[..cut]));

    /// <summary>A valid file with one mutation of its size field or header.</summary>
    public static Gen<FuzzFile> Mutated =>
        (from specs in ValidSpecs
         from mutation in Gen.Choose(0, Mutations.Length - 1)
         from which in Gen.Choose(0, 100)
         from number in Gen.Elements(HugeNumbers)
         from depth in Gen.Choose(1, 3000)
         from noise in Gen.Choose(0, 255)
         select Mutate(specs.Tensors, specs.Metadata, Mutations[mutation], which, number, depth, (byte)noise));

    private static readonly string[] HugeNumbers =
        ["-1", "-9223372036854775808", "18446744073709551615", "18446744073709551616", "9223372036854775807", "4294967296",
         "2147483648", "2147483647", "1e30", "1.5", "0.0", "1E2", "\"7\"", "null", "true", "[]", "{}"];

    private static readonly string[] Mutations =
        ["size", "offset-begin", "offset-end", "offsets-swapped", "offsets-overlap", "offsets-gap", "offsets-count", "dtype-other",
         "dtype-number", "shape-dim", "shape-extra", "shape-zero-then-huge", "shape-rank", "deep-shape", "deep-metadata", "deep-object",
         "invalid-utf8", "lone-surrogate", "duplicate-name", "metadata-not-string", "metadata-not-object", "not-object", "trailing",
         "entry-not-object", "missing-field", "data-extra", "data-short", "nul-padding"];

    private static FuzzFile Mutate(List<Spec> tensors, Dictionary<string, string>? metadata, string mutation, int which, string number,
        int depth, byte noise)
    {
        var members = Members(tensors, metadata);
        int dataBytes = tensors.Sum(t => t.Bytes);
        int tensorIndex = (metadata is null ? 0 : 1) + which % tensors.Count;
        var t = tensors[which % tensors.Count];
        long begin = tensors.Take(which % tensors.Count).Sum(s => (long)s.Bytes), end = begin + t.Bytes;
        string shape = "[" + string.Join(",", t.Shape) + "]";
        void Replace(string json) => members[tensorIndex] = (members[tensorIndex].Name, json);
        ulong? size = null;
        byte[]? raw = null;
        switch (mutation)
        {
            case "size":
                size = (which % 4) switch { 0 => ulong.MaxValue, 1 => 100_000_001, 2 => (ulong)long.MaxValue + 1, _ => (ulong)(Header(members).Length + 1 + which) };
                break;
            case "offset-begin": Replace(Entry(t.Dtype, shape, $"[{number},{end}]")); break;
            case "offset-end": Replace(Entry(t.Dtype, shape, $"[{begin},{number}]")); break;
            case "offsets-swapped": Replace(Entry(t.Dtype, shape, $"[{end},{begin}]")); break;
            case "offsets-overlap": Replace(Entry(t.Dtype, shape, $"[{Math.Max(0, begin - 1 - which % 3)},{Math.Max(0, end - 1 - which % 3)}]")); break;
            case "offsets-gap": Replace(Entry(t.Dtype, shape, $"[{begin + 1 + which % 3},{end + 1 + which % 3}]")); break;
            case "offsets-count": Replace(Entry(t.Dtype, shape, which % 2 == 0 ? $"[{begin}]" : $"[{begin},{end},{end}]")); break;
            case "dtype-other": Replace(Entry(OtherDtypes[which % OtherDtypes.Length], shape, $"[{begin},{end}]")); break;
            case "dtype-number": Replace(Entry(number, shape, $"[{begin},{end}]", quoteDtype: false)); break;
            case "shape-dim": Replace(Entry(t.Dtype, $"[{number}]", $"[{begin},{end}]")); break;
            case "shape-extra": Replace(Entry(t.Dtype, "[" + string.Join(",", t.Shape.Append(2 + which % 3)) + "]", $"[{begin},{end}]")); break;
            case "shape-zero-then-huge": Replace(Entry(t.Dtype, $"[0,{number}]", $"[{begin},{begin}]")); break;
            case "shape-rank": Replace(Entry(t.Dtype, "[" + string.Join(",", Enumerable.Repeat(1, 9 + which % 20)) + "]", $"[{begin},{end}]")); break;
            case "deep-shape": Replace(Entry(t.Dtype, new string('[', depth) + new string(']', depth), $"[{begin},{end}]")); break;
            case "deep-metadata":
                members.Insert(0, ("__metadata__", "{\"a\":" + new string('[', depth) + new string(']', depth) + "}"));
                break;
            case "deep-object":
                Replace(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
                break;
            case "invalid-utf8":
            {
                var header = Header(members);
                int at = 1 + which % Math.Max(1, header.Length - 1);
                header[at] = (byte)((which % 3) switch { 0 => 0xFF, 1 => 0xC0, _ => 0x80 });
                raw = header;
                break;
            }
            case "lone-surrogate": members[tensorIndex] = ("x\\ud800", members[tensorIndex].Json); raw = RawHeader(members); break;
            case "duplicate-name": members.Add(members[tensorIndex]); break;
            case "metadata-not-string": members.Insert(0, ("__metadata__", $"{{\"format\":{number}}}")); break;
            case "metadata-not-object": members.Insert(0, ("__metadata__", number)); break;
            case "not-object":
                raw = Encoding.UTF8.GetBytes((which % 3) switch { 0 => "[" + string.Join(",", members.Select(m => m.Json)) + "]", 1 => Quote("x"), _ => number });
                break;
            case "trailing": raw = [.. Header(members), .. Encoding.UTF8.GetBytes(which % 2 == 0 ? "{}" : "x")]; break;
            case "entry-not-object": Replace(number); break;
            case "missing-field":
                Replace((which % 3) switch
                {
                    0 => $"{{\"shape\":{shape},\"data_offsets\":[{begin},{end}]}}",
                    1 => $"{{\"dtype\":\"{t.Dtype}\",\"data_offsets\":[{begin},{end}]}}",
                    _ => $"{{\"dtype\":\"{t.Dtype}\",\"shape\":{shape}}}",
                });
                break;
            case "data-extra": dataBytes += 1 + which % 7; break;
            case "data-short": dataBytes = Math.Max(0, dataBytes - 1 - which % 7); break;
            case "nul-padding": raw = [.. Header(members), 0, 0, 0]; break;
        }
        var bytes = File(raw ?? Header(members), dataBytes, noise, size);
        return new FuzzFile($"mutation {mutation} (tensor {which % tensors.Count}, number {number}, depth {depth})", bytes);
    }

    /// <summary>The header with names written as given (escapes kept), not quoted by the serializer.</summary>
    private static byte[] RawHeader(IEnumerable<(string Name, string Json)> members) =>
        Encoding.UTF8.GetBytes("{" + string.Join(",", members.Select(m => $"\"{m.Name}\":{m.Json}")) + "}");
}

/// <summary>
/// The fuzz property of <see cref="SafeTensors.Load"/> (issue 16): fed random bytes, truncated files and mutated
/// headers, the loader only ever returns a file it can serve (every tensor readable) or throws
/// <see cref="SafeTensorsFormatException"/>; never another exception, never for longer than
/// <see cref="CaseTimeout"/>, and never allocating more than the file's size plus <see cref="AllocationSlack"/>. A
/// failure prints FsCheck's replay seed: put it in the property's <c>Replay</c> to run that case again.
/// </summary>
public sealed class SafeTensorsFuzzTests() : TempFolderTest("safetensors-fuzz")
{
    /// <summary>How long one load may take; a valid load of these few-KB files takes well under a millisecond.</summary>
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// What a load may allocate beyond the file's size: the file stream's buffer, the parsed header's objects, the
    /// exception with its message and stack trace. The generated headers are a few KB at most, so a loader that
    /// allocated what a header claims (a size, a shape, an offset) would pass this by far.
    /// </summary>
    private const long AllocationSlack = 256 * 1024;

    static SafeTensorsFuzzTests()
    {
        // The first load's one-time allocations (static fields, JSON reader tables) are not the file's.
        string warm = Path.Combine(Path.GetTempPath(), $"safetensors-fuzz-warm-{Environment.ProcessId}.safetensors");
        SafeTensors.Save(warm, new Dictionary<string, Tensor<float>> { ["w"] = Tensor<float>.Zeros(2) }, new Dictionary<string, string> { ["format"] = "pt" });
        SafeTensors.Load(warm).Get<float>("w");
        try { SafeTensors.Load(warm + ".missing"); } catch (FileNotFoundException) { }
        File.WriteAllBytes(warm, [1, 0, 0, 0, 0, 0, 0, 0, (byte)'[']);
        try { SafeTensors.Load(warm); } catch (SafeTensorsFormatException) { }
        File.Delete(warm);
    }

    /// <summary>The files of <see cref="SafeTensorsFuzzGenerators.RandomBytes"/>, for FsCheck.</summary>
    public static class RandomFiles
    {
        /// <summary>The arbitrary.</summary>
        public static Arbitrary<FuzzFile> Files() => SafeTensorsFuzzGenerators.RandomBytes.ToArbitrary();
    }

    /// <summary>The files of <see cref="SafeTensorsFuzzGenerators.Truncated"/>, for FsCheck.</summary>
    public static class TruncatedFiles
    {
        /// <summary>The arbitrary.</summary>
        public static Arbitrary<FuzzFile> Files() => SafeTensorsFuzzGenerators.Truncated.ToArbitrary();
    }

    /// <summary>The files of <see cref="SafeTensorsFuzzGenerators.Mutated"/>, for FsCheck.</summary>
    public static class MutatedFiles
    {
        /// <summary>The arbitrary.</summary>
        public static Arbitrary<FuzzFile> Files() => SafeTensorsFuzzGenerators.Mutated.ToArbitrary();
    }

    [Property(MaxTest = 500, Arbitrary = new[] { typeof(RandomFiles) }, QuietOnSuccess = true)]
    public void RandomBytesOnlyEverFailWithTheFormatError(FuzzFile file) => LoadsOrRefuses(file);

    [Property(MaxTest = 500, Arbitrary = new[] { typeof(TruncatedFiles) }, QuietOnSuccess = true)]
    public void TruncatedFilesOnlyEverFailWithTheFormatError(FuzzFile file) => LoadsOrRefuses(file);

    [Property(MaxTest = 2000, Arbitrary = new[] { typeof(MutatedFiles) }, QuietOnSuccess = true)]
    public void MutatedHeadersOnlyEverFailWithTheFormatError(FuzzFile file) => LoadsOrRefuses(file);

    private void LoadsOrRefuses(FuzzFile file)
    {
        string path = At("f.safetensors");
        File.WriteAllBytes(path, file.Bytes);
        long allocated = 0;
        Exception? thrown = null;
        var load = Task.Run(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                var loaded = SafeTensors.Load(path);
                foreach (var e in loaded.Entries) loaded.Get<float>(e.Name);
            }
            catch (Exception e)
            {
                thrown = e;
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        Assert.True(load.Wait(CaseTimeout), $"the load of {file} did not end within {CaseTimeout.TotalSeconds} s");
        if (thrown is not null and not SafeTensorsFormatException)
            Assert.Fail($"the load of {file} threw {thrown.GetType().Name}, not SafeTensorsFormatException: {thrown}");
        Assert.True(allocated <= file.Bytes.Length + AllocationSlack,
            $"the load of {file} allocated {allocated} bytes, more than the file's {file.Bytes.Length} + {AllocationSlack}");
    }
}
