using System.Numerics;

namespace MiniGrad.Data;

/// <summary>
/// Seeded random splits of a dataset into parts (train / validation / test), as
/// <c>torch.utils.data.random_split(dataset, lengths, generator)</c>.
/// </summary>
/// <remarks>
/// The algorithm is PyTorch's: fractions become lengths <c>floor(count * fraction)</c>, the remainder handed out one
/// by one to the parts in turn from the first; then one permutation of all samples
/// (<see cref="Generator.Permutation"/>) is cut into consecutive runs of those lengths. So with
/// <c>Generator.PyTorchCompatible(seed)</c> each part holds the very samples, in the very order, of PyTorch's
/// <c>Subset</c> for <c>torch.Generator().manual_seed(seed)</c>. The parts are copies
/// (<see cref="TensorDataset{T}.Subset"/>), not index views as PyTorch's <c>Subset</c>.
/// </remarks>
public static class DataSplit
{
    /// <summary>
    /// The part lengths PyTorch's <c>random_split</c> gives <paramref name="count"/> samples for
    /// <paramref name="fractions"/>: <c>floor(count * f)</c> each, then the remainder one by one from the first part.
    /// </summary>
    /// <exception cref="ArgumentException">A fraction is outside [0, 1], or they do not sum to 1.</exception>
    public static int[] Lengths(int count, ReadOnlySpan<double> fractions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (fractions.Length == 0)
            throw new ArgumentException("DataSplit: no fractions were given; pass one per part, e.g. [0.8, 0.2].", nameof(fractions));
        double sum = 0;
        for (int i = 0; i < fractions.Length; i++)
        {
            if (!(fractions[i] >= 0 && fractions[i] <= 1))
                throw new ArgumentException($"DataSplit: fraction {fractions[i]} (part {i}) is not between 0 and 1.", nameof(fractions));
            sum += fractions[i];
        }
        // math.isclose(sum, 1) as PyTorch checks, relative tolerance 1e-9.
        if (Math.Abs(sum - 1) > 1e-9)
            throw new ArgumentException(
                $"DataSplit: the fractions [{string.Join(", ", fractions.ToArray())}] sum to {sum}, not 1; give fractions that sum to 1, or lengths that sum to {count}.",
                nameof(fractions));
        var lengths = new int[fractions.Length];
        long assigned = 0;
        for (int i = 0; i < fractions.Length; i++)
        {
            lengths[i] = (int)Math.Floor(count * fractions[i]);
            assigned += lengths[i];
        }
        for (long r = 0; r < count - assigned; r++) lengths[r % lengths.Length]++;
        return lengths;
    }

    /// <summary>
    /// The sample indices of each part: one permutation of <c>0 .. count-1</c> from <paramref name="generator"/>, cut
    /// into runs of <paramref name="lengths"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A length is negative, or they do not sum to <paramref name="count"/>.</exception>
    public static int[][] RandomIndices(int count, ReadOnlySpan<int> lengths, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        long sum = 0;
        foreach (int length in lengths)
        {
            if (length < 0)
                throw new ArgumentException($"DataSplit: length {length} is negative; lengths are sample counts.", nameof(lengths));
            sum += length;
        }
        if (sum != count)
            throw new ArgumentException(
                $"DataSplit: the lengths [{string.Join(", ", lengths.ToArray())}] sum to {sum}, but the dataset has {count} samples; they must sum to {count}.",
                nameof(lengths));
        int[] order = generator.Permutation(count);
        var parts = new int[lengths.Length][];
        int offset = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            parts[i] = order.AsSpan(offset, lengths[i]).ToArray();
            offset += lengths[i];
        }
        return parts;
    }

    /// <summary>The sample indices of each part, for fractions (see <see cref="Lengths"/>).</summary>
    public static int[][] RandomIndices(int count, ReadOnlySpan<double> fractions, Generator generator) =>
        RandomIndices(count, Lengths(count, fractions), generator);

    /// <summary>Splits <paramref name="dataset"/> into parts of <paramref name="fractions"/> of its samples (e.g. [0.7, 0.15, 0.15]).</summary>
    public static TensorDataset<T>[] RandomSplit<T>(TensorDataset<T> dataset, ReadOnlySpan<double> fractions, Generator generator)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return RandomIndices(dataset.Count, fractions, generator).Select(ix => dataset.Subset(ix)).ToArray();
    }

    /// <summary>Splits <paramref name="dataset"/> into parts of <paramref name="lengths"/> samples (summing to its count).</summary>
    public static TensorDataset<T>[] RandomSplit<T>(TensorDataset<T> dataset, ReadOnlySpan<int> lengths, Generator generator)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return RandomIndices(dataset.Count, lengths, generator).Select(ix => dataset.Subset(ix)).ToArray();
    }

    /// <summary>Splits <paramref name="dataset"/> into parts of <paramref name="fractions"/> of its samples (e.g. [0.7, 0.15, 0.15]).</summary>
    public static ClassificationDataset<T>[] RandomSplit<T>(ClassificationDataset<T> dataset, ReadOnlySpan<double> fractions, Generator generator)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return RandomIndices(dataset.Count, fractions, generator).Select(ix => dataset.Subset(ix)).ToArray();
    }

    /// <summary>Splits <paramref name="dataset"/> into parts of <paramref name="lengths"/> samples (summing to its count).</summary>
    public static ClassificationDataset<T>[] RandomSplit<T>(ClassificationDataset<T> dataset, ReadOnlySpan<int> lengths, Generator generator)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return RandomIndices(dataset.Count, lengths, generator).Select(ix => dataset.Subset(ix)).ToArray();
    }
}
