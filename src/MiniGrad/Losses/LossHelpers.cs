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

    /// <summary>Throws unless the label smoothing is in [0, 1] (PyTorch's check).</summary>
    public static void CheckLabelSmoothing(string loss, double labelSmoothing)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing),
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{loss}: labelSmoothing must be between 0.0 and 1.0, got {labelSmoothing}."));
    }

    /// <summary>True when a tensor of shape <paramref name="from"/> broadcasts to exactly <paramref name="to"/>.</summary>
    public static bool BroadcastsTo(TensorShape from, TensorShape to)
    {
        if (from.Rank > to.Rank) return false;
        for (int i = 1; i <= from.Rank; i++)
            if (from.Dims[^i] != 1 && from.Dims[^i] != to.Dims[^i]) return false;
        return true;
    }

    /// <summary>Class indices held as the values of a tensor (each a whole number that fits an int), row-major.</summary>
    public static int[] ClassIndices<T>(string loss, Tensor<T> target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(target);
        var t = target.ReadOnlySpan;
        var indices = new int[t.Length];
        for (int i = 0; i < t.Length; i++)
        {
            if (!T.IsInteger(t[i]) || t[i] < T.CreateChecked(int.MinValue) || t[i] > T.CreateChecked(int.MaxValue))
                throw new ArgumentException($"{loss}: target element {i} is {t[i]}, not a class index.", nameof(target));
            indices[i] = int.CreateSaturating(t[i]);
        }
        return indices;
    }

    /// <summary>A module's weight (held in double) as a tensor of <typeparamref name="T"/>, or null.</summary>
    public static Tensor<T>? WeightAs<T>(Tensor<double>? weight)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (weight is null) return null;
        if (weight is Tensor<T> same) return same;
        var values = weight.ToArray().Select(T.CreateChecked).ToArray();
        return weight.Rank == 0 ? Tensor<T>.Scalar(values[0]) : Tensor<T>.FromArray(values, weight.Shape.Dims.ToArray());
    }

    /// <summary>Checks a module's weight once, at construction: finite, non-negative, not requiring grad; a copy is kept.</summary>
    public static Tensor<double>? CheckModuleWeight(string loss, Tensor<double>? weight, bool perClass)
    {
        if (weight is null) return null;
        if (perClass && weight.Rank != 1)
            throw new ArgumentException($"{loss}: weight must hold one number per class, shape [C], got shape {weight.Shape}.", nameof(weight));
        ClassTargets<double>.CheckWeightValues(loss, weight);
        return weight.Rank == 0 ? Tensor<double>.Scalar(weight.Item()) : Tensor<double>.FromArray(weight.ToArray(), weight.Shape.Dims.ToArray());
    }
}
