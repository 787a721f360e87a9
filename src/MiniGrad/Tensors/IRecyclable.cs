namespace MiniGrad;

/// <summary>
/// A tensor of either element type that can be disposed with a reason, so that code holding tensors of both types
/// (the per-thread temporaries) can give them back and a later read can say why they are gone.
/// </summary>
internal interface IRecyclable : IDisposable
{
    /// <summary>Disposes the tensor; <paramref name="because"/> completes the sentence "it can no longer be read: ...".</summary>
    void Recycle(string because);
}
