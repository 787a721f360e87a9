using System.Runtime.CompilerServices;

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
    // The open collection, non-null exactly while collecting, and the list kept for the next one, both in this
    // thread's ThreadState (a thread-static access is a runtime call here, and Track runs for every tensor); only this
    // class stores them, so the casts are exact.
    private static ReferenceList<IRecyclable>? Collecting(ThreadState state) =>
        Unsafe.As<ReferenceList<IRecyclable>?>(state.CollectingTemporaries);

    /// <summary>Starts collecting; returns false (and collects nothing) if a collection is already open.</summary>
    public static bool Begin()
    {
        var state = ThreadState.Current;
        if (state.CollectingTemporaries is not null) return false;
        var list = state.SpareTemporaries ?? new ReferenceList<IRecyclable>();
        state.SpareTemporaries = null;
        state.CollectingTemporaries = list;
        return true;
    }

    /// <summary>Called by every tensor constructor path: remembers the tensor while collecting; <paramref name="state"/> is this thread's.</summary>
    public static void Track(ThreadState state, IRecyclable tensor) => Collecting(state)?.Add(tensor);

    /// <summary>Takes <paramref name="kept"/> (tensors the caller will hand out) out of the collection, so that <see cref="End"/> leaves them alone.</summary>
    public static void Keep(ReadOnlySpan<IRecyclable?> kept)
    {
        if (Collecting(ThreadState.Current) is not { } list) return;
        foreach (var t in kept)
            if (t is not null) list.Remove(t);
    }

    /// <summary>Pauses collection; returns what <see cref="Resume"/> needs to take it up again.</summary>
    public static object? Pause()
    {
        var state = ThreadState.Current;
        var was = state.CollectingTemporaries;
        state.CollectingTemporaries = null;
        return was;
    }

    /// <summary>Resumes collection after <see cref="Pause"/>, with what it returned.</summary>
    public static void Resume(object? was) => ThreadState.Current.CollectingTemporaries = was;

    /// <summary>Stops collecting; disposes what was collected when <paramref name="dispose"/>, else just forgets it.</summary>
    public static void End(bool dispose)
    {
        var state = ThreadState.Current;
        var list = Collecting(state);
        state.CollectingTemporaries = null;
        if (list is null) return;
        if (dispose)
            for (int i = 0; i < list.Count; i++) list[i].Recycle(because: "it was a temporary of a computation that gave its buffers back when it ended (a backward pass or a gradient check)");
        list.Clear();
        state.SpareTemporaries = list;
    }
}
