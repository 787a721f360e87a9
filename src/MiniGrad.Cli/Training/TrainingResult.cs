namespace MiniGrad.Cli.Training;

/// <summary>What one training run produced.</summary>
/// <param name="Activation">The activation's display name.</param>
/// <param name="Architecture">The layer sizes, e.g. <c>10-18-18-4-1</c>.</param>
/// <param name="InitialLoss">The loss over the whole data set before training.</param>
/// <param name="EpochLosses">The loss of each epoch's last mini-batch (what the tutorial prints).</param>
/// <param name="FinalLoss">The loss over the whole data set after training.</param>
/// <param name="FinalAccuracy">The fraction of samples classified correctly (classification tasks), else null.</param>
/// <param name="DeadUnitFraction">For ReLU-like activations, the fraction of hidden units whose input is &lt;= 0 on every sample; else null.</param>
/// <param name="Elapsed">The wall-clock time of the training loop.</param>
public sealed record TrainingResult(
    string Activation,
    string Architecture,
    double InitialLoss,
    IReadOnlyList<double> EpochLosses,
    double FinalLoss,
    double? FinalAccuracy,
    double? DeadUnitFraction,
    TimeSpan Elapsed)
{
    /// <summary>The trained network with its description (saved when <see cref="TrainingOptions.SavePath"/> is set).</summary>
    public TrainedModel? Trained { get; init; }
}

/// <summary>One finished epoch, reported while training runs.</summary>
/// <param name="Epoch">The epoch number, from 1.</param>
/// <param name="Epochs">The number of epochs.</param>
/// <param name="Loss">The loss of the epoch's last mini-batch.</param>
/// <param name="Accuracy">The accuracy over the data set after the epoch (classification), else null.</param>
/// <param name="Health">Per-layer gradient norms and dead / saturated units when diagnosing (<c>--diagnose</c>), else null.</param>
public readonly record struct EpochReport(int Epoch, int Epochs, double Loss, double? Accuracy, MiniGrad.Study.EpochHealth? Health = null);
