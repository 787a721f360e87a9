using System.Numerics;

namespace MiniGrad.Data;

/// <summary>
/// Inputs and tensor targets paired along dim 0, as <c>torch.utils.data.TensorDataset(inputs, targets)</c>: sample i
/// is <c>(inputs[i], targets[i])</c>. Regression targets, or any other per-sample tensor; for class indices use
/// <see cref="ClassificationDataset{T}"/>, whose targets are <c>int</c>s as cross entropy takes them.
/// </summary>
/// <remarks>The dataset holds the given tensors themselves, not copies: batches of a
/// <see cref="DataLoader{TBatch}"/> without shuffling are views of them, so do not dispose them while in use.</remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class TensorDataset<T> : IDataset<(Tensor<T> Inputs, Tensor<T> Targets)>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Pairs <paramref name="inputs"/> [N, ...] with <paramref name="targets"/> [N, ...].</summary>
    /// <param name="inputs">The inputs, samples along dim 0.</param>
    /// <param name="targets">The targets, samples along dim 0 (e.g. [N] or [N, 1] for one value per sample).</param>
    /// <param name="featureNames">Optional names of the input columns (a CSV's header); empty when not given.</param>
    /// <exception cref="ArgumentException">A tensor has rank 0, or the two disagree on the number of samples.</exception>
    public TensorDataset(Tensor<T> inputs, Tensor<T> targets, IReadOnlyList<string>? featureNames = null)
    {
        Rows.CheckHasRows(inputs, "TensorDataset", nameof(inputs));
        Rows.CheckHasRows(targets, "TensorDataset", nameof(targets));
        if (inputs.Shape[0] != targets.Shape[0])
            throw new ArgumentException(
                $"TensorDataset: inputs of shape {inputs.Shape} hold {inputs.Shape[0]} samples but targets of shape {targets.Shape} hold {targets.Shape[0]}: both need the same size along dim 0.",
                nameof(targets));
        Inputs = inputs;
        Targets = targets;
        FeatureNames = featureNames?.ToArray() ?? [];
    }

    /// <summary>The inputs, samples along dim 0.</summary>
    public Tensor<T> Inputs { get; }

    /// <summary>The targets, samples along dim 0.</summary>
    public Tensor<T> Targets { get; }

    /// <summary>The names of the input columns, or empty when unknown.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <inheritdoc/>
    public int Count => Inputs.Shape[0];

    /// <inheritdoc/>
    public (Tensor<T> Inputs, Tensor<T> Targets) Slice(int start, int count)
    {
        Rows.CheckRange(start, count, Count, "TensorDataset.Slice");
        return (Inputs.SliceRows(start, count), Targets.SliceRows(start, count));
    }

    /// <inheritdoc/>
    public (Tensor<T> Inputs, Tensor<T> Targets) Gather(ReadOnlySpan<int> indices) =>
        (Rows.Gather(Inputs, indices, "TensorDataset.Gather"), Rows.Gather(Targets, indices, "TensorDataset.Gather"));

    /// <summary>A new dataset of the samples at <paramref name="indices"/>, in that order (copies), as
    /// <c>torch.utils.data.Subset</c> but materialised.</summary>
    public TensorDataset<T> Subset(ReadOnlySpan<int> indices)
    {
        var (inputs, targets) = Gather(indices);
        return new TensorDataset<T>(inputs, targets, FeatureNames);
    }

    /// <summary>The same targets with other inputs (standardized ones, say); the sample counts must agree.</summary>
    public TensorDataset<T> WithInputs(Tensor<T> inputs) => new(inputs, Targets, FeatureNames);
}
