using System.Numerics;

namespace MiniGrad.Optim.LrScheduler;

/// <summary>
/// Multiplies each group's learning rate by <see cref="Gamma"/> every epoch, as PyTorch 1.13's <c>ExponentialLR</c>:
/// <c>lr = baseLr · γ^epoch</c>, computed recursively (<c>lr · γ</c>).
/// </summary>
/// <typeparam name="T">The optimizer's element type.</typeparam>
public sealed class ExponentialLR<T> : LRScheduler<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Attaches to <paramref name="optimizer"/> and takes the first step.</summary>
    /// <param name="optimizer">The optimizer whose rates are scheduled.</param>
    /// <param name="gamma">The factor (finite, &gt;= 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A bad argument; the message gives its value.</exception>
    public ExponentialLR(Optimizer<T> optimizer, double gamma)
        : base(optimizer)
    {
        Require(gamma >= 0 && double.IsFinite(gamma), nameof(gamma), gamma, "it must be finite and >= 0");
        Gamma = gamma;
        InitialStep();
    }

    /// <summary>The multiplicative factor γ.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double[] ComputeLr(int epoch) => epoch == 0 ? CurrentLrs() : CurrentLrs().Select(lr => lr * Gamma).ToArray();

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, double Value)> Hyperparameters() => [("gamma", Gamma)];
}
