using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>Mean squared error, as PyTorch's <c>nn.MSELoss</c>: <c>(prediction - target)²</c> reduced.</summary>
/// <remarks>Shapes must match exactly: MiniGrad refuses to broadcast a loss (PyTorch only warns).</remarks>
/// <param name="reduction">Mean (the default), Sum or None.</param>
public sealed class MseLoss(Reduction reduction = Reduction.Mean)
{
    /// <summary>How the per-element losses are combined.</summary>
    public Reduction Reduction { get; } = LossHelpers.Check(reduction);

    /// <summary>The loss of <paramref name="prediction"/> against <paramref name="target"/>; see <see cref="Functional.MseLoss{T}"/>.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public Tensor<T> Forward<T>(Tensor<T> prediction, Tensor<T> target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Functional.MseLoss(prediction, target, Reduction);

    /// <summary>Prints like PyTorch's module: <c>MseLoss(reduction: Mean)</c>.</summary>
    public override string ToString() => $"MseLoss(reduction: {Reduction})";
}
