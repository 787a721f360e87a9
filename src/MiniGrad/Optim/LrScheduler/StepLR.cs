using System.Numerics;

namespace MiniGrad.Optim.LrScheduler;

/// <summary>
/// Multiplies each group's learning rate by <see cref="Gamma"/> every <see cref="StepSize"/> epochs, as PyTorch 1.13's
/// <c>StepLR</c>: <c>lr = baseLr · γ^⌊epoch / stepSize⌋</c>, computed recursively (<c>lr · γ</c> when
/// <c>epoch % stepSize == 0</c>, epoch &gt; 0).
/// </summary>
/// <typeparam name="T">The optimizer's element type.</typeparam>
public sealed class StepLR<T> : LRScheduler<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Attaches to <paramref name="optimizer"/> and takes the first step.</summary>
    /// <param name="optimizer">The optimizer whose rates are scheduled.</param>
    /// <param name="stepSize">The period of the decay, in epochs (&gt;= 1).</param>
    /// <param name="gamma">The factor (finite, &gt;= 0); default 0.1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bad argument; the message gives its value.</exception>
    public StepLR(Optimizer<T> optimizer, int stepSize, double gamma = 0.1)
        : base(optimizer)
    {
        Require(stepSize >= 1, nameof(stepSize), stepSize, "it must be >= 1");
        Require(gamma >= 0 && double.IsFinite(gamma), nameof(gamma), gamma, "it must be finite and >= 0");
        StepSize = stepSize;
        Gamma = gamma;
        InitialStep();
    }

    /// <summary>The period of the decay, in epochs (PyTorch's <c>step_size</c>).</summary>
    public int StepSize { get; }

    /// <summary>The multiplicative factor γ.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double[] ComputeLr(int epoch) =>
        epoch == 0 || epoch % StepSize != 0 ? CurrentLrs() : CurrentLrs().Select(lr => lr * Gamma).ToArray();

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, double Value)> Hyperparameters() => [("step_size", StepSize), ("gamma", Gamma)];
}
