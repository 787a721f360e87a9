using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>What every loss shares: the shape check and the reduction.</summary>
internal static class LossHelpers
{
    /// <summary>Throws unless prediction and target have one shape (no broadcasting: PyTorch only warns, we refuse).</summary>
    public static void CheckSameShape<T>(string loss, Tensor<T> prediction, Tensor<T> target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (prediction.Shape != target.Shape)
            throw new ArgumentException(
                $"{loss}: prediction shape {prediction.Shape} and target shape {target.Shape} differ; they must be equal " +
                "(MiniGrad does not broadcast a loss: reshape the target, e.g. y.Reshape(-1, 1)).");
    }

    /// <summary>
    /// Throws, naming <paramref name="loss"/> and the input's shape, when the mean is asked of no losses (it is
    /// undefined: MiniGrad refuses it rather than return PyTorch's NaN). <paramref name="batch"/>: the loss is per sample
    /// (cross entropy), so the message speaks of an empty batch rather than an empty input.
    /// </summary>
    public static void CheckNotEmptyForMean<T>(string loss, Tensor<T> input, Reduction reduction, bool batch = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(input);
        if (reduction != Reduction.Mean) return;
        if (batch ? input.Rank != 2 || input.Shape[0] != 0 : input.Length != 0) return;
        string what = batch ? $"the batch is empty (logits of shape {input.Shape}): the mean over no samples"
            : $"the input is empty (prediction of shape {input.Shape}): the mean over no elements";
        throw new ArgumentException(
            $"{loss}: {what} is undefined; skip empty batches, or pass Reduction.Sum (0 when empty) or Reduction.None.",
            batch ? "logits" : "prediction");
    }

    /// <summary>Applies <paramref name="reduction"/> to per-element losses.</summary>
    public static Tensor<T> Reduce<T>(Tensor<T> perElement, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => reduction switch
        {
            Reduction.Mean => perElement.Mean(),
            Reduction.Sum => perElement.Sum(),
            Reduction.None => perElement,
            _ => throw new ArgumentOutOfRangeException(nameof(reduction), $"loss: unknown reduction {reduction}; use Mean, Sum or None."),
        };

    /// <summary>Throws for a reduction value outside the enum.</summary>
    public static Reduction Check(Reduction reduction) =>
        Enum.IsDefined(reduction) ? reduction
            : throw new ArgumentOutOfRangeException(nameof(reduction), $"loss: unknown reduction {(int)reduction}; use Mean, Sum or None.");
}
