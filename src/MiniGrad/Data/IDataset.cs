namespace MiniGrad.Data;

/// <summary>
/// A dataset a <see cref="DataLoader{TBatch}"/> cuts into batches: <see cref="Count"/> samples along dim 0, read
/// a run of them at a time (<see cref="Slice"/>) or by index (<see cref="Gather"/>).
/// </summary>
/// <remarks>
/// PyTorch's map-style <c>Dataset</c> hands out one sample at a time and <c>default_collate</c> stacks them; MiniGrad's
/// datasets are columns of tensors, so they hand out whole batches: a run of rows as views, chosen rows as one copy.
/// </remarks>
/// <typeparam name="TBatch">What a batch is, e.g. <c>(Tensor&lt;float&gt; Inputs, Tensor&lt;float&gt; Targets)</c>.</typeparam>
public interface IDataset<TBatch>
{
    /// <summary>The number of samples (PyTorch's <c>len(dataset)</c>).</summary>
    int Count { get; }

    /// <summary>Samples <c>[start, start + count)</c>; tensors in the batch are views of the dataset's (no copy).</summary>
    TBatch Slice(int start, int count);

    /// <summary>The samples at <paramref name="indices"/>, in that order, copied into new tensors.</summary>
    TBatch Gather(ReadOnlySpan<int> indices);
}
