using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>Binary cross entropy on logits, as PyTorch's <c>nn.BCEWithLogitsLoss</c>: per element <c>max(x, 0) - x·y + log(1 + exp(-|x|))</c>, reduced; stable for any logit.</summary>
/// <remarks>Shapes must match exactly: MiniGrad refuses to broadcast a loss (PyTorch only warns).</remarks>
/// <param name="reduction">Mean (the default), Sum or None.</param>
public sealed class BceWithLogitsLoss(Reduction reduction = Reduction.Mean)
{
    /// <summary>How the per-element losses are combined.</summary>
    public Reduction Reduction { get; } = LossHelpers.Check(reduction);

    /// <summary>The loss of <paramref name="prediction"/> against <paramref name="target"/>; see <see cref="Functional.BinaryCrossEntropyWithLogits{T}"/>.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public Tensor<T> Forward<T>(Tensor<T> prediction, Tensor<T> target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Functional.BinaryCrossEntropyWithLogits(prediction, target, Reduction);

    /// <summary>Prints like PyTorch's module: <c>BceWithLogitsLoss(reduction: Mean)</c>.</summary>
    public override string ToString() => $"BceWithLogitsLoss(reduction: {Reduction})";
}
