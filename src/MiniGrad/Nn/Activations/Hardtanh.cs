using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad.Nn;

/// <summary>
/// Hardtanh as a module (PyTorch's <c>nn.Hardtanh</c>); see <see cref="Functional.Hardtanh{T}"/> for the formula, derivative,
/// range and kink convention.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Hardtanh<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the module.</summary>
    /// <param name="minVal">The lower bound; PyTorch's default -1.</param>
    /// <param name="maxVal">The upper bound; PyTorch's default 1.</param>
    /// <exception cref="ArgumentException">A parameter is invalid (see <see cref="Functional.Hardtanh{T}"/>).</exception>
    public Hardtanh(double minVal = -1.0, double maxVal = 1.0)
    {
        HardtanhFunction<T>.CheckBounds(minVal, maxVal, "Hardtanh");
        MinVal = minVal;
        MaxVal = maxVal;
    }

    /// <summary>The lower bound.</summary>
    public double MinVal { get; }

    /// <summary>The upper bound.</summary>
    public double MaxVal { get; }

    /// <summary>Applies the activation to <paramref name="input"/>.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Hardtanh(input, MinVal, MaxVal);

    /// <inheritdoc/>
    protected override string ExtraRepresentation() => $"minVal: {ActivationHelpers.Number(MinVal)}, maxVal: {ActivationHelpers.Number(MaxVal)}";
}
