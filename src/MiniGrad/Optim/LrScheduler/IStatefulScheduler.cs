namespace MiniGrad.Optim.LrScheduler;

/// <summary>
/// A learning-rate scheduler whose state can be saved and restored (PyTorch's <c>state_dict()</c> and
/// <c>load_state_dict()</c>): every <see cref="LRScheduler{T}"/> and <see cref="ReduceLROnPlateau{T}"/>. A training
/// checkpoint holds one whatever its class.
/// </summary>
public interface IStatefulScheduler
{
    /// <summary>The scheduler's state; see <see cref="SchedulerStateDict"/>.</summary>
    SchedulerStateDict StateDict();

    /// <summary>Restores a state from <see cref="StateDict"/>; everything is checked first, and on an error nothing changes.</summary>
    /// <param name="stateDict">A state from <see cref="StateDict"/> of a scheduler of the same class and hyperparameters.</param>
    /// <exception cref="ArgumentException">Another class, other hyperparameters, another number of groups, a missing, unknown or bad number.</exception>
    void LoadStateDict(SchedulerStateDict stateDict);
}
