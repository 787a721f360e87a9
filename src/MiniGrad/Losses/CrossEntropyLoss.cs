using System.Globalization;
using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Cross entropy of logits against class indices or class probabilities, as PyTorch's <c>nn.CrossEntropyLoss</c>
/// (softmax and negative log-likelihood in one, stable for large logits): logits [N, C], [C] or [N, C, d1, ...],
/// optional per-class weight, ignoreIndex and label smoothing. The gradient with respect to the logits is
/// <c>softmax(x) - onehot(target)</c> (divided by N for the mean) in the plain case; see
/// <see cref="Functional.CrossEntropy{T}(Tensor{T}, ReadOnlySpan{int}, Reduction, Tensor{T}, int, double)"/> for the rest.
/// </summary>
public sealed class CrossEntropyLoss
{
    private readonly Tensor<double>? weight;

    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (the default), Sum or None (one loss per sample).</param>
    /// <param name="weight">Optional weight per class, shape [C]; finite, non-negative, held in double (a copy is kept).</param>
    /// <param name="ignoreIndex">A class-index target equal to it contributes nothing (default -100).</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the target becomes <c>(1 - ε)·onehot + ε/C</c> (default 0).</param>
    /// <exception cref="ArgumentException">The weight is not a vector, or requires grad.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative or not finite, labelSmoothing is outside [0, 1], or the reduction is unknown.</exception>
    public CrossEntropyLoss(Reduction reduction = Reduction.Mean, Tensor<double>? weight = null, int ignoreIndex = -100, double labelSmoothing = 0)
    {
        Reduction = LossHelpers.Check(reduction);
        this.weight = LossHelpers.CheckModuleWeight("CrossEntropyLoss", weight, perClass: true);
        IgnoreIndex = ignoreIndex;
        LossHelpers.CheckLabelSmoothing("CrossEntropyLoss", labelSmoothing);
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>How the per-sample losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <summary>The number of classes the weight is for, or null when there is no weight.</summary>
    public int? WeightClasses => weight?.Length;

    /// <summary>The class-index target value that is ignored.</summary>
    public int IgnoreIndex { get; }

    /// <summary>The label smoothing ε.</summary>
    public double LabelSmoothing { get; }

    /// <summary>The loss of <paramref name="logits"/> [N, C] (or [C], [N, C, d1, ...]) against <paramref name="target"/> (class indices in [0, C), row-major).</summary>
    /// <exception cref="ArgumentException">The logits' and the target's shapes do not fit, or the weight is not [C].</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target index is outside [0, C) and not the ignoreIndex.</exception>
    public Tensor<T> Forward<T>(Tensor<T> logits, ReadOnlySpan<int> target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Functional.CrossEntropy(logits, target, Reduction, LossHelpers.WeightAs<T>(weight), IgnoreIndex, LabelSmoothing);

    /// <summary>
    /// The loss against a tensor target: of the logits' exact shape, class probabilities; of any other shape, class
    /// indices held as values (each a whole number in [0, C)), as PyTorch decides.
    /// </summary>
    /// <exception cref="ArgumentException">A target value is not a whole number, or see the other overload.</exception>
    /// <exception cref="ArgumentOutOfRangeException">See the other overload.</exception>
    public Tensor<T> Forward<T>(Tensor<T> logits, Tensor<T> target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Functional.CrossEntropy(logits, target, Reduction, LossHelpers.WeightAs<T>(weight), IgnoreIndex, LabelSmoothing);

    /// <summary>Prints like PyTorch's module: <c>CrossEntropyLoss(reduction: Mean)</c>, with the options that are not the defaults.</summary>
    public override string ToString() =>
        "CrossEntropyLoss(" + (weight is null ? "" : $"weight: {weight.Shape}, ") + (IgnoreIndex == -100 ? "" : $"ignoreIndex: {IgnoreIndex}, ") +
        (LabelSmoothing == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"labelSmoothing: {LabelSmoothing}, ")) + $"reduction: {Reduction})";
}
