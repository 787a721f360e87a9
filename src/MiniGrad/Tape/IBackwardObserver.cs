namespace MiniGrad;

/// <summary>
/// Sees a backward pass step by step (set <see cref="BackwardEngine.Observer"/>); the study tools use it to list the
/// backward pass. Called synchronously, before the step's gradients are passed on, while saved tensors still exist.
/// </summary>
internal interface IBackwardObserver
{
    /// <summary>
    /// A gradient reached <paramref name="tensor"/> (an op's output or a leaf): <paramref name="incoming"/> as it
    /// arrived, <paramref name="afterHooks"/> after the tensor's hooks ran (the same object when no hook replaced it).
    /// </summary>
    void OnGradient(ITensor tensor, ITensor incoming, ITensor afterHooks);

    /// <summary>
    /// <paramref name="entry"/> ran its backward with <paramref name="gradOutput"/> and returned
    /// <paramref name="inputGrads"/> (one per input, null where none was needed).
    /// </summary>
    void OnStep(ITapeEntry entry, ITensor gradOutput, IReadOnlyList<ITensor?> inputGrads);
}
