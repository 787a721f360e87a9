using System.Text.Json;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Activations;

/// <summary>
/// The activations with kinks, AT their kinks and a quarter to each side: value, first and second derivative against
/// PyTorch 1.13 (tests/scripts/pytorch_activation_kinks.py, in Data/activation_kinks.json). At a kink a derivative is
/// a convention (which side the backward formula takes); these cases pin MiniGrad's to PyTorch's, second order too.
/// </summary>
public class ActivationKinkTests
{
    private const string File = "activation_kinks.json";

    public static TheoryData<int> Cases() => ReferenceData.CaseIndices(File);

    private static Func<Tensor<double>, Tensor<double>> Activation(JsonElement c)
    {
        var args = c.GetProperty("args");
        double Arg(string name) => args.GetProperty(name).GetDouble();
        double ArgOr(string name, double fallback) => args.TryGetProperty(name, out var v) ? v.GetDouble() : fallback;
        return c.GetProperty("name").GetString() switch
        {
            "Relu" => Functional.Relu,
            "Relu6" => Functional.Relu6,
            "LeakyRelu" => x => Functional.LeakyRelu(x, Arg("negativeSlope")),
            "Elu" => x => Functional.Elu(x, Arg("alpha")),
            "Selu" => Functional.Selu,
            "Celu" => x => Functional.Celu(x, Arg("alpha")),
            "Hardsigmoid" => Functional.Hardsigmoid,
            "Hardtanh" => x => Functional.Hardtanh(x, Arg("minVal"), Arg("maxVal")),
            "Hardswish" => Functional.Hardswish,
            "Softplus" => x => Functional.Softplus(x, ArgOr("beta", 1), ArgOr("threshold", 20)),
            "Softsign" => Functional.Softsign,
            "Softshrink" => x => Functional.Softshrink(x, Arg("lambda")),
            "Hardshrink" => x => Functional.Hardshrink(x, Arg("lambda")),
            "Threshold" => x => Functional.Threshold(x, Arg("threshold"), Arg("value")),
            var name => throw new InvalidOperationException($"{File} has a case for '{name}', which this test does not know"),
        };
    }

    private static double[] Doubles(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];

    [Theory]
    [MemberData(nameof(Cases))]
    public void ValueAndBothDerivativesArePyTorchsAtTheKinks(int index)
    {
        var c = ReferenceData.Case(File, index);
        string what = $"{c.GetProperty("name").GetString()} case {index}";
        var points = Doubles(c.GetProperty("x"));
        var x = Tensor.FromArray(points).RequireGrad();
        var y = Activation(c)(x);
        Close.All(Tensor.FromArray(Doubles(c.GetProperty("y"))), y, 1e-12, 1e-12, $"{what}: value");
        // Elementwise: the gradient of sum(y) is each point's derivative.
        var dy = Autograd.Grad(y.Sum(), [x], createGraph: true)[0]!;
        Close.All(Tensor.FromArray(Doubles(c.GetProperty("dy"))), dy, 1e-12, 1e-12, $"{what}: first derivative");
        if (c.GetProperty("d2y").ValueKind == JsonValueKind.Null) return; // PyTorch 1.13 cannot differentiate this backward
        var d2y = dy.RequiresGrad ? Autograd.Grad(dy.Sum(), [x])[0] : null;
        var expected = Tensor.FromArray(Doubles(c.GetProperty("d2y")));
        Close.All(expected, d2y ?? Tensor<double>.Zeros(x.Shape), 1e-12, 1e-12, $"{what}: second derivative");
    }

    [Fact]
    public void EveryActivationOfTheReferenceFileIsKnownHere()
    {
        for (int i = 0; i < Cases().Count; i++) _ = Activation(ReferenceData.Case(File, i));
    }
}
