namespace MiniGrad;

/// <summary>
/// The closing rule of the per-thread scopes (<see cref="Tape.NoGrad"/>, <see cref="Autograd.DetectAnomaly"/>): each
/// counts its open scopes in a thread-static depth, and a scope remembers the depth it opened and its thread.
/// </summary>
internal static class ThreadScope
{
    /// <summary>
    /// Closes the scope that opened <paramref name="opened"/> on thread <paramref name="threadId"/>: decrements
    /// <paramref name="current"/> (this thread's depth) when it is the innermost; does nothing when it was already
    /// closed (through a copy of the struct) or never opened (<paramref name="opened"/> 0); throws, naming
    /// <paramref name="scope"/>, when it is closed on another thread or before a scope opened inside it.
    /// </summary>
    public static void Close(ref int current, int opened, int threadId, string scope, string onAnotherThread)
    {
        if (opened == 0) return; // default(struct): never opened
        if (threadId != Environment.CurrentManagedThreadId)
            throw new InvalidOperationException($"{scope}: the scope was disposed on another thread than it was opened on; {onAnotherThread}");
        if (current == opened) current--;
        else if (current > opened)
            throw new InvalidOperationException(
                $"{scope}: a scope was disposed while a scope opened inside it is still open; dispose scopes in reverse order (use 'using').");
        // current < opened: this scope was already disposed (through a copy); nothing to do.
    }
}
