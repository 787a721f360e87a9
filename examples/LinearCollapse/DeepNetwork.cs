using MiniGrad.Nn;

namespace MiniGrad.Examples;

/// <summary>
/// Tutorial 003's "what happens without activation functions": a deep stack of Linear layers, with or without ReLU
/// between them. Without activations the stack is one affine map, <see cref="Collapse"/> multiplies it out.
/// </summary>
public sealed class DeepNetwork : Module<double>
{
    private readonly Sequential<double> layers = new();

    /// <summary>Linear layers of the given sizes (e.g. 2, 8, 8, 8, 1), with ReLU after every one but the last when <paramref name="relu"/>.</summary>
    public DeepNetwork(int[] sizes, bool relu, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        for (int k = 0; k + 1 < sizes.Length; k++)
        {
            var linear = new Linear<double>(sizes[k], sizes[k + 1], generator);
            Linears.Add(linear);
            layers.Append(linear);
            if (relu && k + 2 < sizes.Length) layers.Append(new Relu<double>());
        }
        Register("layers", layers);
        HasActivations = relu;
    }

    /// <summary>The Linear layers, first to last.</summary>
    public List<Linear<double>> Linears { get; } = [];

    /// <summary>Whether ReLU sits between the layers.</summary>
    public bool HasActivations { get; }

    /// <inheritdoc/>
    public override Tensor<double> Forward(Tensor<double> input) => layers.Forward(input);

    /// <summary>
    /// The single layer this network is when it has no activations: <c>y = x Wᵀ + b</c> with
    /// <c>W = W_n ⋯ W_2 W_1</c> and <c>b = W_n(⋯(W_2 b_1 + b_2)⋯) + b_n</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The network has activations, so it does not collapse.</exception>
    public (Tensor<double> Weight, Tensor<double> Bias) Collapse()
    {
        if (HasActivations)
            throw new InvalidOperationException("DeepNetwork.Collapse: a network with ReLU between its layers is not one linear map; build it with relu: false.");
        using var _ = Tape.NoGrad();
        var w = Linears[0].Weight.Clone();
        var b = Linears[0].Bias!.Clone().Reshape(-1, 1);
        foreach (var layer in Linears.Skip(1))
        {
            w = Tensor<double>.MatMul(layer.Weight, w);                     // W ← W_k W
            b = Tensor<double>.MatMul(layer.Weight, b) + layer.Bias!.Reshape(-1, 1); // b ← W_k b + b_k
        }
        return (w, b.Reshape(-1));
    }

    /// <summary>The largest |network(x) - collapsed(x)| over the rows of <paramref name="x"/>.</summary>
    public double MaxCollapseError(Tensor<double> x)
    {
        using var _ = Tape.NoGrad();
        var deep = Forward(x).ToArray();
        var single = ApplyCollapsed(Collapse(), x).ToArray();
        return deep.Zip(single, (a, b) => Math.Abs(a - b)).Max();
    }

    /// <summary>Applies the collapsed single layer: <c>x Wᵀ + b</c>.</summary>
    public static Tensor<double> ApplyCollapsed((Tensor<double> Weight, Tensor<double> Bias) layer, Tensor<double> x) =>
        Tensor<double>.MatMul(x, layer.Weight, transposeB: true) + layer.Bias;
}
