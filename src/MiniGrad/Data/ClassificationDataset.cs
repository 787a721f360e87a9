using System.Numerics;

namespace MiniGrad.Data;

/// <summary>
/// Inputs paired with class indices along dim 0: sample i is <c>(inputs[i], targets[i])</c>, the target an
/// <c>int</c> in <c>[0, ClassNames.Count)</c>, as <c>F.CrossEntropy</c> takes it. PyTorch's counterpart is a
/// <c>TensorDataset(inputs, labels)</c> with an int64 label tensor; MiniGrad tensors hold floats only, so class
/// indices are kept as <c>int</c>s, with the names of the classes beside them.
/// </summary>
/// <remarks>The dataset holds the given input tensor itself (batches without shuffling are views of it) and a copy
/// of the targets. A batch's targets are a new <c>int[]</c> (a few bytes per sample).</remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class ClassificationDataset<T> : IDataset<(Tensor<T> Inputs, int[] Targets)>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int[] targets;

    /// <summary>Pairs <paramref name="inputs"/> [N, ...] with the class indices <paramref name="targets"/> (N of them).</summary>
    /// <param name="inputs">The inputs, samples along dim 0.</param>
    /// <param name="targets">One class index per sample, each in <c>[0, number of classes)</c>; copied.</param>
    /// <param name="classNames">The name of each class, index by index; when null, "0", "1", ... up to the
    /// largest target.</param>
    /// <param name="featureNames">Optional names of the input columns; empty when not given.</param>
    /// <exception cref="ArgumentException">The inputs have rank 0, the counts disagree, or a target is out of range.</exception>
    public ClassificationDataset(Tensor<T> inputs, ReadOnlySpan<int> targets, IReadOnlyList<string>? classNames = null,
        IReadOnlyList<string>? featureNames = null)
    {
        Rows.CheckHasRows(inputs, "ClassificationDataset", nameof(inputs));
        if (inputs.Shape[0] != targets.Length)
            throw new ArgumentException(
                $"ClassificationDataset: inputs of shape {inputs.Shape} hold {inputs.Shape[0]} samples but {targets.Length} targets were given: one class index per sample.",
                nameof(targets));
        int classCount = classNames?.Count ?? (targets.Length == 0 ? 0 : Max(targets) + 1);
        for (int i = 0; i < targets.Length; i++)
        {
            if ((uint)targets[i] >= (uint)classCount)
                throw new ArgumentException(
                    $"ClassificationDataset: target {targets[i]} of sample {i} is not a class index in [0, {classCount})" +
                    (classNames is null ? " (class indices cannot be negative)." : $" ({classCount} class names were given)."),
                    nameof(targets));
        }
        Inputs = inputs;
        this.targets = targets.ToArray();
        ClassNames = classNames?.ToArray() ?? Enumerable.Range(0, classCount).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        FeatureNames = featureNames?.ToArray() ?? [];
    }

    /// <summary>The inputs, samples along dim 0.</summary>
    public Tensor<T> Inputs { get; }

    /// <summary>The class index of each sample.</summary>
    public ReadOnlySpan<int> Targets => targets;

    /// <summary>The name of each class: <c>ClassNames[target]</c> names a sample's class.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The names of the input columns, or empty when unknown.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <inheritdoc/>
    public int Count => targets.Length;

    /// <summary>How many samples each class has, index by index.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassNames.Count];
        foreach (int t in targets) counts[t]++;
        return counts;
    }

    /// <inheritdoc/>
    public (Tensor<T> Inputs, int[] Targets) Slice(int start, int count)
    {
        Rows.CheckRange(start, count, Count, "ClassificationDataset.Slice");
        return (Inputs.SliceRows(start, count), targets.AsSpan(start, count).ToArray());
    }

    /// <inheritdoc/>
    public (Tensor<T> Inputs, int[] Targets) Gather(ReadOnlySpan<int> indices)
    {
        var inputs = Rows.Gather(Inputs, indices, "ClassificationDataset.Gather");
        var chosen = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++) chosen[i] = targets[indices[i]]; // indices were checked by the gather
        return (inputs, chosen);
    }

    /// <summary>A new dataset of the samples at <paramref name="indices"/>, in that order (copies), with the same
    /// class and feature names.</summary>
    public ClassificationDataset<T> Subset(ReadOnlySpan<int> indices)
    {
        var (inputs, chosen) = Gather(indices);
        return new ClassificationDataset<T>(inputs, chosen, ClassNames, FeatureNames);
    }

    /// <summary>The same targets and names with other inputs (standardized ones, say); the sample counts must agree.</summary>
    public ClassificationDataset<T> WithInputs(Tensor<T> inputs) => new(inputs, targets, ClassNames, FeatureNames);

    private static int Max(ReadOnlySpan<int> values)
    {
        int max = int.MinValue;
        foreach (int v in values) max = Math.Max(max, v);
        return max;
    }
}
