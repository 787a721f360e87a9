namespace MiniGrad;

/// <summary>
/// Collects the tensors created on this thread while a backward pass runs, so that the engine can give their
/// buffers back to the pool when the pass ends: gradients in flight are temporaries the user never holds.
/// </summary>
/// <remarks>
/// The engine opens a collection (<see cref="Begin"/>) only when nothing can leak a temporary to the user (no
/// <c>createGraph</c>, no observer); it stops collecting around code that keeps what it makes (accumulating into
/// <see cref="Tensor{T}.Grad"/>), takes out what <c>Autograd.Grad</c> returns (<see cref="Keep"/>), and abandons the
/// collection when a user hook runs.
/// </remarks>
internal static class TemporaryTensors
{
    // Non-null exactly while collecting: every tensor made reads this one thread-static field (a thread-static access
    // is a runtime call here, and Track runs for every tensor).
    [ThreadStatic] private static ReferenceList<IRecyclable>? collecting;
    [ThreadStatic] private static ReferenceList<IRecyclable>? spare;

    /// <summary>True while tensors made on this thread are being collected.</summary>
    public static bool IsCollecting => collecting is not null;

    /// <summary>Starts collecting; returns false (and collects nothing) if a collection is already open.</summary>
    public static bool Begin()
    {
        if (collecting is not null) return false;
        var list = spare ?? [];
        spare = null;
        collecting = list;
        return true;
    }

    /// <summary>Called by every tensor constructor path: remembers the tensor while collecting.</summary>
    public static void Track(IRecyclable tensor) => collecting?.Add(tensor);

    /// <summary>Takes <paramref name="kept"/> (tensors the caller will hand out) out of the collection, so that <see cref="End"/> leaves them alone.</summary>
    public static void Keep(ReadOnlySpan<IRecyclable?> kept)
    {
        if (collecting is not { } list) return;
        foreach (var t in kept)
            if (t is not null) list.Remove(t);
    }

    /// <summary>Pauses collection; returns what <see cref="Resume"/> needs to take it up again.</summary>
    public static ReferenceList<IRecyclable>? Pause()
    {
        var was = collecting;
        collecting = null;
        return was;
    }

    /// <summary>Resumes collection after <see cref="Pause"/>.</summary>
    public static void Resume(ReferenceList<IRecyclable>? was) => collecting = was;

    /// <summary>Stops collecting; disposes what was collected when <paramref name="dispose"/>, else just forgets it.</summary>
    public static void End(bool dispose)
    {
        var list = collecting;
        collecting = null;
        if (list is null) return;
        if (dispose)
            for (int i = 0; i < list.Count; i++) list[i].Recycle(because: "it was a temporary of a computation that gave its buffers back when it ended (a backward pass or a gradient check)");
        list.Clear();
        spare = list;
    }
}
