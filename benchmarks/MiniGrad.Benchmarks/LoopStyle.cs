namespace MiniGrad.Benchmarks;

/// <summary>How a benchmark's training loop is written: as users write it, or with every speed switch on.</summary>
public enum LoopStyle
{
    /// <summary>
    /// The loop exactly as <c>examples/Tutorial003/Tutorial003Training.cs</c> writes it: <c>optimizer.ZeroGrad()</c>
    /// with its default arguments, forward, loss, <c>Backward</c>, <c>Step</c>; no <c>Tape.RecycleBuffers</c>, no
    /// <c>using</c>. This is the speed a user who knows no switch gets.
    /// </summary>
    Plain,

    /// <summary>
    /// The loop with the switches on: <c>Tape.RecycleBuffers</c>, the loss disposed (<c>using</c>), and
    /// <c>ZeroGrad(setToNone: false)</c> (gradients zeroed in place, as PyTorch 1.13's <c>zero_grad()</c>).
    /// </summary>
    Tuned,
}
