using MiniGrad.Nn;
using MiniGrad.Onnx;
using Xunit.Abstractions;

namespace MiniGrad.Tests.Onnx;

/// <summary>
/// Every module kind the exporter supports, exported and run in ONNX Runtime on seeded random inputs, at batch sizes
/// (5 and 1) other than the two the exporter probes with (2 and 3): ONNX Runtime's output has MiniGrad's shape and its
/// values are within 1e-5 of MiniGrad's own forward pass in float.
/// </summary>
public sealed class OnnxExportRuntimeTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5;

    /// <summary>A named case: a model (fresh each time) and the shape of one input without the batch dim.</summary>
    public sealed record Case(string Name, Func<Module<float>> Model, int[] InputShape, double Range = 4)
    {
        public override string ToString() => Name;
    }

    private static readonly Case[] Cases =
    [
        new("Linear", () => new Linear<float>(4, 3, new Generator(1)), [4]),
        new("Linear without bias", () => new Linear<float>(4, 3, new Generator(2), bias: false), [4]),
        new("Linear on a rank-3 input", () => new Linear<float>(4, 3, new Generator(3)), [2, 4]),
        new("Linear without bias on a rank-3 input", () => new Linear<float>(4, 3, new Generator(4), bias: false), [2, 4]),
        new("Relu", () => new Relu<float>(), [6]),
        new("Relu6", () => new Relu6<float>(), [6], 8),
        new("LeakyRelu", () => new LeakyRelu<float>(0.2), [6]),
        new("Prelu, one slope", () => new Prelu<float>(1, 0.3), [6]),
        new("Prelu, one slope per channel of a [C] input", () => new Prelu<float>(3, 0.3), [3]),
        new("Prelu, one slope per channel of a [C, L] input", () => new Prelu<float>(3, 0.3), [3, 4]),
        new("Rrelu (eval)", () => new Rrelu<float>(0.1, 0.3).Eval(), [6]),
        new("Elu", () => new Elu<float>(0.7), [6]),
        new("Selu", () => new Selu<float>(), [6]),
        new("Celu", () => new Celu<float>(1.5), [6]),
        new("Gelu", () => new Gelu<float>(), [6]),
        new("Gelu (tanh)", () => new Gelu<float>(GeluApproximation.Tanh), [6]),
        new("Sigmoid", () => new Sigmoid<float>(), [6]),
        new("Hardsigmoid", () => new Hardsigmoid<float>(), [6]),
        new("Silu", () => new Silu<float>(), [6]),
        new("Hardswish", () => new Hardswish<float>(), [6]),
        new("Mish", () => new Mish<float>(), [6]),
        new("Softplus", () => new Softplus<float>(), [6]),
        // β·x reaches 8 > threshold 5: above it PyTorch returns x itself.
        new("Softplus (beta 2, threshold 5)", () => new Softplus<float>(2, 5), [6]),
        new("Softplus (beta 1, threshold 1)", () => new Softplus<float>(1, 1), [6]),
        new("Softsign", () => new Softsign<float>(), [6]),
        new("LogSigmoid", () => new LogSigmoid<float>(), [6], 30),
        new("Tanh", () => new Tanh<float>(), [6]),
        new("Hardtanh", () => new Hardtanh<float>(-2, 1.5), [6]),
        new("Tanhshrink", () => new Tanhshrink<float>(), [6]),
        new("Hardshrink", () => new Hardshrink<float>(0.7), [6]),
        new("Softshrink", () => new Softshrink<float>(0.7), [6]),
        new("Threshold", () => new Threshold<float>(0.5, -2), [6]),
        new("Glu (last dim)", () => new Glu<float>(), [6]),
        new("Glu (dim 1 of [C, L])", () => new Glu<float>(1), [4, 3]),
        new("Softmax", () => new Softmax<float>(1), [5]),
        new("Softmax (dim -2 of [C, L])", () => new Softmax<float>(-2), [3, 4]),
        new("LogSoftmax", () => new LogSoftmax<float>(-1), [5]),
        new("Softmin", () => new Softmin<float>(1), [5]),
        new("Softmax2d", () => new Softmax2d<float>(), [3, 2, 2]),
        new("Dropout (eval)", () => new Dropout<float>(0.5, new Generator(5)).Eval(), [4]),
        new("Identity", () => new Identity<float>(), [4]),
        new("Flatten", () => new Flatten<float>(), [2, 3, 4]),
        new("Flatten (dims 2 to 3)", () => new Flatten<float>(2, 3), [2, 3, 4]),
        new("Flatten (dims 0 to -1, the batch included)", () => new Flatten<float>(0, -1), [2, 3]),
        new("LayerNorm", () => Randomized(new LayerNorm<float>(5), 6), [5]),
        new("LayerNorm over [3, 4]", () => Randomized(new LayerNorm<float>(new TensorShape(3, 4)), 7), [2, 3, 4]),
        new("LayerNorm without affine", () => new LayerNorm<float>(5, eps: 1e-3, elementwiseAffine: false), [5]),
        new("BatchNorm1d (eval) on [C]", () => Randomized(new BatchNorm1d<float>(4), 8).Eval(), [4]),
        new("BatchNorm1d (eval) on [C, L]", () => Randomized(new BatchNorm1d<float>(3, eps: 1e-3), 9).Eval(), [3, 5]),
        new("BatchNorm1d (eval) without affine", () => Randomized(new BatchNorm1d<float>(4, affine: false), 10).Eval(), [4]),
        new("nested Sequential", () => Randomized(new Sequential<float>(
            new Flatten<float>(),
            new Linear<float>(6, 8, new Generator(11)),
            new Sequential<float>(new LayerNorm<float>(8), new Gelu<float>(), new Dropout<float>(0.3, new Generator(12))),
            new BatchNorm1d<float>(8),
            new Softplus<float>(2, 3),
            new Linear<float>(8, 3, new Generator(13)),
            new LogSoftmax<float>(1)), 14).Eval(), [2, 3]),
    ];

    public static TheoryData<string> CaseNames() => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void OnnxRuntimeComputesMiniGradsOutput(string name)
    {
        var test = Cases.Single(c => c.Name == name);
        var model = test.Model();
        byte[] bytes = OnnxExport.ExportToBytes(model, test.InputShape);
        foreach (int batch in new[] { 5, 1 })
        {
            var x = Tensor<float>.RandomUniform(new Generator((ulong)(100 + batch)), -test.Range, test.Range, [batch, .. test.InputShape]);
            var expected = model.Forward(x);
            var (values, shape) = OnnxRuntimeRunner.Run(bytes, x);
            Assert.Equal(expected.Shape.Dims.ToArray(), shape.Select(d => (int)d).ToArray());
            AssertClose(expected.ToArray(), values, $"{name}, batch {batch}");
        }
    }

    [Fact]
    public void ADoubleModelIsExportedInFloatAndComputesItsOutputWithinFloatPrecision()
    {
        var model = new Sequential<double>(new Linear<double>(4, 8, new Generator(21)), new Mish<double>(), new Linear<double>(8, 2, new Generator(22)));
        byte[] bytes = OnnxExport.ExportToBytes(model, 4);
        var x = Tensor<double>.RandomUniform(new Generator(23), -3, 3, 7, 4);
        var (values, _) = OnnxRuntimeRunner.Run(bytes, Tensor<float>.FromArray([.. x.ToArray().Select(v => (float)v)], 7, 4));
        AssertClose([.. model.Forward(x).ToArray().Select(v => (float)v)], values, "double model");
    }

    [Fact]
    public void ExportOnnxWritesAFileThatOnnxRuntimeLoadsAndDeclaresTheBatchDimSymbolic()
    {
        string folder = Directory.CreateTempSubdirectory("onnx-export").FullName;
        try
        {
            var model = new Sequential<float>(new Linear<float>(4, 8, new Generator(31)), new Tanh<float>(), new Linear<float>(8, 3, new Generator(32)));
            string path = Path.Combine(folder, "model.onnx");
            File.WriteAllText(path, "an older file");
            model.ExportOnnx(path, 4);

            using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(path);
            Assert.Equal([-1, 4], session.InputMetadata["input"].Dimensions);
            Assert.Equal("batch", session.InputMetadata["input"].SymbolicDimensions[0]);
            Assert.Equal([-1, 3], session.OutputMetadata["output"].Dimensions);
            var x = Tensor<float>.RandomUniform(new Generator(33), -2, 2, 9, 4);
            AssertClose(model.Forward(x).ToArray(), OnnxRuntimeRunner.Run(path, x).Values, "file");
            // The temporary file was moved over the old one: nothing else is left in the folder.
            Assert.Equal(["model.onnx"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Fills every parameter and buffer with seeded random values (variances positive), so that a test checks them.</summary>
    internal static TModule Randomized<TModule>(TModule module, ulong seed)
        where TModule : Module<float>
    {
        var generator = new Generator(seed);
        foreach (var (_, p) in module.NamedParameters())
            Tensor<float>.RandomUniform(generator, -1.5, 1.5, p.Shape.Dims.ToArray()).ReadOnlySpan.CopyTo(p.Span);
        foreach (var (name, b) in module.NamedBuffers())
        {
            if (name.EndsWith("num_batches_tracked", StringComparison.Ordinal)) continue;
            var (low, high) = name.EndsWith("running_var", StringComparison.Ordinal) ? (0.2, 2.0) : (-1.0, 1.0);
            Tensor<float>.RandomUniform(generator, low, high, b.Shape.Dims.ToArray()).ReadOnlySpan.CopyTo(b.Span);
        }
        return module;
    }

    private void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double largest = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs((double)expected[i] - actual[i]);
            largest = Math.Max(largest, difference);
            Assert.True(difference <= Tolerance,
                $"{what}: element {i} is {actual[i]:R} in ONNX Runtime but {expected[i]:R} in MiniGrad (difference {difference:E2}).");
        }
        output.WriteLine($"{what}: largest difference {largest:E2}");
    }
}
