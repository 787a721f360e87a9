namespace MiniGrad.Tests.Activations;

/// <summary>
/// One activation as the property tests see it: a double function of a tensor, the points where it is not smooth
/// (inputs are kept 0.05 away from them), and whether its last dim must be even (Glu).
/// </summary>
public sealed record ActivationSpec(string Name, Func<Tensor<double>, Tensor<double>> Apply, double[] Kinks, bool EvenLastDim = false)
{
    public override string ToString() => Name;

    private static readonly double[] None = [];

    /// <summary>Every activation (each parameterized one with a non-default setting too).</summary>
    public static IReadOnlyList<ActivationSpec> All { get; } =
    [
        new("relu", x => Functional.Relu(x), [0]),
        new("relu6", x => Functional.Relu6(x), [0, 6]),
        new("leaky_relu", x => Functional.LeakyRelu(x), [0]),
        new("leaky_relu(0.2)", x => Functional.LeakyRelu(x, 0.2), [0]),
        new("sigmoid", x => Functional.Sigmoid(x), None),
        new("tanh", x => Functional.Tanh(x), None),
        new("elu", x => Functional.Elu(x), [0]),
        new("elu(0.5)", x => Functional.Elu(x, 0.5), [0]),
        new("selu", x => Functional.Selu(x), [0]),
        new("celu(2)", x => Functional.Celu(x, 2.0), [0]),
        new("gelu", x => Functional.Gelu(x), None),
        new("gelu(tanh)", x => Functional.Gelu(x, GeluApproximation.Tanh), None),
        new("silu", x => Functional.Silu(x), None),
        new("mish", x => Functional.Mish(x), None),
        new("softplus", x => Functional.Softplus(x), None),
        new("softplus(2, 3)", x => Functional.Softplus(x, 2.0, 3.0), [1.5]),
        new("softsign", x => Functional.Softsign(x), None),
        new("tanhshrink", x => Functional.Tanhshrink(x), None),
        new("hardtanh", x => Functional.Hardtanh(x), [-1, 1]),
        new("hardtanh(-2, 0.5)", x => Functional.Hardtanh(x, -2, 0.5), [-2, 0.5]),
        new("hardsigmoid", x => Functional.Hardsigmoid(x), [-3, 3]),
        new("hardswish", x => Functional.Hardswish(x), [-3, 3]),
        new("logsigmoid", x => Functional.LogSigmoid(x), None),
        new("softshrink", x => Functional.Softshrink(x), [-0.5, 0.5]),
        new("hardshrink", x => Functional.Hardshrink(x), [-0.5, 0.5]),
        new("threshold(0.1, 20)", x => Functional.Threshold(x, 0.1, 20), [0.1]),
        new("softmax(dim=0)", x => Functional.Softmax(x, 0), None),
        new("softmax(dim=-1)", x => Functional.Softmax(x, -1), None),
        new("log_softmax(dim=0)", x => Functional.LogSoftmax(x, 0), None),
        new("log_softmax(dim=-1)", x => Functional.LogSoftmax(x, -1), None),
        new("softmin(dim=-1)", x => Functional.Softmin(x, -1), None),
        new("glu(dim=-1)", x => Functional.Glu(x, -1), None, EvenLastDim: true),
        new("prelu(0.25)", x => Functional.Prelu(x, Tensor.FromArray(new[] { 0.25 })), [0]),
        new("rrelu(eval)", x => Functional.Rrelu(x), [0]),
        new("rrelu(train, seed 5)", x => Functional.Rrelu(x, training: true, generator: new Generator(5)), [0]),
    ];
}
