using MiniGrad.Nn;
using MiniGrad.Onnx;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Onnx;

/// <summary>
/// What the exporter refuses: a module it cannot write (named with its type and path), a module in training mode where
/// that changes what it computes, an inputShape the model does not take; and in every case no file is written and an
/// older file at the path is left as it was.
/// </summary>
public sealed class OnnxExportRefusalTests() : TempFolderTest("onnx-refusal")
{
    private sealed class Doubler : Module<float>
    {
        public override Tensor<float> Forward(Tensor<float> input) => input * 2f;
    }

    public static TheoryData<string, string[]> Refusals() => new()
    {
        { "custom activation", ["CustomActivation at '1.0'", "'Swish'", "custom activation"] },
        { "embedding", ["Embedding at '1'", "Sequential, Linear"] },
        { "own module", ["Doubler at '0'", "not a module the exporter knows"] },
        { "training dropout", ["Dropout at '1'", "training mode", "Eval()"] },
        { "training batchnorm", ["BatchNorm1d at '1'", "training mode", "Eval()"] },
        { "batchnorm without running stats", ["BatchNorm1d at '1'", "trackRunningStats: false"] },
        { "training rrelu", ["Rrelu at the root of the model", "training mode"] },
    };

    private static Module<float> Model(string name) => name switch
    {
        "custom activation" => new Sequential<float>(new Linear<float>(4, 4, new Generator(1)),
            new Sequential<float>(new CustomActivation<float>("Swish", x => x * Functional.Sigmoid(x)))).Eval(),
        "embedding" => new Sequential<float>(new Identity<float>(), new Embedding<float>(10, 3, new Generator(2))).Eval(),
        "own module" => new Sequential<float>(new Doubler()).Eval(),
        "training dropout" => new Sequential<float>(new Linear<float>(4, 4, new Generator(3)), new Dropout<float>(0.5, new Generator(4))),
        "training batchnorm" => new Sequential<float>(new Linear<float>(4, 4, new Generator(5)), new BatchNorm1d<float>(4)),
        "batchnorm without running stats" =>
            new Sequential<float>(new Linear<float>(4, 4, new Generator(6)), new BatchNorm1d<float>(4, trackRunningStats: false)).Eval(),
        "training rrelu" => new Rrelu<float>(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void AModuleThatCannotBeWrittenIsRefusedByNameAndPathAndNoFileIsWritten(string name, string[] fragments)
    {
        string path = At("model.onnx");
        var e = Assert.Throws<NotSupportedException>(() => Model(name).ExportOnnx(path, 4));
        foreach (var fragment in fragments) Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.Contains("No file was written", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Folder));
    }

    [Fact]
    public void AFailedExportLeavesTheOlderFileAsItWas()
    {
        string path = At("model.onnx");
        File.WriteAllText(path, "the older model");
        Assert.Throws<NotSupportedException>(() => Model("training dropout").ExportOnnx(path, 4));
        Assert.Equal("the older model", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(Folder));
    }

    [Fact]
    public void DropoutWithPZeroInTrainingModeComputesNothingAndIsWritten()
    {
        var model = new Sequential<float>(new Linear<float>(4, 2, new Generator(7)), new Dropout<float>(0, new Generator(8)));
        var x = Tensor<float>.RandomUniform(new Generator(9), -1, 1, 3, 4);
        Assert.Equal(model.Forward(x).ToArray(), OnnxRuntimeRunner.Run(OnnxExport.ExportToBytes(model, 4), x).Values);
    }

    [Fact]
    public void AnInputShapeTheModelDoesNotTakeIsRefusedNamingTheModuleThatRefusedIt()
    {
        var model = new Sequential<float>(new Linear<float>(4, 8, new Generator(10)), new Tanh<float>(), new Linear<float>(8, 3, new Generator(11)));
        var e = Assert.Throws<ArgumentException>(() => model.ExportOnnx(At("model.onnx"), 5));
        Assert.Contains("Linear at '0'", e.Message, StringComparison.Ordinal);
        Assert.Contains("[2, 5]", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Folder));
    }

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 4, -1 })]
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 1, 1 })]
    public void AnInvalidInputShapeIsRefused(int[] inputShape)
    {
        var e = Assert.Throws<ArgumentException>(() => OnnxExport.ExportToBytes(new Relu<float>(), inputShape));
        Assert.Contains("inputShape", e.Message, StringComparison.Ordinal);
    }
}
