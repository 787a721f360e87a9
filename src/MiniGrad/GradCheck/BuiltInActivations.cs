namespace MiniGrad;

/// <summary>A built-in activation as the checking tools see it: a name and its function for each element type.</summary>
/// <param name="Name">The name as the CLI takes it, e.g. <c>Relu</c> or <c>LeakyRelu</c>.</param>
/// <param name="Description">The call checked, with its parameters, e.g. <c>LeakyRelu(x, 0.01)</c>.</param>
/// <param name="Double">The function on double tensors.</param>
/// <param name="Float">The function on float tensors.</param>
/// <param name="EvenLastDim">True when the input's last dimension must be even (Glu halves it).</param>
public sealed record BuiltInActivation(string Name, string Description, Func<Tensor<double>, Tensor<double>> Double,
    Func<Tensor<float>, Tensor<float>> Float, bool EvenLastDim = false)
{
    /// <inheritdoc/>
    public override string ToString() => Description;
}

/// <summary>Every activation MiniGrad ships, with the parameters the checks use (PyTorch's defaults unless said).</summary>
public static class BuiltInActivations
{
    /// <summary>All built-in activations, in the order of PyTorch's list.</summary>
    public static IReadOnlyList<BuiltInActivation> All { get; } =
    [
        new("Relu", "Relu(x)", x => Functional.Relu(x), x => Functional.Relu(x)),
        new("Relu6", "Relu6(x)", x => Functional.Relu6(x), x => Functional.Relu6(x)),
        new("LeakyRelu", "LeakyRelu(x, 0.01)", x => Functional.LeakyRelu(x), x => Functional.LeakyRelu(x)),
        new("Sigmoid", "Sigmoid(x)", x => Functional.Sigmoid(x), x => Functional.Sigmoid(x)),
        new("Tanh", "Tanh(x)", x => Functional.Tanh(x), x => Functional.Tanh(x)),
        new("Softmax", "Softmax(x, dim: -1)", x => Functional.Softmax(x, -1), x => Functional.Softmax(x, -1)),
        new("LogSoftmax", "LogSoftmax(x, dim: -1)", x => Functional.LogSoftmax(x, -1), x => Functional.LogSoftmax(x, -1)),
        new("Softmin", "Softmin(x, dim: -1)", x => Functional.Softmin(x, -1), x => Functional.Softmin(x, -1)),
        new("Elu", "Elu(x, alpha: 1)", x => Functional.Elu(x), x => Functional.Elu(x)),
        new("Selu", "Selu(x)", x => Functional.Selu(x), x => Functional.Selu(x)),
        new("Celu", "Celu(x, alpha: 1)", x => Functional.Celu(x), x => Functional.Celu(x)),
        new("Gelu", "Gelu(x) (exact, erf)", x => Functional.Gelu(x), x => Functional.Gelu(x)),
        new("GeluTanh", "Gelu(x, Tanh) (tanh approximation)", x => Functional.Gelu(x, GeluApproximation.Tanh),
            x => Functional.Gelu(x, GeluApproximation.Tanh)),
        new("Silu", "Silu(x)", x => Functional.Silu(x), x => Functional.Silu(x)),
        new("Mish", "Mish(x)", x => Functional.Mish(x), x => Functional.Mish(x)),
        new("Softplus", "Softplus(x, beta: 1, threshold: 20)", x => Functional.Softplus(x), x => Functional.Softplus(x)),
        new("Softsign", "Softsign(x)", x => Functional.Softsign(x), x => Functional.Softsign(x)),
        new("Tanhshrink", "Tanhshrink(x)", x => Functional.Tanhshrink(x), x => Functional.Tanhshrink(x)),
        new("Hardtanh", "Hardtanh(x, -1, 1)", x => Functional.Hardtanh(x), x => Functional.Hardtanh(x)),
        new("Hardsigmoid", "Hardsigmoid(x)", x => Functional.Hardsigmoid(x), x => Functional.Hardsigmoid(x)),
        new("Hardswish", "Hardswish(x)", x => Functional.Hardswish(x), x => Functional.Hardswish(x)),
        new("LogSigmoid", "LogSigmoid(x)", x => Functional.LogSigmoid(x), x => Functional.LogSigmoid(x)),
        new("Softshrink", "Softshrink(x, lambda: 0.5)", x => Functional.Softshrink(x), x => Functional.Softshrink(x)),
        new("Hardshrink", "Hardshrink(x, lambda: 0.5)", x => Functional.Hardshrink(x), x => Functional.Hardshrink(x)),
        new("Threshold", "Threshold(x, threshold: 0.1, value: 20)", x => Functional.Threshold(x, 0.1, 20),
            x => Functional.Threshold(x, 0.1, 20)),
        new("Prelu", "Prelu(x, weight: [0.25])", x => Functional.Prelu(x, Tensor<double>.Full(0.25, 1)),
            x => Functional.Prelu(x, Tensor<float>.Full(0.25f, 1))),
        new("Glu", "Glu(x, dim: -1)", x => Functional.Glu(x), x => Functional.Glu(x), EvenLastDim: true),
        new("Rrelu", "Rrelu(x) (evaluation: mean slope)", x => Functional.Rrelu(x), x => Functional.Rrelu(x)),
        new("RreluTraining", "Rrelu(x, training: true) (slopes from a generator seeded anew per call)",
            x => Functional.Rrelu(x, training: true, generator: new Generator(7)),
            x => Functional.Rrelu(x, training: true, generator: new Generator(7))),
    ];

    /// <summary>The activation named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static BuiltInActivation? Find(string name) =>
        All.FirstOrDefault(a => string.Equals(Key(a.Name), Key(name), StringComparison.OrdinalIgnoreCase));

    /// <summary>A name as compared: PyTorch's spelling (<c>leaky_relu</c>) and .NET's (<c>LeakyRelu</c>) are one name.</summary>
    private static string Key(string name) => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
}
