using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad.Nn;

/// <summary>
/// Threshold as a module (PyTorch's <c>nn.Threshold</c>); see <see cref="Functional.Threshold{T}"/> for the formula, derivative,
/// range and kink convention.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Threshold<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the module.</summary>
    /// <param name="threshold">The threshold (required, as in PyTorch).</param>
    /// <param name="value">What replaces elements at or below the threshold.</param>
    /// <exception cref="ArgumentException">A parameter is invalid (see <see cref="Functional.Threshold{T}"/>).</exception>
    public Threshold(double threshold, double value)
    {
        ActivationHelpers.NotNaN(threshold, "Threshold", nameof(threshold));
        ActivationHelpers.NotNaN(value, "Threshold", nameof(value));
        ThresholdValue = threshold;
        Value = value;
    }

    /// <summary>The threshold.</summary>
    public double ThresholdValue { get; }

    /// <summary>The replacement value.</summary>
    public double Value { get; }

    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Threshold(input, ThresholdValue, Value);

    /// <inheritdoc/>
    protected override string ExtraRepresentation() => $"threshold: {ActivationHelpers.Number(ThresholdValue)}, value: {ActivationHelpers.Number(Value)}";
}
