using System.Numerics;

namespace MiniGrad.Optim.LrScheduler;

/// <summary>
/// Cosine annealing from each group's base rate to <see cref="EtaMin"/> over <see cref="TMax"/> epochs (and back up,
/// periodically, after), as PyTorch 1.13's <c>CosineAnnealingLR</c> (SGDR without restarts).
/// </summary>
/// <remarks>
/// The closed form is <c>lr = ηmin + (baseLr - ηmin) · (1 + cos(π · epoch / Tmax)) / 2</c>. As PyTorch's
/// <c>step()</c>, the rate is computed recursively from the group's current rate:
/// <code>
/// epoch == 0:                          lr
/// (epoch - 1 - Tmax) % (2 Tmax) == 0:  lr + (baseLr - ηmin) · (1 - cos(π / Tmax)) / 2
/// else:                                (1 + cos(π · epoch / Tmax)) / (1 + cos(π · (epoch - 1) / Tmax)) · (lr - ηmin) + ηmin
/// </code>
/// </remarks>
/// <typeparam name="T">The optimizer's element type.</typeparam>
public sealed class CosineAnnealingLR<T> : LRScheduler<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Attaches to <paramref name="optimizer"/> and takes the first step.</summary>
    /// <param name="optimizer">The optimizer whose rates are scheduled.</param>
    /// <param name="tMax">The number of epochs of the descent (PyTorch's <c>T_max</c>, &gt;= 1).</param>
    /// <param name="etaMin">The lowest rate (PyTorch's <c>eta_min</c>, finite, &gt;= 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A bad argument; the message gives its value.</exception>
    public CosineAnnealingLR(Optimizer<T> optimizer, int tMax, double etaMin = 0)
        : base(optimizer)
    {
        Require(tMax >= 1, nameof(tMax), tMax, "it must be >= 1");
        Require(etaMin >= 0 && double.IsFinite(etaMin), nameof(etaMin), etaMin, "it must be finite and >= 0");
        TMax = tMax;
        EtaMin = etaMin;
        InitialStep();
    }

    /// <summary>The number of epochs from the base rate down to <see cref="EtaMin"/> (PyTorch's <c>T_max</c>).</summary>
    public int TMax { get; }

    /// <summary>The lowest rate (PyTorch's <c>eta_min</c>).</summary>
    public double EtaMin { get; }

    /// <inheritdoc/>
    protected override double[] ComputeLr(int epoch)
    {
        var lrs = CurrentLrs();
        if (epoch == 0) return lrs;
        int period = 2 * TMax;
        if ((((epoch - 1 - TMax) % period) + period) % period == 0) // Python's %: never negative
            return lrs.Select((lr, g) => lr + (BaseLrs[g] - EtaMin) * (1 - Math.Cos(Math.PI / TMax)) / 2).ToArray();
        return lrs.Select(lr => (1 + Math.Cos(Math.PI * epoch / TMax)) / (1 + Math.Cos(Math.PI * (epoch - 1) / TMax)) * (lr - EtaMin) + EtaMin).ToArray();
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, double Value)> Hyperparameters() => [("T_max", TMax), ("eta_min", EtaMin)];
}
