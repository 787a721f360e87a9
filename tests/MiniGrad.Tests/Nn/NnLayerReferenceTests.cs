using System.Numerics;
using System.Text.Json;
using MiniGrad.Nn;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Nn;

/// <summary>
/// The layers of issue 15 against PyTorch 1.13 (float64 cases from tests/scripts/pytorch_nn.py, in
/// Data/nn_layers.json): for each step of a case, in its mode, the output, the gradients of <c>sum(y * w)</c> for the
/// input and the parameters, and the state dict afterwards (BatchNorm's running buffers); then GradCheck and
/// GradGradCheck of the output with respect to the input.
/// </summary>
public class NnLayerReferenceTests
{
    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        int n = ReferenceData.Load("nn_layers.json").GetProperty("cases").GetArrayLength();
        for (int i = 0; i < n; i++) data.Add(i);
        return data;
    }

    private static JsonElement Case(int index) => ReferenceData.Load("nn_layers.json").GetProperty("cases")[index];

    /// <summary>A reference tensor with its exact shape (<c>[]</c> is rank 0).</summary>
    private static Tensor<T> Read<T>(JsonElement e)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (shape, data) = ReferenceData.ReadTensor(e);
        return shape.Length == 0 ? Tensor<T>.Scalar(T.CreateChecked(data[0])) : ReferenceData.ToTensor<T>(e);
    }

    private static bool Has(JsonElement args, string name, out JsonElement value) => args.TryGetProperty(name, out value);

    /// <summary>The MiniGrad module of a case, built from its constructor arguments.</summary>
    internal static Module<T> Build<T>(JsonElement c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var a = c.GetProperty("args");
        double eps = Has(a, "eps", out var e) ? e.GetDouble() : 1e-5;
        string layer = c.GetProperty("layer").GetString()!;
        return layer switch
        {
            "LayerNorm" => new LayerNorm<T>(new TensorShape(a.GetProperty("normalizedShape").EnumerateArray().Select(d => d.GetInt32()).ToArray()), eps,
                !Has(a, "elementwiseAffine", out var affine) || affine.GetBoolean()),
            "BatchNorm1d" => new BatchNorm1d<T>(a.GetProperty("numFeatures").GetInt32(), eps,
                Has(a, "momentum", out var m) ? (m.ValueKind == JsonValueKind.Null ? null : m.GetDouble()) : 0.1,
                !Has(a, "affine", out var af) || af.GetBoolean(),
                !Has(a, "trackRunningStats", out var tr) || tr.GetBoolean()),
            "Embedding" => new Embedding<T>(a.GetProperty("numEmbeddings").GetInt32(), a.GetProperty("embeddingDim").GetInt32(),
                Generator.PyTorchCompatible((ulong)a.GetProperty("seed").GetInt32())),
            "Flatten" => new Flatten<T>(Has(a, "startDim", out var s) ? s.GetInt32() : 1, Has(a, "endDim", out var en) ? en.GetInt32() : -1),
            _ => throw new InvalidOperationException($"nn_layers.json has a case for '{layer}', which this test does not know"),
        };
    }

    private static Dictionary<string, Tensor<T>> State<T>(JsonElement list)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        list.EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, Read<T>);

    private static void Compare<T>(int index, double rel, double abs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var c = Case(index);
        string name = $"{c.GetProperty("layer").GetString()} case {index}";
        var module = Build<T>(c);
        // The state dict has PyTorch's names in PyTorch's order (parameters, then buffers).
        var expectedNames = c.GetProperty("state").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToList();
        Assert.Equal(expectedNames, module.StateDict().Keys.ToList());
        module.LoadStateDict(State<T>(c.GetProperty("state")));
        int step = 0;
        foreach (var s in c.GetProperty("steps").EnumerateArray())
        {
            string what = $"{name} step {step++}";
            module.Train(s.GetProperty("train").GetBoolean());
            module.ZeroGrad();
            var grads = s.GetProperty("grads");
            var x = Read<T>(s.GetProperty("x")).RequireGrad(grads.TryGetProperty("input", out _));
            var y = module.Forward(x);
            Close.All(Read<T>(s.GetProperty("y")), y, rel, abs, what + ": output");
            (y * Read<T>(s.GetProperty("w"))).Sum().Backward();
            if (grads.TryGetProperty("input", out var gx)) Close.All(Read<T>(gx), x.Grad!, rel, abs, what + ": input gradient");
            var parameters = module.NamedParameters();
            Assert.Equal(grads.EnumerateObject().Count(p => p.Name != "input"), parameters.Count);
            foreach (var (pname, p) in parameters)
                Close.All(Read<T>(grads.GetProperty(pname)), p.Grad!, rel, abs, $"{what}: gradient of {pname}");
            var after = module.StateDict();
            foreach (var e in s.GetProperty("state_after").EnumerateArray())
            {
                string key = e.GetProperty("name").GetString()!;
                Close.All(Read<T>(e), after[key], rel, abs, $"{what}: {key} after the step");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DoubleMatchesPyTorch(int index) => Compare<double>(index, rel: 1e-10, abs: 1e-12);

    [Theory]
    [MemberData(nameof(Cases))]
    public void FloatMatchesPyTorch(int index) => Compare<float>(index, rel: 1e-5, abs: 1e-5);

    [Theory]
    [MemberData(nameof(Cases))]
    public void InputGradientsPassGradCheckAndGradGradCheck(int index)
    {
        var c = Case(index);
        string name = $"{c.GetProperty("layer").GetString()} case {index}";
        if (name.StartsWith("Embedding", StringComparison.Ordinal)) return; // indices: no input gradient (its weight is checked below)
        var module = Build<double>(c);
        module.LoadStateDict(State<double>(c.GetProperty("state")));
        foreach (var s in c.GetProperty("steps").EnumerateArray())
        {
            module.Train(s.GetProperty("train").GetBoolean());
            var x = Read<double>(s.GetProperty("x"));
            Tensor<double>[] F(Tensor<double>[] t) => [module.Forward(t[0])];
            var first = GradCheck.Check(F, [x]);
            Assert.True(first.Passed, $"{name}: {first.Report}");
            var second = GradCheck.GradGradCheck(F, [x]);
            Assert.True(second.Passed, $"{name}: {second.Report}");
        }
    }

    [Fact]
    public void EmbeddingStartsFromPyTorchsWeightWithAPyTorchCompatibleGenerator()
    {
        var c = ReferenceData.Load("nn_layers.json").GetProperty("cases").EnumerateArray().First(e => e.GetProperty("layer").GetString() == "Embedding");
        var module = (Embedding<float>)Build<float>(c);
        Assert.Equal(Read<float>(c.GetProperty("init_float")).ToArray(), module.Weight.ToArray());
    }

    [Fact]
    public void EmbeddingLookupPassesGradCheckAndGradGradCheckForItsWeight()
    {
        int[] indices = [1, 3, 1, 0, 1, 4];
        var w = Tensor<double>.RandomNormal(new Generator(3), 5, 2);
        var shape = new TensorShape(2, 3, 2);
        Tensor<double>[] F(Tensor<double>[] t)
        {
            var y = EmbeddingFunction<double>.Apply(t[0], indices, shape);
            return [y * y]; // squared, so the second derivative is not zero
        }
        var first = GradCheck.Check(F, [w]);
        Assert.True(first.Passed, first.Report);
        var second = GradCheck.GradGradCheck(F, [w]);
        Assert.True(second.Passed, second.Report);
    }

    [Fact]
    public void EveryLayerOfTheReferenceFileIsKnownHere()
    {
        for (int i = 0; i < Cases().Count; i++) _ = Build<double>(Case(i));
    }
}
