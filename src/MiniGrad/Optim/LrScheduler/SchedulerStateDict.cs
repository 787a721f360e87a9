namespace MiniGrad.Optim.LrScheduler;

/// <summary>
/// A learning-rate scheduler's state, as PyTorch's <c>scheduler.state_dict()</c>, as named numbers (a checkpoint
/// writes them as metadata next to the optimizer's <see cref="OptimizerStateDict{T}"/>).
/// </summary>
/// <remarks>
/// Names, PyTorch's where it has them: <c>last_epoch</c>, <c>step_count</c> (<c>_step_count</c>),
/// <c>base_lrs.{g}</c> and <c>last_lr.{g}</c> for each parameter group g, the scheduler's hyperparameters
/// (<c>step_size</c>, <c>gamma</c>, ...; compared on loading, which refuses other values) and its running state
/// (<see cref="ReduceLROnPlateau{T}"/>: <c>best</c>, <c>num_bad_epochs</c>, <c>cooldown_counter</c>). Flags and
/// modes are numbers (0 or 1; an enum's value).
/// </remarks>
/// <param name="Scheduler">The scheduler's class name (<c>StepLR</c>, ...); loading needs the same.</param>
/// <param name="Values">The numbers by name.</param>
public sealed record SchedulerStateDict(string Scheduler, IReadOnlyDictionary<string, double> Values);
