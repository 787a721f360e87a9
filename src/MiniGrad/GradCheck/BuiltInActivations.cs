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
        new("LeakyRelu", "LeakyRelu(x, 0.01)", x => Functional.LeakyRelu(x), x => Functional.LeakyRelu(x)),
        new("Sigmoid", "Sigmoid(x)", x => Functional.Sigmoid(x), x => Functional.Sigmoid(x)),
        new("Tanh", "Tanh(x)", x => Functional.Tanh(x), x => Functional.Tanh(x)),
    ];

    /// <summary>The activation named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static BuiltInActivation? Find(string name) =>
        All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
}
