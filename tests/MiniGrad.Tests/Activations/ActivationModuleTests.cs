using MiniGrad.Nn;

namespace MiniGrad.Tests.Activations;

/// <summary>The modules: same results as the functions, PyTorch-like printing, Prelu's parameter, Rrelu's modes.</summary>
public class ActivationModuleTests
{
    public static TheoryData<string, string> Printouts() => new()
    {
        { "Relu()", new Relu<float>().ToString() },
        { "Relu6()", new Relu6<float>().ToString() },
        { "LeakyRelu(negativeSlope: 0.01)", new LeakyRelu<float>().ToString() },
        { "Sigmoid()", new Sigmoid<float>().ToString() },
        { "Tanh()", new Tanh<float>().ToString() },
        { "Softmax(dim: 1)", new Softmax<float>(1).ToString() },
        { "LogSoftmax(dim: -1)", new LogSoftmax<float>(-1).ToString() },
        { "Softmin(dim: 0)", new Softmin<float>(0).ToString() },
        { "Elu(alpha: 1.0)", new Elu<float>().ToString() },
        { "Selu()", new Selu<float>().ToString() },
        { "Celu(alpha: 1.0)", new Celu<float>().ToString() },
        { "Gelu(approximate: None)", new Gelu<float>().ToString() },
        { "Gelu(approximate: Tanh)", new Gelu<float>(GeluApproximation.Tanh).ToString() },
        { "Silu()", new Silu<float>().ToString() },
        { "Mish()", new Mish<float>().ToString() },
        { "Softplus(beta: 1.0, threshold: 20.0)", new Softplus<float>().ToString() },
        { "Softsign()", new Softsign<float>().ToString() },
        { "Tanhshrink()", new Tanhshrink<float>().ToString() },
        { "Hardtanh(minVal: -1.0, maxVal: 1.0)", new Hardtanh<float>().ToString() },
        { "Hardsigmoid()", new Hardsigmoid<float>().ToString() },
        { "Hardswish()", new Hardswish<float>().ToString() },
        { "LogSigmoid()", new LogSigmoid<float>().ToString() },
        { "Softshrink(lambda: 0.5)", new Softshrink<float>().ToString() },
        { "Hardshrink(lambda: 0.5)", new Hardshrink<float>().ToString() },
        { "Threshold(threshold: 0.1, value: 20.0)", new Threshold<float>(0.1, 20).ToString() },
        { "Prelu(numParameters: 1)", new Prelu<float>().ToString() },
        { "Glu(dim: -1)", new Glu<float>().ToString() },
        { "Rrelu(lower: 0.125, upper: 0.3333333333333333)", new Rrelu<float>().ToString() },
    };

    [Theory]
    [MemberData(nameof(Printouts))]
    public void PrintsLikePyTorchWithDotNetNames(string expected, string actual) => Assert.Equal(expected, actual);

    [Fact]
    public void ModulesComputeWhatTheFunctionsCompute()
    {
        var x = Tensor.FromArray(new[] { -2.5, -0.75, 0.3, 1.7, 4.2, -6.1 }, 2, 3);
        var pairs = new (Module<double> Module, Func<Tensor<double>, Tensor<double>> Function)[]
        {
            (new Relu<double>(), Functional.Relu), (new Relu6<double>(), Functional.Relu6),
            (new LeakyRelu<double>(0.2), t => Functional.LeakyRelu(t, 0.2)), (new Sigmoid<double>(), Functional.Sigmoid),
            (new Tanh<double>(), Functional.Tanh), (new Softmax<double>(0), t => Functional.Softmax(t, 0)),
            (new LogSoftmax<double>(1), t => Functional.LogSoftmax(t, 1)), (new Softmin<double>(1), t => Functional.Softmin(t, 1)),
            (new Elu<double>(0.7), t => Functional.Elu(t, 0.7)), (new Selu<double>(), Functional.Selu),
            (new Celu<double>(1.5), t => Functional.Celu(t, 1.5)), (new Gelu<double>(GeluApproximation.Tanh), t => Functional.Gelu(t, GeluApproximation.Tanh)),
            (new Silu<double>(), Functional.Silu), (new Mish<double>(), Functional.Mish),
            (new Softplus<double>(2, 5), t => Functional.Softplus(t, 2, 5)), (new Softsign<double>(), Functional.Softsign),
            (new Tanhshrink<double>(), Functional.Tanhshrink), (new Hardtanh<double>(-0.5, 2), t => Functional.Hardtanh(t, -0.5, 2)),
            (new Hardsigmoid<double>(), Functional.Hardsigmoid), (new Hardswish<double>(), Functional.Hardswish),
            (new LogSigmoid<double>(), Functional.LogSigmoid), (new Softshrink<double>(1), t => Functional.Softshrink(t, 1)),
            (new Hardshrink<double>(1), t => Functional.Hardshrink(t, 1)), (new Threshold<double>(0.5, -9), t => Functional.Threshold(t, 0.5, -9)),
            (new Glu<double>(0), t => Functional.Glu(t, 0)), (new Rrelu<double>().Eval(), t => Functional.Rrelu(t)),
        };
        foreach (var (module, function) in pairs)
            Assert.Equal(function(x).ToArray(), module.Forward(x).ToArray());
    }

    [Fact]
    public void PreluRegistersALearnableWeightStartingAtAQuarter()
    {
        var prelu = new Prelu<double>(numParameters: 3);
        var (name, weight) = Assert.Single(prelu.NamedParameters());
        Assert.Equal("weight", name);
        Assert.Equal(new[] { 0.25, 0.25, 0.25 }, weight.ToArray());
        Assert.True(weight.RequiresGrad);

        var x = Tensor.FromArray(new[] { -1.0, 2.0, -3.0, -4.0, 5.0, 6.0 }, 2, 3);
        var y = prelu.Forward(x);
        Assert.Equal(new[] { -0.25, 2.0, -0.75, -1.0, 5.0, 6.0 }, y.ToArray());
        y.Sum().Backward();
        Assert.Equal(new[] { -1.0 + -4.0, 0.0, -3.0 }, weight.Grad!.ToArray());
    }

    [Fact]
    public void PreluWithOneSlopeWorksOnAnyRankIncludingScalars()
    {
        var weight = Tensor.FromArray(new[] { 0.25 }).RequireGrad();
        var x = Tensor.Scalar(-2.0).RequireGrad();
        var y = Functional.Prelu(x, weight);
        y.Backward();
        Assert.Equal(-0.5, y.Item());
        Assert.Equal(0.25, x.Grad!.Item());
        Assert.Equal(new[] { -2.0 }, weight.Grad!.ToArray());

        var x3 = Tensor.FromArray(new[] { -1.0, 2.0, -3.0, 4.0, -5.0, 6.0, -7.0, 8.0 }, 2, 2, 2);
        // Per-channel slopes along dim 1: channel 0 gets 0.5, channel 1 gets 2.
        var y3 = Functional.Prelu(x3, Tensor.FromArray(new[] { 0.5, 2.0 }));
        Assert.Equal(new[] { -0.5, 2.0, -6.0, 4.0, -2.5, 6.0, -14.0, 8.0 }, y3.ToArray());
    }

    [Fact]
    public void RreluDrawsSeededSlopesInTrainingAndUsesTheMeanInEvaluation()
    {
        var x = Tensor.FromArray(Enumerable.Range(0, 50).Select(i => i % 2 == 0 ? -1.0 - i : 1.0 + i).ToArray());
        var a = new Rrelu<double>(generator: new Generator(42)).Forward(x).ToArray();
        var b = new Rrelu<double>(generator: new Generator(42)).Forward(x).ToArray();
        Assert.Equal(a, b); // the same seed gives the same slopes
        var slopes = a.Where((_, i) => i % 2 == 0).Select((v, k) => v / (-1.0 - 2 * k)).ToArray();
        Assert.All(slopes, s => Assert.InRange(s, 1.0 / 8, 1.0 / 3));
        Assert.True(slopes.Distinct().Count() > 20, "training slopes should differ per element");
        Assert.Equal(x.ToArray().Where(v => v > 0), a.Where((_, i) => i % 2 == 1));

        var module = new Rrelu<double>(generator: new Generator(1));
        module.Eval();
        double mean = (1.0 / 8 + 1.0 / 3) / 2;
        Assert.Equal(x.ToArray().Select(v => v > 0 ? v : v * mean), module.Forward(x).ToArray());
    }

    [Fact]
    public void RreluTrainingGradientIsTheDrawnSlope()
    {
        var x = Tensor.FromArray(new[] { -2.0, 3.0, -0.5 }).RequireGrad();
        var y = Functional.Rrelu(x, 0.1, 0.3, training: true, generator: new Generator(9));
        y.Sum().Backward();
        var g = x.Grad!.ToArray();
        Assert.Equal(y[0] / -2.0, g[0], 15);
        Assert.Equal(1.0, g[1]);
        Assert.Equal(y[2] / -0.5, g[2], 15);
    }

    [Fact]
    public void FloatAndDoubleAgree()
    {
        var xd = Tensor.FromArray(new[] { -3.5, -1.0, -0.25, 0.5, 2.0, 7.0 });
        var xf = Tensor.FromArray(xd.ToArray().Select(v => (float)v).ToArray());
        foreach (var spec in ActivationSpec.All.Where(a => !a.Name.StartsWith("prelu", StringComparison.Ordinal) && !a.Name.StartsWith("rrelu(train", StringComparison.Ordinal)))
        {
            var yd = spec.Apply(xd).ToArray();
            var yf = FloatTwin(spec.Name, xf).ToArray();
            for (int i = 0; i < yd.Length; i++) Assert.True(Math.Abs(yd[i] - yf[i]) <= 1e-6 + 1e-5 * Math.Abs(yd[i]), $"{spec.Name} [{i}]: {yf[i]} vs {yd[i]}");
        }
    }

    private static Tensor<float> FloatTwin(string name, Tensor<float> x) => name switch
    {
        "relu" => Functional.Relu(x), "relu6" => Functional.Relu6(x), "leaky_relu" => Functional.LeakyRelu(x),
        "leaky_relu(0.2)" => Functional.LeakyRelu(x, 0.2), "sigmoid" => Functional.Sigmoid(x), "tanh" => Functional.Tanh(x),
        "elu" => Functional.Elu(x), "elu(0.5)" => Functional.Elu(x, 0.5), "selu" => Functional.Selu(x), "celu(2)" => Functional.Celu(x, 2.0),
        "gelu" => Functional.Gelu(x), "gelu(tanh)" => Functional.Gelu(x, GeluApproximation.Tanh), "silu" => Functional.Silu(x),
        "mish" => Functional.Mish(x), "softplus" => Functional.Softplus(x), "softplus(2, 3)" => Functional.Softplus(x, 2.0, 3.0),
        "softsign" => Functional.Softsign(x), "tanhshrink" => Functional.Tanhshrink(x), "hardtanh" => Functional.Hardtanh(x),
        "hardtanh(-2, 0.5)" => Functional.Hardtanh(x, -2, 0.5), "hardsigmoid" => Functional.Hardsigmoid(x),
        "hardswish" => Functional.Hardswish(x), "logsigmoid" => Functional.LogSigmoid(x), "softshrink" => Functional.Softshrink(x),
        "hardshrink" => Functional.Hardshrink(x), "threshold(0.1, 20)" => Functional.Threshold(x, 0.1, 20),
        "softmax(dim=0)" => Functional.Softmax(x, 0), "softmax(dim=-1)" => Functional.Softmax(x, -1),
        "log_softmax(dim=0)" => Functional.LogSoftmax(x, 0), "log_softmax(dim=-1)" => Functional.LogSoftmax(x, -1),
        "softmin(dim=-1)" => Functional.Softmin(x, -1), "glu(dim=-1)" => Functional.Glu(x, -1), "rrelu(eval)" => Functional.Rrelu(x),
        _ => throw new NotSupportedException(name),
    };
}
