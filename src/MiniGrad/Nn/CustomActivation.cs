using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// A module around any activation function: a composed lambda (<c>x =&gt; x * Functional.Sigmoid(x * 1.5)</c>), a
/// <see cref="ScalarActivation{T}"/> from <see cref="MiniGrad.CustomActivation"/>, or any other function of one tensor.
/// It has no parameters and prints as <c>CustomActivation(name)</c>.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class CustomActivation<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Func<Tensor<T>, Tensor<T>> function;

    /// <summary>Wraps <paramref name="function"/> under <paramref name="name"/>.</summary>
    public CustomActivation(string name, Func<Tensor<T>, Tensor<T>> function)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(function);
        Name = name;
        this.function = function;
    }

    /// <summary>Wraps a scalar custom activation.</summary>
    public CustomActivation(ScalarActivation<T> activation)
        : this((activation ?? throw new ArgumentNullException(nameof(activation))).Name, activation.Apply)
    {
    }

    /// <summary>The activation's name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input) => function(input);

    /// <inheritdoc/>
    protected override string ExtraRepresentation() => Name;
}
