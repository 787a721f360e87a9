namespace MiniGrad.Checkpoints;

/// <summary>
/// Where a training run stands, saved in a <see cref="TrainingCheckpoint{T}"/> next to the model's and optimizer's
/// state: the epochs done, the metrics so far and free-form notes (a command line's settings, say).
/// </summary>
/// <param name="Epoch">The number of epochs finished (&gt;= 0); a resumed run starts with epoch <c>Epoch + 1</c>.</param>
/// <param name="Metrics">Named series of numbers, such as each epoch's loss; stored exactly (round-trip formatted).</param>
/// <param name="Notes">Named strings the caller wants back (stored under <c>__metadata__</c> as <c>note.{name}</c>).</param>
public sealed record TrainingProgress(int Epoch, IReadOnlyDictionary<string, IReadOnlyList<double>> Metrics, IReadOnlyDictionary<string, string> Notes)
{
    /// <summary>Progress at <paramref name="epoch"/> with no metrics and no notes.</summary>
    /// <param name="epoch">The number of epochs finished.</param>
    public TrainingProgress(int epoch)
        : this(epoch, new Dictionary<string, IReadOnlyList<double>>(), new Dictionary<string, string>())
    {
    }
}
