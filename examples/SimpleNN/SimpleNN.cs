using MiniGrad.Nn;

namespace MiniGrad.Examples;

/// <summary>
/// Tutorial 000's <c>SimpleNN</c>: fc1 = Linear(10, 5), fc2 = Linear(5, 1), and an activation between them. The
/// tutorial's Softmax section differs: fc2 = Linear(5, 3) and softmax (dim 1) after fc2, no activation in between.
/// </summary>
/// <remarks>
/// PyTorch names the activation field after the function (<c>self.relu</c>, <c>self.relu6</c>, ...); we register it
/// under that name too, so the printout reads like PyTorch's.
/// </remarks>
public sealed class SimpleNN : Module<float>
{
    private readonly Linear<float> fc1;
    private readonly Linear<float> fc2;
    private readonly Module<float> activation;
    private readonly bool softmaxAtTheEnd;

    /// <summary>Builds the network for one of the tutorial's activations (see <see cref="Activations"/>).</summary>
    public SimpleNN(string activationName, Generator generator)
    {
        softmaxAtTheEnd = activationName == "softmax";
        // The order of creation is the order of random draws: fc1's weight and bias, then fc2's (as in PyTorch).
        fc1 = Register("fc1", new Linear<float>(10, 5, generator));
        fc2 = Register("fc2", new Linear<float>(5, softmaxAtTheEnd ? 3 : 1, generator));
        activation = Register(activationName, CreateActivation(activationName));
    }

    /// <summary>The field names of the tutorial's six sections, in its order.</summary>
    public static IReadOnlyList<string> Activations { get; } = ["relu", "relu6", "leaky_relu", "sigmoid", "tanh", "softmax"];

    /// <inheritdoc/>
    public override Tensor<float> Forward(Tensor<float> input)
    {
        if (softmaxAtTheEnd)
        {
            var x = fc1.Forward(input);
            x = fc2.Forward(x);
            return activation.Forward(x);
        }
        var h = activation.Forward(fc1.Forward(input));
        return fc2.Forward(h);
    }

    private static Module<float> CreateActivation(string name) => name switch
    {
        "relu" => new Relu<float>(),
        "relu6" => new Relu6<float>(),
        "leaky_relu" => new LeakyRelu<float>(),
        "sigmoid" => new Sigmoid<float>(),
        "tanh" => new Tanh<float>(),
        "softmax" => new Softmax<float>(dim: 1),
        _ => throw new ArgumentException($"SimpleNN: unknown activation '{name}'; use one of {string.Join(", ", Activations)}.", nameof(name)),
    };
}
