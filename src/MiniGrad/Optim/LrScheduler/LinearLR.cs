using System.Numerics;

namespace MiniGrad.Optim.LrScheduler;

/// <summary>
/// Changes each group's rate linearly from <c>startFactor · baseLr</c> to <c>endFactor · baseLr</c> over
/// <see cref="TotalIters"/> epochs, then keeps it, as PyTorch 1.13's <c>LinearLR</c> (a warm-up).
/// </summary>
/// <remarks>
/// The closed form is <c>lr = baseLr · (s + (e - s) · min(epoch, totalIters) / totalIters)</c>. As PyTorch's
/// <c>step()</c>, the rate is computed recursively:
/// <code>
/// epoch == 0:            lr · s
/// epoch &gt; totalIters:    lr
/// else:                  lr · (1 + (e - s) / (totalIters · s + (epoch - 1) · (e - s)))
/// </code>
/// </remarks>
/// <typeparam name="T">The optimizer's element type.</typeparam>
public sealed class LinearLR<T> : LRScheduler<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Attaches to <paramref name="optimizer"/> and takes the first step.</summary>
    /// <param name="optimizer">The optimizer whose rates are scheduled.</param>
    /// <param name="startFactor">The factor of the first epoch, in (0, 1] (PyTorch 1.13 also takes 0, then divides by zero).</param>
    /// <param name="endFactor">The factor from <paramref name="totalIters"/> on, in [0, 1].</param>
    /// <param name="totalIters">The number of epochs of the change (&gt;= 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A bad argument; the message gives its value.</exception>
    public LinearLR(Optimizer<T> optimizer, double startFactor = 1.0 / 3, double endFactor = 1.0, int totalIters = 5)
        : base(optimizer)
    {
        Require(startFactor > 0 && startFactor <= 1, nameof(startFactor), startFactor, "it must be in (0, 1]");
        Require(endFactor >= 0 && endFactor <= 1, nameof(endFactor), endFactor, "it must be in [0, 1]");
        Require(totalIters >= 0, nameof(totalIters), totalIters, "it must be >= 0");
        StartFactor = startFactor;
        EndFactor = endFactor;
        TotalIters = totalIters;
        InitialStep();
    }

    /// <summary>The factor of the first epoch (PyTorch's <c>start_factor</c>).</summary>
    public double StartFactor { get; }

    /// <summary>The factor from <see cref="TotalIters"/> on (PyTorch's <c>end_factor</c>).</summary>
    public double EndFactor { get; }

    /// <summary>The number of epochs of the change (PyTorch's <c>total_iters</c>).</summary>
    public int TotalIters { get; }

    /// <inheritdoc/>
    protected override double[] ComputeLr(int epoch)
    {
        var lrs = CurrentLrs();
        if (epoch == 0) return lrs.Select(lr => lr * StartFactor).ToArray();
        if (epoch > TotalIters) return lrs;
        return lrs.Select(lr => lr * (1.0 + (EndFactor - StartFactor) /
            (TotalIters * StartFactor + (epoch - 1) * (EndFactor - StartFactor)))).ToArray();
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, double Value)> Hyperparameters() =>
        [("start_factor", StartFactor), ("end_factor", EndFactor), ("total_iters", TotalIters)];
}
