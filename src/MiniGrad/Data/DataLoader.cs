using System.Collections;

namespace MiniGrad.Data;

/// <summary>
/// Cuts a dataset into batches, as <c>torch.utils.data.DataLoader(dataset, batch_size, shuffle, drop_last=...,
/// generator=...)</c> with one process: <c>foreach (var (x, y) in loader)</c> runs one epoch; each new
/// enumeration is a new epoch.
/// </summary>
/// <remarks>
/// <para>Without shuffling, batch k holds samples <c>[k * BatchSize, (k + 1) * BatchSize)</c> as views of the
/// dataset's tensors (no copy). With shuffling, each epoch draws a new permutation from the generator and a batch is
/// a copy of its rows.</para>
/// <para>The order is PyTorch's: with <c>Generator.PyTorchCompatible(seed)</c> the loader yields the very samples, in
/// the very order, that PyTorch 1.13's <c>DataLoader(ds, batch_size=b, shuffle=True,
/// generator=torch.Generator().manual_seed(seed))</c> yields, epoch after epoch, and leaves the generator in the
/// same state. That is because an epoch draws what PyTorch's draws: when the enumeration starts, one 64-bit value
/// (the base seed PyTorch's iterator hands its worker processes, drawn even with <c>shuffle=False</c> when a
/// generator is given; MiniGrad has no workers and ignores the value), then, when shuffling, <c>randperm(len(dataset))</c> at the first batch
/// (<see cref="Generator.Permutation"/>), and another one, of which nothing is used, when the samples run out (PyTorch's
/// <c>RandomSampler</c> ends that way). An epoch left before its end draws less, as in PyTorch.</para>
/// <para>Shuffling needs an explicit generator: without one PyTorch seeds from its global generator, and MiniGrad has
/// no global generator.</para>
/// </remarks>
/// <typeparam name="TBatch">The dataset's batch, e.g. <c>(Tensor&lt;float&gt; Inputs, int[] Targets)</c>.</typeparam>
public sealed class DataLoader<TBatch> : IEnumerable<TBatch>
{
    /// <summary>A loader of <paramref name="dataset"/> in batches of <paramref name="batchSize"/>.</summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="batchSize">Samples per batch, at least 1; the last batch may be smaller.</param>
    /// <param name="shuffle">Draw a new order each epoch (needs <paramref name="generator"/>).</param>
    /// <param name="dropLast">Leave out the last batch when it is smaller than <paramref name="batchSize"/>.</param>
    /// <param name="generator">The source of the orders; required when shuffling.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="shuffle"/> is true without a generator.</exception>
    public DataLoader(IDataset<TBatch> dataset, int batchSize = 1, bool shuffle = false, bool dropLast = false, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"DataLoader: batchSize must be >= 1, got {batchSize}.");
        if (shuffle && generator is null)
            throw new ArgumentException(
                "DataLoader: shuffle: true needs a generator, so that the order is reproducible: pass generator: new Generator(seed), " +
                "or Generator.PyTorchCompatible(seed) for PyTorch's order.", nameof(generator));
        Dataset = dataset;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        Generator = generator;
    }

    /// <summary>The samples.</summary>
    public IDataset<TBatch> Dataset { get; }

    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>True when each epoch draws a new order.</summary>
    public bool Shuffle { get; }

    /// <summary>True when a last, smaller batch is left out.</summary>
    public bool DropLast { get; }

    /// <summary>The generator the orders come from, if any.</summary>
    public Generator? Generator { get; }

    /// <summary>The number of batches of an epoch (PyTorch's <c>len(loader)</c>).</summary>
    public int Count => DropLast ? Dataset.Count / BatchSize : (int)(((long)Dataset.Count + BatchSize - 1) / BatchSize);

    /// <summary>Starts an epoch: draws what PyTorch's iterator draws at its start (see the remarks of the type).</summary>
    public IEnumerator<TBatch> GetEnumerator()
    {
        Generator?.NextUInt64();
        return Epoch();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // An iterator: nothing runs before the first MoveNext, as PyTorch's sampler draws its permutation at the first batch.
    private IEnumerator<TBatch> Epoch()
    {
        int n = Dataset.Count;
        int[]? order = Shuffle ? Generator!.Permutation(n) : null;
        int batches = Count;
        bool exhausted = false;
        for (int b = 0; b < batches; b++)
        {
            int start = b * BatchSize;
            int size = Math.Min(BatchSize, n - start);
            // PyTorch's batch sampler learns that a smaller last batch is the last only when the sampler runs out.
            if (size < BatchSize) RunOutOfSamples(ref exhausted);
            yield return order is null ? Dataset.Slice(start, size) : Dataset.Gather(order.AsSpan(start, size));
        }
        RunOutOfSamples(ref exhausted);
    }

    /// <summary>
    /// What PyTorch's RandomSampler draws when asked for a sample past its last: its <c>__iter__</c> ends with
    /// <c>yield from torch.randperm(n, generator=generator).tolist()[:num_samples % n]</c>, a whole permutation of
    /// which it yields nothing. Drawn once per epoch run to its end, so later epochs see the generator where
    /// PyTorch's are.
    /// </summary>
    private void RunOutOfSamples(ref bool exhausted)
    {
        if (exhausted || !Shuffle) return;
        exhausted = true;
        Generator!.Permutation(Dataset.Count);
    }
}

/// <summary>Builds a <see cref="DataLoader{TBatch}"/> with its batch type inferred from the dataset.</summary>
public static class DataLoader
{
    /// <summary>
    /// <c>new DataLoader&lt;TBatch&gt;(dataset, ...)</c> without spelling the batch type:
    /// <c>DataLoader.Create(dataset, batchSize: 16, shuffle: true, generator: g)</c>.
    /// </summary>
    /// <inheritdoc cref="DataLoader{TBatch}(IDataset{TBatch}, int, bool, bool, Generator?)"/>
    public static DataLoader<TBatch> Create<TBatch>(IDataset<TBatch> dataset, int batchSize = 1, bool shuffle = false, bool dropLast = false, Generator? generator = null) =>
        new(dataset, batchSize, shuffle, dropLast, generator);
}
