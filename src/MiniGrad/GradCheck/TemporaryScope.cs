namespace MiniGrad;

/// <summary>
/// Gives the buffers of the tensors a check makes back to the pool, so that a check does not leave a few hundred
/// kilobytes of garbage per call (which costs more than the arithmetic on small inputs).
/// </summary>
/// <remarks>
/// <para>What is given back, and why it cannot reach the user: the tensors made while an evaluation of the numerical
/// side runs (the function is only ever shown perturbed inputs there, and only its outputs are read, as numbers);
/// the tensors made while the checker's own backward passes run (the checker reads the captured gradients as numbers
/// before the scope ends; the engine itself collects a backward pass's temporaries the same way); and, when the check
/// ends, the outputs of the ops recorded on the check's own tape and the scalar constants operators wrapped (what
/// <see cref="Tape.RecycleBuffers"/> gives back in a training loop). The contract for the function under test is
/// the one a training loop already has: keep no tensor made during a call after the call, and no tensor made by
/// backward after backward.</para>
/// <para>Backward passes are not collected when a tensor of the graph has a hook (a hook may keep the gradient it is
/// shown) or a backward observer is set; then the garbage collector takes the temporaries, as before.</para>
/// </remarks>
internal readonly struct TemporaryScope
{
    private readonly bool owns;

    private TemporaryScope(bool owns) => this.owns = owns;

    /// <summary>Starts collecting the tensors made on this thread; collects nothing when <paramref name="allowed"/> is false or a collection is already open.</summary>
    public static TemporaryScope Begin(bool allowed = true) => new(allowed && TemporaryTensors.Begin());

    /// <summary>Ends the collection: gives the buffers back when <paramref name="completed"/>, else (an exception is
    /// on its way, and anything may still be referenced) just forgets them.</summary>
    public void End(bool completed)
    {
        if (owns) TemporaryTensors.End(dispose: completed);
    }
}
