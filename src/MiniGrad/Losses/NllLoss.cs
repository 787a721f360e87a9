using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Negative log-likelihood of log-probabilities against class indices, as PyTorch's <c>nn.NLLLoss</c>: per element
/// <c>-w[t]·input[t]</c> (0 where ignored), reduced; see <see cref="Functional.NllLoss{T}"/> for shapes, the mean's divisor
/// and the derivative. Fed by <see cref="LogSoftmax{T}"/>, it is <see cref="CrossEntropyLoss"/>.
/// </summary>
public sealed class NllLoss
{
    private readonly Tensor<double>? weight;

    /// <summary>Creates the loss.</summary>
    /// <param name="weight">Optional weight per class, shape [C]; finite, non-negative, held in double (a copy is kept).</param>
    /// <param name="ignoreIndex">A target equal to it contributes nothing (default -100).</param>
    /// <param name="reduction">Mean (the default), Sum or None.</param>
    /// <exception cref="ArgumentException">The weight is not a vector, or requires grad.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative or not finite, or the reduction is unknown.</exception>
    public NllLoss(Tensor<double>? weight = null, int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
    {
        this.weight = LossHelpers.CheckModuleWeight("NllLoss", weight, perClass: true);
        IgnoreIndex = ignoreIndex;
        Reduction = LossHelpers.Check(reduction);
    }

    /// <summary>The number of classes the weight is for, or null when there is no weight.</summary>
    public int? WeightClasses => weight?.Length;

    /// <summary>The target value that is ignored.</summary>
    public int IgnoreIndex { get; }

    /// <summary>How the per-element losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <summary>The loss of <paramref name="input"/> (log-probabilities) against <paramref name="target"/>; see <see cref="Functional.NllLoss{T}"/>.</summary>
    /// <exception cref="ArgumentException">The shapes do not fit, or the weight is not [C].</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target index is outside [0, C) and not the ignoreIndex.</exception>
    public Tensor<T> Forward<T>(Tensor<T> input, ReadOnlySpan<int> target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Functional.NllLoss(input, target, LossHelpers.WeightAs<T>(weight), IgnoreIndex, Reduction);

    /// <summary>The loss against class indices held as the values of a tensor (whole numbers, row-major).</summary>
    /// <exception cref="ArgumentException">A target value is not a whole number, or see the other overload.</exception>
    /// <exception cref="ArgumentOutOfRangeException">See the other overload.</exception>
    public Tensor<T> Forward<T>(Tensor<T> input, Tensor<T> target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Forward(input, LossHelpers.ClassIndices("NllLoss", target));

    /// <summary>Prints like PyTorch's module: <c>NllLoss(reduction: Mean)</c>, with the options that are not the defaults.</summary>
    public override string ToString() =>
        "NllLoss(" + (weight is null ? "" : $"weight: {weight.Shape}, ") + (IgnoreIndex == -100 ? "" : $"ignoreIndex: {IgnoreIndex}, ") +
        $"reduction: {Reduction})";
}
