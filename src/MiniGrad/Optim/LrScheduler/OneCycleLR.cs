using System.Numerics;

namespace MiniGrad.Optim.LrScheduler;

/// <summary>How <see cref="OneCycleLR{T}"/> moves between two rates (PyTorch's <c>anneal_strategy</c>).</summary>
public enum AnnealStrategy
{
    /// <summary>Cosine: <c>end + (start - end) / 2 · (cos(π · pct) + 1)</c> (PyTorch's <c>'cos'</c>, the default).</summary>
    Cos,

    /// <summary>Linear: <c>(end - start) · pct + start</c> (PyTorch's <c>'linear'</c>).</summary>
    Linear,
}

/// <summary>
/// The 1cycle policy (Smith and Topin, 2017), as PyTorch 1.13's <c>OneCycleLR</c> with <c>cycle_momentum=False</c>:
/// the rate rises from <c>maxLr / divFactor</c> to <c>maxLr</c> over the first <c>pctStart</c> of
/// <see cref="TotalSteps"/>, then falls to <c>maxLr / divFactor / finalDivFactor</c>; call <see cref="LRScheduler{T}.Step"/>
/// after every batch.
/// </summary>
/// <remarks>
/// <para>Phases (step s, from 0), each annealed from its start rate to its end rate with pct = (s - start) / (end - start):</para>
/// <code>
/// two phases:   [0, pctStart·N - 1]  initial → max;   [.., N - 1]  max → min
/// three phases: [0, pctStart·N - 1]  initial → max;   [.., 2·pctStart·N - 2]  max → initial;   [.., N - 1]  initial → min
/// initial = maxLr / divFactor,  min = initial / finalDivFactor
/// </code>
/// <para>Departure from PyTorch: momentum is not cycled. PyTorch's default <c>cycle_momentum=True</c> also moves SGD's
/// momentum or Adam's β1 between 0.95 and 0.85 inversely to the rate; MiniGrad's momentum and betas are fixed per
/// optimizer, so this scheduler equals PyTorch's with <c>cycle_momentum=False</c>. Second departure: PyTorch lets the
/// <see cref="TotalSteps"/>-th step (the one after the last step of the cycle, whose rate no optimizer step uses in a
/// loop of <see cref="TotalSteps"/> iterations) extrapolate, which with linear annealing gives a negative rate; here
/// that rate is 0. One more step throws, as in PyTorch. The base rates (the groups'
/// <see cref="ParamGroup{T}.InitialLearningRate"/>) are set to <c>maxLr / divFactor</c>, as PyTorch sets
/// <c>initial_lr</c>.</para>
/// </remarks>
/// <typeparam name="T">The optimizer's element type.</typeparam>
public sealed class OneCycleLR<T> : LRScheduler<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly (double EndStep, int Start, int End)[] phases; // rates: 0 initial, 1 max, 2 min
    private readonly double[][] rates;

    /// <summary>Attaches to <paramref name="optimizer"/> with one peak rate for every group, and takes the first step.</summary>
    /// <param name="optimizer">The optimizer whose rates are scheduled.</param>
    /// <param name="maxLr">The peak rate (finite, &gt;= 0).</param>
    /// <param name="totalSteps">The number of steps of the cycle (&gt;= 1).</param>
    /// <param name="pctStart">The fraction of the cycle spent rising, in [0, 1]; default 0.3.</param>
    /// <param name="annealStrategy">Cosine (default) or linear.</param>
    /// <param name="divFactor">initial = maxLr / divFactor (&gt; 0); default 25.</param>
    /// <param name="finalDivFactor">min = initial / finalDivFactor (&gt; 0); default 1e4.</param>
    /// <param name="threePhase">Fall back to the initial rate before the final fall, as fast.ai does.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bad argument; the message gives its value.</exception>
    public OneCycleLR(Optimizer<T> optimizer, double maxLr, int totalSteps, double pctStart = 0.3,
        AnnealStrategy annealStrategy = AnnealStrategy.Cos, double divFactor = 25, double finalDivFactor = 1e4, bool threePhase = false)
        : this(optimizer, Enumerable.Repeat(maxLr, optimizer?.ParamGroups.Count ?? 0).ToArray(), totalSteps, pctStart, annealStrategy,
            divFactor, finalDivFactor, threePhase)
    {
    }

    /// <summary>Attaches to <paramref name="optimizer"/> with a peak rate per group, and takes the first step.</summary>
    /// <param name="optimizer">The optimizer whose rates are scheduled.</param>
    /// <param name="maxLrs">The peak rate of each group (finite, &gt;= 0), as many as groups.</param>
    /// <param name="totalSteps">The number of steps of the cycle (&gt;= 1).</param>
    /// <param name="pctStart">The fraction of the cycle spent rising, in [0, 1]; default 0.3.</param>
    /// <param name="annealStrategy">Cosine (default) or linear.</param>
    /// <param name="divFactor">initial = maxLr / divFactor (&gt; 0); default 25.</param>
    /// <param name="finalDivFactor">min = initial / finalDivFactor (&gt; 0); default 1e4.</param>
    /// <param name="threePhase">Fall back to the initial rate before the final fall, as fast.ai does.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bad argument; the message gives its value.</exception>
    /// <exception cref="ArgumentException">Not one peak rate per group.</exception>
    public OneCycleLR(Optimizer<T> optimizer, IReadOnlyList<double> maxLrs, int totalSteps, double pctStart = 0.3,
        AnnealStrategy annealStrategy = AnnealStrategy.Cos, double divFactor = 25, double finalDivFactor = 1e4, bool threePhase = false)
        : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(maxLrs);
        if (maxLrs.Count != optimizer.ParamGroups.Count)
            throw new ArgumentException($"OneCycleLR: expected {optimizer.ParamGroups.Count} values for maxLr, got {maxLrs.Count}.", nameof(maxLrs));
        foreach (double m in maxLrs) Require(m >= 0 && double.IsFinite(m), "maxLr", m, "it must be finite and >= 0");
        Require(totalSteps >= 1, nameof(totalSteps), totalSteps, "it must be a positive integer");
        Require(pctStart >= 0 && pctStart <= 1, nameof(pctStart), pctStart, "it must be in [0, 1]");
        Require(divFactor > 0 && double.IsFinite(divFactor), nameof(divFactor), divFactor, "it must be finite and > 0");
        Require(finalDivFactor > 0 && double.IsFinite(finalDivFactor), nameof(finalDivFactor), finalDivFactor, "it must be finite and > 0");
        Require(Enum.IsDefined(annealStrategy), nameof(annealStrategy), (int)annealStrategy, "it must be Cos or Linear");
        MaxLrs = maxLrs.ToArray();
        TotalSteps = totalSteps;
        PctStart = pctStart;
        AnnealStrategy = annealStrategy;
        DivFactor = divFactor;
        FinalDivFactor = finalDivFactor;
        ThreePhase = threePhase;
        phases = threePhase
            ? [((double)(pctStart * totalSteps) - 1, 0, 1), ((double)(2 * pctStart * totalSteps) - 2, 1, 0), (totalSteps - 1, 0, 2)]
            : [((double)(pctStart * totalSteps) - 1, 0, 1), (totalSteps - 1, 1, 2)];
        rates = new double[optimizer.ParamGroups.Count][];
        for (int g = 0; g < rates.Length; g++)
        {
            double initial = MaxLrs[g] / divFactor;
            rates[g] = [initial, MaxLrs[g], initial / finalDivFactor];
            optimizer.ParamGroups[g].InitialLearningRate = initial;
        }
        ResetBaseLrs();
        InitialStep();
    }

    /// <summary>Each group's peak rate (PyTorch's <c>max_lr</c>).</summary>
    public IReadOnlyList<double> MaxLrs { get; }

    /// <summary>The number of steps of the cycle (PyTorch's <c>total_steps</c>).</summary>
    public int TotalSteps { get; }

    /// <summary>The fraction of the cycle spent rising (PyTorch's <c>pct_start</c>).</summary>
    public double PctStart { get; }

    /// <summary>Cosine or linear (PyTorch's <c>anneal_strategy</c>).</summary>
    public AnnealStrategy AnnealStrategy { get; }

    /// <summary>initial = maxLr / divFactor (PyTorch's <c>div_factor</c>).</summary>
    public double DivFactor { get; }

    /// <summary>min = initial / finalDivFactor (PyTorch's <c>final_div_factor</c>).</summary>
    public double FinalDivFactor { get; }

    /// <summary>Whether the cycle has three phases (PyTorch's <c>three_phase</c>).</summary>
    public bool ThreePhase { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Stepped more than <see cref="TotalSteps"/> times.</exception>
    protected override double[] ComputeLr(int epoch)
    {
        if (epoch > TotalSteps)
            throw new InvalidOperationException($"OneCycleLR: Tried to step {epoch + 1} times. The specified number of total steps is {TotalSteps}.");
        var lrs = new double[rates.Length];
        for (int g = 0; g < rates.Length; g++)
        {
            double startStep = 0;
            for (int i = 0; i < phases.Length; i++)
            {
                var (endStep, start, end) = phases[i];
                if (epoch <= endStep || i == phases.Length - 1)
                {
                    double pct = (epoch - startStep) / (endStep - startStep);
                    // Past the cycle (epoch == TotalSteps, the step after the last) linear annealing goes below 0 in
                    // PyTorch; a MiniGrad rate cannot be negative, so that rate is 0.
                    lrs[g] = Math.Max(Anneal(rates[g][start], rates[g][end], pct), 0.0);
                    break;
                }
                startStep = endStep;
            }
        }
        return lrs;
    }

    private double Anneal(double start, double end, double pct) => AnnealStrategy == AnnealStrategy.Cos
        ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1)
        : (end - start) * pct + start;

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, double Value)> Hyperparameters() =>
        MaxLrs.Select((m, g) => ($"max_lr.{g}", m)).Concat([("total_steps", TotalSteps), ("pct_start", PctStart),
            ("anneal_strategy", (double)AnnealStrategy), ("div_factor", DivFactor), ("final_div_factor", FinalDivFactor),
            ("three_phase", ThreePhase ? 1 : 0)]);
}
