using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Binary cross entropy of probabilities, as PyTorch's <c>nn.BCELoss</c>: per element
/// <c>-w·(t·log x + (1 - t)·log(1 - x))</c>, each log clamped at -100, reduced; see
/// <see cref="Functional.BinaryCrossEntropy{T}"/> for the derivatives. For logits use <see cref="BceWithLogitsLoss"/>.
/// </summary>
/// <remarks>Shapes must match exactly: MiniGrad refuses to broadcast a loss (PyTorch only warns); the weight broadcasts to them.</remarks>
public sealed class BceLoss
{
    private readonly Tensor<double>? weight;

    /// <summary>Creates the loss.</summary>
    /// <param name="weight">Optional weight, broadcast to the input's shape; finite, non-negative, held in double (a copy is kept).</param>
    /// <param name="reduction">Mean (the default), Sum or None.</param>
    /// <exception cref="ArgumentException">The weight requires grad.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative or not finite, or the reduction is unknown.</exception>
    public BceLoss(Tensor<double>? weight = null, Reduction reduction = Reduction.Mean)
    {
        this.weight = LossHelpers.CheckModuleWeight("BceLoss", weight, perClass: false);
        Reduction = LossHelpers.Check(reduction);
    }

    /// <summary>The weight's shape, or null when there is none.</summary>
    public TensorShape? WeightShape => weight?.Shape;

    /// <summary>How the per-element losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <summary>The loss of <paramref name="prediction"/> (probabilities) against <paramref name="target"/>; see <see cref="Functional.BinaryCrossEntropy{T}"/>.</summary>
    /// <exception cref="ArgumentException">The shapes differ, or the weight does not broadcast to them.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A prediction is outside [0, 1].</exception>
    public Tensor<T> Forward<T>(Tensor<T> prediction, Tensor<T> target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Functional.BinaryCrossEntropy(prediction, target, LossHelpers.WeightAs<T>(weight), Reduction);

    /// <summary>Prints like PyTorch's module: <c>BceLoss(reduction: Mean)</c>, with the weight's shape when there is one.</summary>
    public override string ToString() =>
        weight is null ? $"BceLoss(reduction: {Reduction})" : $"BceLoss(weight: {weight.Shape}, reduction: {Reduction})";
}
