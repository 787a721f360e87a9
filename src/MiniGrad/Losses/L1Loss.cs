using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>Mean absolute error, as PyTorch's <c>nn.L1Loss</c>: <c>|prediction - target|</c> reduced.</summary>
/// <remarks>Shapes must match exactly: MiniGrad refuses to broadcast a loss (PyTorch only warns).</remarks>
/// <param name="reduction">Mean (the default), Sum or None.</param>
public sealed class L1Loss(Reduction reduction = Reduction.Mean)
{
    /// <summary>How the per-element losses are combined.</summary>
    public Reduction Reduction { get; } = LossHelpers.Check(reduction);

    /// <summary>The loss of <paramref name="prediction"/> against <paramref name="target"/>; see <see cref="Functional.L1Loss{T}"/>.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public Tensor<T> Forward<T>(Tensor<T> prediction, Tensor<T> target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Functional.L1Loss(prediction, target, Reduction);

    /// <summary>Prints like PyTorch's module: <c>L1Loss(reduction: Mean)</c>.</summary>
    public override string ToString() => $"L1Loss(reduction: {Reduction})";
}
