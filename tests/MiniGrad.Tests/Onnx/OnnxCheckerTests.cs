using System.Text.RegularExpressions;
using MiniGrad.Nn;
using MiniGrad.Onnx;
using MiniGrad.Tests.Support;
using Xunit.Abstractions;

namespace MiniGrad.Tests.Onnx;

/// <summary>
/// The exported file passes the reference checker, <c>onnx.checker.check_model(full_check=True)</c> of Debian's onnx
/// 1.12 for /usr/bin/python3 (tests/scripts/install-python-deps.sh installs python3-onnx). Without it the test writes
/// that it skipped to the test output and returns.
/// </summary>
public sealed class OnnxCheckerTests(ITestOutputHelper output) : TempFolderTest("onnx-checker")
{
    private const string Python = "/usr/bin/python3";
    private const string Script = "tests/MiniGrad.Tests/Onnx/onnx_check.py";

    [Fact]
    public void TheOnnxCheckerAcceptsAModelUsingEveryOpTheExporterWrites()
    {
        // Every module kind in one model: each keeps the shape [batch, 6] except where noted.
        var model = OnnxExportRuntimeTests.Randomized(new Sequential<float>(
            new Flatten<float>(), new Linear<float>(6, 6, new Generator(1)), new Relu<float>(), new Relu6<float>(),
            new LeakyRelu<float>(), new Prelu<float>(6), new Rrelu<float>(), new Elu<float>(), new Selu<float>(), new Celu<float>(),
            new Gelu<float>(), new Gelu<float>(GeluApproximation.Tanh), new Sigmoid<float>(), new Hardsigmoid<float>(), new Silu<float>(),
            new Hardswish<float>(), new Mish<float>(), new Softplus<float>(2, 5), new Softsign<float>(), new LogSigmoid<float>(),
            new Tanh<float>(), new Hardtanh<float>(), new Tanhshrink<float>(), new Hardshrink<float>(), new Softshrink<float>(),
            new Threshold<float>(0.1, 0), new Dropout<float>(0.5, new Generator(2)), new Identity<float>(), new LayerNorm<float>(6),
            new BatchNorm1d<float>(6), new Softmax<float>(1), new LogSoftmax<float>(1), new Softmin<float>(1),
            new Glu<float>(), // [batch, 3]
            new Linear<float>(3, 4, new Generator(3), bias: false)), 4).Eval();
        if (Check(model, [2, 3]) is not { } fields) return;
        Assert.Equal(
            ["Add", "BatchNormalization", "Celu", "Clip", "Div", "Elu", "Erf", "Gemm", "Greater", "HardSigmoid", "HardSwish",
             "LayerNormalization", "LeakyRelu", "LogSoftmax", "Mul", "Neg", "PRelu", "Relu", "Reshape", "Selu", "Shrink",
             "Sigmoid", "Softmax", "Softplus", "Softsign", "Split", "Sub", "Tanh", "Where"],
            fields);
    }

    [Fact]
    public void TheOnnxCheckerAcceptsALinearLayerOnARank3InputAndAModelThatOnlyPassesItsInputThrough()
    {
        var linear = new Sequential<float>(new Linear<float>(3, 4, new Generator(5)), new Prelu<float>(2), new Flatten<float>(0, -1));
        if (Check(linear, [2, 3]) is not { } fields) return;
        Assert.Equal(["Add", "MatMul", "PRelu", "Reshape", "Transpose"], fields);
        var passThrough = new Sequential<float>(new Identity<float>(), new Dropout<float>(0.5, new Generator(6))).Eval();
        if (Check(passThrough, [3]) is { } passThroughOps) Assert.Equal(["Identity"], passThroughOps);
    }

    /// <summary>Exports and checks <paramref name="model"/>; returns its sorted op types, or null when the checker is missing.</summary>
    private string[]? Check(Module<float> model, int[] inputShape)
    {
        string path = At("model.onnx");
        model.ExportOnnx(path, inputShape);
        if (!File.Exists(Python))
        {
            output.WriteLine($"SKIPPED: {Python} does not exist, so the ONNX checker was not run.");
            return null;
        }
        var result = ChildProcess.Run(Python, [Script, path], Repository.Root());
        if (result.ExitCode != 0 && Regex.IsMatch(result.Stderr, "No module named 'onnx'"))
        {
            output.WriteLine($"SKIPPED: {Python} has no onnx (tests/scripts/install-python-deps.sh installs Debian's python3-onnx), " +
                             "so the ONNX checker was not run.");
            return null;
        }
        Assert.True(result.ExitCode == 0, $"the ONNX checker refused the model:\n{result.Stderr}");
        output.WriteLine(result.Stdout);
        var fields = result.Stdout.Trim().Split(' ');
        Assert.Equal(["8", "17"], fields[..2]);
        return fields[2..];
    }
}
