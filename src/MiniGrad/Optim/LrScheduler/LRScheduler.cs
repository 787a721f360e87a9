using System.Globalization;
using System.Numerics;

namespace MiniGrad.Optim.LrScheduler;

/// <summary>
/// The base of the epoch-counting learning-rate schedulers, as PyTorch 1.13's <c>torch.optim.lr_scheduler._LRScheduler</c>:
/// each <see cref="Step"/>, called after <c>optimizer.Step()</c>, advances <see cref="LastEpoch"/> by one and sets
/// every parameter group's <see cref="ParamGroup{T}.LearningRate"/>.
/// </summary>
/// <remarks>
/// <para>As in PyTorch, the constructor takes the first step (epoch 0), so the optimizer's first step already uses
/// the schedule's first rate, and <see cref="BaseLrs"/> are the groups' rates when the first scheduler was attached
/// (PyTorch's <c>initial_lr</c>).</para>
/// <para>The rates are computed as PyTorch's <c>step()</c> without an epoch argument computes them: the chainable
/// (recursive) form, which multiplies each group's current rate; it differs from the closed form in the last bits,
/// and a rate changed by hand between steps carries on. PyTorch's <c>last_epoch</c> and <c>verbose</c> arguments are
/// not taken: resume with <see cref="LoadStateDict"/>.</para>
/// </remarks>
/// <typeparam name="T">The optimizer's element type.</typeparam>
public abstract class LRScheduler<T> : IStatefulScheduler
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private double[] lastLr = [];

    /// <summary>Attaches to <paramref name="optimizer"/>; a subclass constructor calls <see cref="InitialStep"/> last.</summary>
    /// <param name="optimizer">The optimizer whose group rates are scheduled.</param>
    protected LRScheduler(Optimizer<T> optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        foreach (var g in optimizer.ParamGroups) g.InitialLearningRate ??= g.LearningRate;
        BaseLrs = optimizer.ParamGroups.Select(g => g.InitialLearningRate!.Value).ToArray();
    }

    /// <summary>Takes <see cref="BaseLrs"/> again from the groups' <see cref="ParamGroup{T}.InitialLearningRate"/> (after a subclass set them).</summary>
    protected void ResetBaseLrs() => BaseLrs = Optimizer.ParamGroups.Select(g => g.InitialLearningRate!.Value).ToArray();

    /// <summary>The optimizer whose rates this scheduler sets.</summary>
    public Optimizer<T> Optimizer { get; }

    /// <summary>Each group's rate before scheduling (PyTorch's <c>base_lrs</c>).</summary>
    public IReadOnlyList<double> BaseLrs { get; private set; }

    /// <summary>The epoch (step) index of the rates set last; 0 after construction (PyTorch's <c>last_epoch</c>).</summary>
    public int LastEpoch { get; private set; } = -1;

    /// <summary>How many times <see cref="Step"/> ran, the constructor's step included (PyTorch's <c>_step_count</c>).</summary>
    public int StepCount { get; private set; }

    /// <summary>The rates set by the last step, one per group (PyTorch's <c>get_last_lr()</c>).</summary>
    public IReadOnlyList<double> GetLastLr() => lastLr;

    /// <summary>Advances one epoch and sets every group's learning rate (PyTorch's <c>scheduler.step()</c>).</summary>
    /// <exception cref="InvalidOperationException">The schedule has no rate for the next epoch (<see cref="OneCycleLR{T}"/> past its total steps).</exception>
    public void Step()
    {
        int epoch = LastEpoch + 1;
        double[] values = ComputeLr(epoch);
        var groups = Optimizer.ParamGroups;
        foreach (double v in values)
            if (!(v >= 0) || double.IsInfinity(v))
                throw new InvalidOperationException($"{Name}.Step: the schedule gives the learning rate {Format(v)} at epoch {epoch}; no rate was changed.");
        StepCount++;
        LastEpoch = epoch;
        for (int g = 0; g < groups.Count; g++) groups[g].LearningRate = values[g];
        lastLr = groups.Select(g => g.LearningRate).ToArray();
    }

    /// <summary>The constructor's step, to be called at the end of a subclass constructor (PyTorch's <c>_initial_step</c>).</summary>
    protected void InitialStep() => Step();

    /// <summary>
    /// The rates for <paramref name="epoch"/> (the new <see cref="LastEpoch"/>), one per group: PyTorch's <c>get_lr()</c>,
    /// which may read the groups' current rates (<see cref="CurrentLrs"/>) and <see cref="BaseLrs"/>.
    /// </summary>
    /// <param name="epoch">The epoch being entered, 0 on the constructor's step.</param>
    protected abstract double[] ComputeLr(int epoch);

    /// <summary>The groups' current learning rates (PyTorch's <c>group['lr']</c>).</summary>
    protected double[] CurrentLrs() => Optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();

    /// <summary>The scheduler's hyperparameters by name (saved, and compared on loading).</summary>
    protected abstract IEnumerable<(string Name, double Value)> Hyperparameters();

    /// <summary>The scheduler's name in messages and state dicts (the class name).</summary>
    protected string Name
    {
        get
        {
            string n = GetType().Name;
            int tick = n.IndexOf('`');
            return tick < 0 ? n : n[..tick];
        }
    }

    /// <summary>The scheduler's state (PyTorch's <c>state_dict()</c>); see <see cref="SchedulerStateDict"/>.</summary>
    public SchedulerStateDict StateDict()
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["last_epoch"] = LastEpoch,
            ["step_count"] = StepCount,
        };
        for (int g = 0; g < BaseLrs.Count; g++) values[$"base_lrs.{g}"] = BaseLrs[g];
        for (int g = 0; g < lastLr.Length; g++) values[$"last_lr.{g}"] = lastLr[g];
        foreach (var (name, value) in Hyperparameters()) values[name] = value;
        return new SchedulerStateDict(Name, values);
    }

    /// <summary>
    /// Restores a state from <see cref="StateDict"/> (PyTorch's <c>load_state_dict</c>) into a scheduler of the same class
    /// and hyperparameters over an optimizer with as many groups. The groups' rates are not set: they come with the
    /// optimizer's state. Everything is checked first; on an error nothing changes.
    /// </summary>
    /// <param name="stateDict">A state from <see cref="StateDict"/>.</param>
    /// <exception cref="ArgumentException">Another class, other hyperparameters, another number of groups, a missing, unknown or bad number.</exception>
    public void LoadStateDict(SchedulerStateDict stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var v = stateDict.Values ?? throw new ArgumentNullException(nameof(stateDict));
        SchedulerState.CheckClass(Name, stateDict);
        int groups = Optimizer.ParamGroups.Count;
        var expected = new List<string> { "last_epoch", "step_count" };
        for (int g = 0; g < groups; g++) expected.Add($"base_lrs.{g}");
        for (int g = 0; g < groups; g++) expected.Add($"last_lr.{g}");
        SchedulerState.CheckNames(Name, v, expected, Hyperparameters());
        double lastEpoch = v["last_epoch"], stepCount = v["step_count"];
        SchedulerState.CheckWhole(Name, "last_epoch", lastEpoch, -1);
        SchedulerState.CheckWhole(Name, "step_count", stepCount, 0);
        for (int g = 0; g < groups; g++)
        {
            SchedulerState.CheckRate(Name, $"base_lrs.{g}", v[$"base_lrs.{g}"]);
            SchedulerState.CheckRate(Name, $"last_lr.{g}", v[$"last_lr.{g}"]);
        }
        LastEpoch = (int)lastEpoch;
        StepCount = (int)stepCount;
        BaseLrs = Enumerable.Range(0, groups).Select(g => v[$"base_lrs.{g}"]).ToArray();
        lastLr = Enumerable.Range(0, groups).Select(g => v[$"last_lr.{g}"]).ToArray();
    }

    /// <summary>Formats a number for a message (invariant culture, round-trip).</summary>
    protected static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the scheduler, the argument and its value.</summary>
    /// <param name="ok">Whether the value is acceptable.</param>
    /// <param name="name">The argument's name.</param>
    /// <param name="value">Its value.</param>
    /// <param name="rule">What it must be.</param>
    protected void Require(bool ok, string name, double value, string rule)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, $"{Name}: Invalid {name} value: {Format(value)} ({rule}).");
    }
}
