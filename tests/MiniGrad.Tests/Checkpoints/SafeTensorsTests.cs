using System.Buffers.Binary;
using System.Text;
using MiniGrad.Checkpoints;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Checkpoints;

/// <summary>
/// The safetensors reader and writer against the format's specification (huggingface/safetensors README and
/// safetensors/src/tensor.rs): the bytes written, the edge cases it allows, and every malformed file refused.
/// </summary>
public sealed class SafeTensorsTests() : TempFolderTest("safetensors")
{
    /// <summary>A file with the header size <paramref name="n"/> (default: the header's length), the header and <paramref name="data"/>.</summary>
    internal static void WriteRaw(string path, string header, byte[] data, ulong? n = null)
    {
        var h = Encoding.UTF8.GetBytes(header);
        var size = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(size, n ?? (ulong)h.Length);
        File.WriteAllBytes(path, [.. size, .. h, .. data]);
    }

    [Fact]
    public void TheFileIsByteForByteWhatTheReferenceWriterWrites()
    {
        // The reference sorts by dtype (all F32 here), then by name; metadata first; compact JSON padded with spaces.
        string path = At("a.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor<float>>
        {
            ["b"] = Tensor<float>.Scalar(7f),
            ["a"] = Tensor.FromArray([1f, -2.5f], 2),
        }, new Dictionary<string, string> { ["format"] = "pt" });
        const string json = "{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                            + "\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]}}";
        string padded = json.PadRight((json.Length + 7) / 8 * 8);
        var expected = new List<byte>();
        var size = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)padded.Length);
        expected.AddRange(size);
        expected.AddRange(Encoding.UTF8.GetBytes(padded));
        foreach (float f in new[] { 1f, -2.5f, 7f }) expected.AddRange(BitConverter.GetBytes(f));
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(path));
        Assert.Equal(0, padded.Length % 8);
    }

    [Fact]
    public void NamesAreOrderedByTheirUtf8BytesAsTheReferenceOrdersThem()
    {
        // U+FFFD is EF BF BD in UTF-8, before U+1F600's F0 9F 98 80; in UTF-16 the emoji's surrogate D83D comes first.
        string path = At("order.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor<float>>
        {
            ["\U0001F600"] = Tensor<float>.Scalar(1f),
            ["\uFFFD"] = Tensor<float>.Scalar(2f),
            ["B"] = Tensor<float>.Scalar(3f),
            ["a"] = Tensor<float>.Scalar(4f),
        });
        Assert.Equal(["B", "a", "\uFFFD", "\U0001F600"], SafeTensors.Load(path).Names);
    }

    [Fact]
    public void FloatsDoublesScalarsEmptyTensorsAndMetadataRoundTrip()
    {
        string path = At("round.safetensors");
        var w = Tensor.FromArray([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2, 3);
        SafeTensors.Save(path, new Dictionary<string, Tensor<double>>
        {
            ["w"] = w,
            ["scalar"] = Tensor<double>.Scalar(Math.PI),
            ["empty"] = Tensor<double>.FromSpan([], new TensorShape(0, 4)),
        }, new Dictionary<string, string> { ["note"] = "quote \" backslash \\ newline \n tab \t é", ["b"] = "" });
        var file = SafeTensors.Load(path);
        Assert.Equal(["empty", "scalar", "w"], file.Names); // the empty tensor takes [0, 0]
        Assert.Equal(new SafeTensorsEntry("empty", "F64", new TensorShape(0, 4), 0, 0), file["empty"]);
        Assert.Equal("F64", file["w"].Dtype);
        Assert.Equal(w.ToArray(), file.Get<double>("w").ToArray());
        Assert.Equal(new TensorShape(2, 3), file.Get<double>("w").Shape);
        Assert.Equal(0, file.Get<double>("scalar").Rank);
        Assert.Equal(Math.PI, file.Get<double>("scalar").Item());
        Assert.Equal((float)Math.PI, file.Get<float>("scalar").Item());
        Assert.Equal(new TensorShape(0, 4), file.Get<float>("empty").Shape);
        Assert.Equal("quote \" backslash \\ newline \n tab \t é", file.Metadata["note"]);
        Assert.Equal("", file.Metadata["b"]);
        Assert.Equal(2, file.Metadata.Count);
        Assert.Throws<KeyNotFoundException>(() => file.Get<float>("missing"));
    }

    [Fact]
    public void NoMetadataWritesNoMetadataKeyAndAnEmptyFileHasAnEmptyHeader()
    {
        string path = At("empty.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor<float>>());
        Assert.Equal([8, 0, 0, 0, 0, 0, 0, 0, .. "{}      "u8.ToArray()], File.ReadAllBytes(path));
        var file = SafeTensors.Load(path);
        Assert.Empty(file.Names);
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void HalfAndBFloat16AreConverted()
    {
        // 1.5 is 0x3E00 in F16 and 0x3FC0 in BF16; -2 is 0xC000 in both.
        string path = At("half.safetensors");
        WriteRaw(path, "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[4,8]}}",
            [0x00, 0x3E, 0x00, 0xC0, 0xC0, 0x3F, 0x00, 0xC0]);
        var file = SafeTensors.Load(path);
        Assert.Equal([1.5f, -2f], file.Get<float>("h").ToArray());
        Assert.Equal([1.5, -2.0], file.Get<double>("b").ToArray());
        Assert.Equal("BF16", file["b"].Dtype);
    }

    [Fact]
    public void AHeaderPaddedWithSpacesOrNotAMultipleOfEightIsRead()
    {
        // The specification allows trailing spaces; the reference reader does not require N to be a multiple of 8.
        foreach (string header in new[] { "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}     " })
        {
            string path = At("pad.safetensors");
            WriteRaw(path, header, BitConverter.GetBytes(3f));
            Assert.Equal([3f], SafeTensors.Load(path).Get<float>("x").ToArray());
        }
    }

    public static TheoryData<string, string?, string> Malformed => new()
    {
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "x", "appears twice" },
        { "[1]", null, "does not start with '{'" },
        { "{\"x\":", null, "not well-formed JSON" },
        { "{\"x\":[[[[[[1]]]]]]}", null, "not well-formed JSON" },
        { "{\"x\":[0]}", "x", "not an object" },
        { "{\"x\":{\"shape\":[2],\"data_offsets\":[0,8]}}", "x", "no string 'dtype'" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":2,\"data_offsets\":[0,8]}}", "x", "no array 'shape'" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", "x", "two offsets" },
        { "{\"x\":{\"dtype\":\"F31\",\"shape\":[2],\"data_offsets\":[0,8]}}", "x", "unknown dtype 'F31'" },
        { "{\"x\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", "x", "dtype I64 is not one MiniGrad reads" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", "x", "not a non-negative integer" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,8]}}", "x", "not a non-negative integer" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,\"8\"]}}", "x", "data offset 1 is not a non-negative integer" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,4294967296],\"data_offsets\":[0,8]}}", "x", "more elements than a MiniGrad tensor" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[1,1,1,1,1,1,1,1,2],\"data_offsets\":[0,8]}}", "x", "rank 9" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", "x", "takes 12 bytes but data_offsets [0, 8] span 8" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", "x", "pass the end of the data (8 bytes)" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", "x", "end before they begin" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "x", "leave the bytes [0, 4) of the data unused" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "y", "overlap" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", null, "cover 4 bytes of data but 8 follow" },
        { "{\"__metadata__\":{\"k\":1}}", null, "'__metadata__' entry 'k' is not a string" },
        { "{\"__metadata__\":[]}", null, "'__metadata__' is not an object" },
        // Found by the fuzz property (SafeTensorsFuzzTests): a 0 first made the count 0, and the huge dimension after
        // it reached TensorShape as a negative int (an ArgumentException); an escaped lone surrogate is well-formed
        // JSON but no string (an InvalidOperationException from the JSON reader), as a name, a dtype or metadata.
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[0,2147483648],\"data_offsets\":[0,0]},\"y\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", "x", "shape dimension 1 is 2147483648" },
        { "{\"x\\ud800\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", null, "not valid Unicode" },
        { "{\"x\":{\"dtype\":\"F\\udc0032\",\"shape\":[2],\"data_offsets\":[0,8]}}", null, "not valid Unicode" },
        { "{\"__metadata__\":{\"k\":\"\\ud800\"},\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", null, "not valid Unicode" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void AMalformedHeaderIsRefusedNamingTheFileTheTensorAndTheFault(string header, string? tensor, string fault)
    {
        string path = At("bad.safetensors");
        WriteRaw(path, header, new byte[8]);
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Load(path));
        Assert.IsAssignableFrom<FormatException>(e);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(fault, e.Message);
        Assert.Equal(tensor, e.Tensor);
        if (tensor is not null) Assert.Contains($"tensor '{tensor}'", e.Message);
    }

    [Theory]
    [InlineData(100_000_001UL, "above the limit of 100000000 bytes")]
    [InlineData(1_000UL, "beyond the end of the file (8 bytes follow the size)")]
    [InlineData(ulong.MaxValue, "above the limit")]
    public void AHeaderSizeBeyondTheFileOrTheLimitIsRefusedBeforeAnythingIsAllocated(ulong n, string fault)
    {
        string path = At("size.safetensors");
        WriteRaw(path, "{}      ", [], n);
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Load(path));
        Assert.Contains(fault, e.Message);
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void AFileShorterThanTheHeaderSizeIsRefused()
    {
        string path = At("short.safetensors");
        File.WriteAllBytes(path, [1, 0, 0]);
        Assert.Contains("fewer than the 8", Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Load(path)).Message);
    }

    [Fact]
    public void InvalidUtf8InTheHeaderIsRefused()
    {
        string path = At("utf8.safetensors");
        File.WriteAllBytes(path, [8, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}', (byte)' ']);
        Assert.Contains("not valid UTF-8", Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Load(path)).Message);
    }

    [Fact]
    public void MetadataIsNotATensorName()
    {
        Assert.Throws<ArgumentException>(() => SafeTensors.Save(At("m.safetensors"),
            new Dictionary<string, Tensor<float>> { ["__metadata__"] = Tensor<float>.Scalar(1) }));
    }

    [Fact]
    public void AWriteThatFailsMidwayLeavesTheOldFileAndNoTemporaryFile()
    {
        string path = At("model.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor<float>> { ["old"] = Tensor.FromArray([1f, 2f], 2) });
        var before = File.ReadAllBytes(path);
        var big = new Dictionary<string, Tensor<float>>
        {
            ["a"] = Tensor<float>.Full(1f, new TensorShape(1000)),
            ["b"] = Tensor<float>.Full(2f, new TensorShape(1000)),
        };
        var e = Assert.Throws<IOException>(() => SafeTensors.Save(path, big, null, s => new FailingStream(s, failAfter: 3000)));
        Assert.Equal("disk full (simulated)", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], Directory.GetFiles(Folder).Select(Path.GetFileName));
        SafeTensors.Save(path, big); // and a save that succeeds replaces it
        Assert.Equal(["a", "b"], SafeTensors.Load(path).Names);
        Assert.Equal(["model.safetensors"], Directory.GetFiles(Folder).Select(Path.GetFileName));
    }

    /// <summary>Passes writes through until <c>failAfter</c> bytes, then throws as a full disk would.</summary>
    private sealed class FailingStream(Stream inner, long failAfter) : Stream
    {
        private long written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (written + buffer.Length > failAfter)
            {
                inner.Write(buffer[..(int)(failAfter - written)]);
                throw new IOException("disk full (simulated)");
            }
            inner.Write(buffer);
            written += buffer.Length;
        }
    }
}
