using System.Globalization;
using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Huber loss, as PyTorch's <c>nn.HuberLoss</c>: with <c>z = |prediction - target|</c>, <c>0.5 z²</c> below
/// <c>delta</c> and <c>delta (z - 0.5 delta)</c> above, reduced. Quadratic near zero, linear (robust) far away.
/// </summary>
/// <remarks>Shapes must match exactly: MiniGrad refuses to broadcast a loss (PyTorch only warns).</remarks>
public sealed class HuberLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="delta">Where the loss turns from quadratic to linear; positive (default 1).</param>
    /// <param name="reduction">Mean (the default), Sum or None.</param>
    /// <exception cref="ArgumentOutOfRangeException">delta is not positive and finite.</exception>
    public HuberLoss(double delta = 1.0, Reduction reduction = Reduction.Mean)
    {
        if (!(delta > 0) || !double.IsFinite(delta))
            throw new ArgumentOutOfRangeException(nameof(delta), $"HuberLoss: delta must be positive and finite, got {delta}.");
        Delta = delta;
        Reduction = LossHelpers.Check(reduction);
    }

    /// <summary>Where the loss turns from quadratic to linear.</summary>
    public double Delta { get; }

    /// <summary>How the per-element losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <summary>The loss of <paramref name="prediction"/> against <paramref name="target"/>; see <see cref="Functional.HuberLoss{T}"/>.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public Tensor<T> Forward<T>(Tensor<T> prediction, Tensor<T> target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Functional.HuberLoss(prediction, target, Delta, Reduction);

    /// <summary>Prints like PyTorch's module: <c>HuberLoss(delta: 1, reduction: Mean)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"HuberLoss(delta: {Delta}, reduction: {Reduction})");
}
