using System.Text.Json;

namespace MiniGrad.Tests.Support;

/// <summary>Reads the PyTorch reference cases copied into Data/ (see /work/shared/reference/README.md).</summary>
public static class ReferenceData
{
    private static readonly Dictionary<string, JsonDocument> Cache = [];

    /// <summary>The parsed file Data/<paramref name="fileName"/>, read once per test run.</summary>
    public static JsonElement Load(string fileName)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(fileName, out var doc))
            {
                string path = Path.Combine(AppContext.BaseDirectory, "Data", fileName);
                doc = JsonDocument.Parse(File.ReadAllText(path));
                Cache[fileName] = doc;
            }
            return doc.RootElement;
        }
    }

    /// <summary>A <c>{"shape": [...], "data": [...]}</c> object as a shape and flat values.</summary>
    public static (int[] Shape, double[] Data) ReadTensor(JsonElement e) =>
        (e.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray(),
         e.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray());

    /// <summary>A reference tensor as a <see cref="Tensor{T}"/> of <typeparamref name="T"/>.</summary>
    public static Tensor<T> ToTensor<T>(JsonElement e)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var (shape, data) = ReadTensor(e);
        return Tensor<T>.FromArray(data.Select(T.CreateChecked).ToArray(), shape);
    }

    /// <summary>A reference tensor with its exact shape: <c>[]</c> is rank 0 (<see cref="ToTensor{T}"/> reads it as a vector).</summary>
    public static Tensor<T> ToExactTensor<T>(JsonElement e)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var (shape, data) = ReadTensor(e);
        return shape.Length == 0 ? Tensor<T>.Scalar(T.CreateChecked(data[0])) : ToTensor<T>(e);
    }

    /// <summary>The indices 0 .. n-1 of the <c>"cases"</c> array of Data/<paramref name="fileName"/>, as theory data.</summary>
    public static TheoryData<int> CaseIndices(string fileName)
    {
        var data = new TheoryData<int>();
        int n = Load(fileName).GetProperty("cases").GetArrayLength();
        for (int i = 0; i < n; i++) data.Add(i);
        return data;
    }

    /// <summary>Case <paramref name="index"/> of the <c>"cases"</c> array of Data/<paramref name="fileName"/>.</summary>
    public static JsonElement Case(string fileName, int index) => Load(fileName).GetProperty("cases")[index];
}

/// <summary>Helpers for the training references: named parameter lists as state dicts.</summary>
public static class ReferenceParameters
{
    /// <summary>A <c>[{"name", "shape", "data"}, ...]</c> list as tensors keyed by name (for LoadStateDict).</summary>
    public static Dictionary<string, Tensor<T>> ToStateDict<T>(JsonElement list)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T> =>
        list.EnumerateArray().ToDictionary(
            e => e.GetProperty("name").GetString()!,
            e => ReferenceData.ToTensor<T>(e));
}
