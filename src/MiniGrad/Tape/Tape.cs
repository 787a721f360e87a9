using System.Runtime.CompilerServices;

namespace MiniGrad;

/// <summary>
/// The record of differentiable ops, in execution order, that a backward pass walks in reverse.
/// </summary>
/// <remarks>
/// <para>Each thread records on its own tape (<see cref="Current"/>), so models trained on two threads at once do
/// not see each other's ops. <see cref="Begin"/> puts a fresh tape in place for a block of code, which is the easy
/// way to look at the ops of one small computation.</para>
/// <para>A backward pass releases the entries it walked, unless asked to retain them; entries of computations that
/// never reach a backward pass stay until <see cref="Clear"/> (or run such computations under <see cref="NoGrad"/>).</para>
/// </remarks>
public sealed class Tape : IDisposable
{
    private readonly ReferenceList<ITapeEntry> entries = new();
    private readonly Tape? previous;
    private readonly bool scoped;
    private long nextSequence;
    private readonly int ownerThreadId = Environment.CurrentManagedThreadId;

    /// <summary>Creates a tape that is not yet anybody's current tape; see <see cref="Begin"/>.</summary>
    public Tape()
    {
    }

    private Tape(Tape? previous)
    {
        this.previous = previous;
        scoped = true;
    }

    /// <summary>This thread's tape: ops record here.</summary>
    public static Tape Current => CurrentOf(ThreadState.Current);

    // The tape lives in this thread's ThreadState (one thread-static access for everything per thread); only Tape
    // ever stores a Tape there, so the cast is exact.
    private static Tape CurrentOf(ThreadState state) =>
        state.Tape is { } tape ? Unsafe.As<Tape>(tape) : (Tape)(state.Tape = new Tape());

    /// <summary>
    /// Makes a fresh tape this thread's current one until the returned tape is disposed, then restores the previous
    /// one: <c>using var tape = Tape.Begin();</c>.
    /// </summary>
    public static Tape Begin()
    {
        var state = ThreadState.Current;
        var t = new Tape((Tape?)state.Tape);
        state.Tape = t;
        return t;
    }

    /// <summary>Whether ops record at all on this thread (false inside a <see cref="NoGrad"/> scope).</summary>
    public static bool IsGradEnabled => GradMode.IsEnabled;

    /// <summary>
    /// Opens a scope in which nothing is recorded and results do not require grad (PyTorch's <c>torch.no_grad()</c>):
    /// <c>using (Tape.NoGrad()) { ... }</c>.
    /// </summary>
    public static NoGradScope NoGrad()
    {
        ref int depth = ref GradMode.NoGradDepth;
        depth++;
        return new NoGradScope(depth, Environment.CurrentManagedThreadId);
    }

    /// <summary>
    /// When true, a backward pass that releases this tape's entries disposes the graph's intermediate tensors at once
    /// (every released op's output except the tensor <c>Backward</c> was called on), and zeroing parameters' gradients
    /// disposes the gradient tensors the engine made. Off by default: without it those buffers are parked and go back
    /// to the pool once the GC finds nobody holds them, which costs a young collection now and then and leaves every
    /// tensor you hold readable. See <see cref="Tensor{T}"/>'s remarks.
    /// </summary>
    /// <example><code>
    /// Tape.Current.RecycleBuffers = true;
    /// for (...) { optimizer.ZeroGrad(); using var loss = criterion.Forward(model.Forward(x), y); loss.Backward(); optimizer.Step(); }
    /// </code></example>
    public bool RecycleBuffers { get; set; }

    /// <summary>The recorded entries still held, in execution order.</summary>
    public IReadOnlyList<ITapeEntry> Entries => entries;

    /// <summary>The number of entries held.</summary>
    public int Count => entries.Count;

    /// <summary>True when an op with this input should be recorded: grad mode is on and the input requires grad.</summary>
    public static bool ShouldRecord<T>(Tensor<T> a)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T> =>
        a.RequiresGrad && GradMode.IsEnabled; // the field first: it is a plain read, the mode a thread-static one

    /// <summary>True when an op with these inputs should be recorded: grad mode is on and an input requires grad.</summary>
    public static bool ShouldRecord<T>(Tensor<T> a, Tensor<T> b)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T> =>
        (a.RequiresGrad || b.RequiresGrad) && GradMode.IsEnabled;

    /// <summary>
    /// Appends <paramref name="function"/> to this thread's tape as the op that made <paramref name="output"/> from
    /// <paramref name="inputs"/>; the output then requires grad. Call only when <see cref="ShouldRecord{T}(Tensor{T})"/>
    /// said so.
    /// </summary>
    public static Tensor<T> Record<T>(Function<T> function, Tensor<T> output, params Tensor<T>[] inputs)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(function);
        if (output.GradFn is not null)
            throw new InvalidOperationException($"{function.Name}: the output was already recorded by {output.GradFn.Name}.");
        var state = ThreadState.Current;
        var tape = CurrentOf(state);
        function.Attach(output, inputs);
        function.Tape = tape;
        function.Sequence = tape.nextSequence++;
        function.CreationTrace = AnomalyMode.CaptureCreation(state);
        tape.entries.Add(function);
        output.GradFn = function;
        output.Producer = function.Name;
        output.RequiresGrad = true;
        return output;
    }

    /// <summary>Releases every entry (what they saved goes to the GC) and empties the tape.</summary>
    public void Clear()
    {
        for (int i = 0; i < entries.Count; i++) ReleaseEntry(entries[i]);
        entries.Clear();
    }

    /// <summary>Ends a tape opened with <see cref="Begin"/>: clears it and restores the previous current tape.</summary>
    public void Dispose()
    {
        Clear();
        var state = ThreadState.Current;
        if (scoped && ReferenceEquals(state.Tape, this)) state.Tape = previous;
    }

    /// <summary>True on the thread that made this tape (the only thread that records on it).</summary>
    internal bool IsOwnedByCurrentThread => ownerThreadId == Environment.CurrentManagedThreadId;

    /// <summary>The position in <see cref="Entries"/> of the entry with <paramref name="sequence"/>, or -1.</summary>
    internal int IndexOf(long sequence)
    {
        int lo = 0, hi = entries.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            long s = entries[mid].Sequence;
            if (s == sequence) return mid;
            if (s < sequence) lo = mid + 1;
            else hi = mid - 1;
        }
        return -1;
    }

    internal ITapeEntry EntryAt(int index) => entries[index];

    /// <summary>Drops the entries a backward pass released, keeping the order of the rest.</summary>
    internal void RemoveReleased() => entries.RemoveAll(static e => e.IsReleased);

    private static void ReleaseEntry(ITapeEntry e)
    {
        if (e is IReleasable r) r.ReleaseEntry();
    }

    /// <summary>Closes a <see cref="NoGrad"/> scope when disposed.</summary>
    /// <remarks>
    /// A struct, so that opening a scope allocates nothing. It remembers the depth it opened, so that disposing a
    /// copy a second time does nothing (instead of re-enabling recording inside an outer scope), and its thread, so
    /// that disposing it on another thread (after an <c>await</c>) fails loudly instead of unbalancing that thread.
    /// </remarks>
    public readonly struct NoGradScope : IDisposable
    {
        private readonly int depth;
        private readonly int threadId;

        internal NoGradScope(int depth, int threadId) => (this.depth, this.threadId) = (depth, threadId);

        /// <summary>Ends the scope.</summary>
        /// <exception cref="InvalidOperationException">The scope is disposed on another thread than it was opened on, or while a scope opened inside it is still open.</exception>
        public void Dispose() =>
            ThreadScope.Close(ref GradMode.NoGradDepth, depth, threadId, "Tape.NoGrad",
                "grad mode is per thread, so open and close a NoGrad scope on one thread (do not await inside it).");
    }
}

/// <summary>Lets the non-generic tape release an entry without knowing its element type.</summary>
internal interface IReleasable
{
    void ReleaseEntry();
}
