using System.Numerics;
using MiniGrad.Nn;

namespace MiniGrad.Examples;

/// <summary>
/// Tutorial 003's <c>SimpleModel</c>: 10 → 18 → 18 → 4 → 1, the chosen activation after fc1, fc2 and fc3.
/// </summary>
/// <typeparam name="T"><c>float</c> (the tutorial's dtype) or <c>double</c>.</typeparam>
public sealed class SimpleModel<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Linear<T> fc1, fc2, fc3, fc4;
    private readonly Module<T> activation;

    /// <summary>Creates the layers in the tutorial's order, so their initial weights come from the generator in PyTorch's order.</summary>
    public SimpleModel(string activation, Generator generator)
    {
        fc1 = Register("fc1", new Linear<T>(10, 18, generator));
        fc2 = Register("fc2", new Linear<T>(18, 18, generator));
        fc3 = Register("fc3", new Linear<T>(18, 4, generator));
        fc4 = Register("fc4", new Linear<T>(4, 1, generator));
        this.activation = Register("activation", ActivationFunctions(activation));
    }

    /// <summary>The tutorial's <c>activation_functions</c> dictionary keys.</summary>
    public static IReadOnlyList<string> ActivationNames { get; } = ["relu", "sigmoid", "tanh", "leaky_relu"];

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        var x = fc1.Forward(input);
        x = activation.Forward(x);
        x = fc2.Forward(x);
        x = activation.Forward(x);
        x = fc3.Forward(x);
        x = activation.Forward(x);
        x = fc4.Forward(x);
        return x;
    }

    private static Module<T> ActivationFunctions(string name) => name switch
    {
        "relu" => new Relu<T>(),
        "sigmoid" => new Sigmoid<T>(),
        "tanh" => new Tanh<T>(),
        "leaky_relu" => new LeakyRelu<T>(),
        _ => throw new ArgumentException($"SimpleModel: unknown activation '{name}'; use one of {string.Join(", ", ActivationNames)}.", nameof(name)),
    };
}
