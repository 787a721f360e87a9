using System.Numerics;

namespace MiniGrad.Optim.LrScheduler;

/// <summary>
/// Multiplies each group's learning rate by <see cref="Gamma"/> at each milestone epoch, as PyTorch 1.13's
/// <c>MultiStepLR</c>: <c>lr = baseLr · γ^(milestones ≤ epoch)</c>, computed recursively (<c>lr · γ^k</c> at an epoch
/// listed k times).
/// </summary>
/// <typeparam name="T">The optimizer's element type.</typeparam>
public sealed class MultiStepLR<T> : LRScheduler<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Dictionary<int, int> counts;

    /// <summary>Attaches to <paramref name="optimizer"/> and takes the first step.</summary>
    /// <param name="optimizer">The optimizer whose rates are scheduled.</param>
    /// <param name="milestones">The epochs at which the rate drops (each &gt;= 1; a repeated one drops it again).</param>
    /// <param name="gamma">The factor (finite, &gt;= 0); default 0.1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bad argument; the message gives its value.</exception>
    public MultiStepLR(Optimizer<T> optimizer, IEnumerable<int> milestones, double gamma = 0.1)
        : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        Milestones = milestones.Order().ToArray();
        foreach (int m in Milestones) Require(m >= 1, nameof(milestones), m, "each milestone must be >= 1");
        Require(gamma >= 0 && double.IsFinite(gamma), nameof(gamma), gamma, "it must be finite and >= 0");
        Gamma = gamma;
        counts = Milestones.GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
        InitialStep();
    }

    /// <summary>The milestones, sorted.</summary>
    public IReadOnlyList<int> Milestones { get; }

    /// <summary>The multiplicative factor γ.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double[] ComputeLr(int epoch) =>
        counts.TryGetValue(epoch, out int k) ? CurrentLrs().Select(lr => lr * Math.Pow(Gamma, k)).ToArray() : CurrentLrs();

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, double Value)> Hyperparameters() =>
        Milestones.Select((m, i) => ($"milestones.{i}", (double)m)).Append(("milestones", Milestones.Count)).Append(("gamma", Gamma));
}
