namespace MiniGrad;

/// <summary>
/// Collects the tensors created on this thread while a backward pass runs, so that the engine can give their
/// buffers back to the pool when the pass ends: gradients in flight are temporaries the user never holds.
/// </summary>
/// <remarks>
/// Only the engine opens a collection (<see cref="Begin"/>), and only when nothing can leak a temporary to the user
/// (no <c>createGraph</c>, no <c>Autograd.Grad</c> capture); it stops collecting around code that keeps what it
/// makes (accumulating into <see cref="Tensor{T}.Grad"/>) and abandons the collection when a user hook runs.
/// </remarks>
internal static class TemporaryTensors
{
    [ThreadStatic] private static List<IDisposable>? collected;
    [ThreadStatic] private static bool active;

    /// <summary>True while tensors made on this thread are being collected.</summary>
    public static bool IsCollecting => active;

    /// <summary>Starts collecting; returns false (and collects nothing) if a collection is already open.</summary>
    public static bool Begin()
    {
        if (active) return false;
        (collected ??= []).Clear();
        active = true;
        return true;
    }

    /// <summary>Called by every tensor constructor path: remembers the tensor while collecting.</summary>
    public static void Track(IDisposable tensor)
    {
        if (active) collected!.Add(tensor);
    }

    /// <summary>Pauses collection (returns whether it was on, for <see cref="Resume"/>).</summary>
    public static bool Pause()
    {
        bool was = active;
        active = false;
        return was;
    }

    /// <summary>Resumes collection after <see cref="Pause"/>.</summary>
    public static void Resume(bool was) => active = was;

    /// <summary>Stops collecting; disposes what was collected when <paramref name="dispose"/>, else just forgets it.</summary>
    public static void End(bool dispose)
    {
        active = false;
        var list = collected!;
        if (dispose)
            foreach (var t in list) t.Dispose();
        list.Clear();
    }
}
