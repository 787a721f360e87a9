using System.Numerics;
using System.Runtime.CompilerServices;

namespace MiniGrad;

/// <summary>
/// The library's per-thread state, every layer's, in one object reached through one thread-static field: the buffer
/// pool's free lists and counts, the parked buffers, the no-grad and anomaly depths, the temporaries a backward pass
/// collects, and the current tape.
/// </summary>
/// <remarks>
/// <para>Why one object: on Linux the runtime keeps thread statics behind its own thread-local storage, which
/// compiled code reaches through a call into the C runtime (<c>__tls_get_addr</c>), and fields of different classes
/// are separate calls. Making a tensor touched four (grad mode, the pool, the buffer count, the temporaries) and
/// giving it back two; counted along its paths, a tutorial step made about two hundred such calls. A hot path now
/// reads <see cref="Current"/> once and passes it on.</para>
/// <para>Fields that belong to higher layers are typed as plain values or <c>object</c>, so that this lowest layer
/// names nothing above it; each owning class keeps the meaning (and the casts) of its fields.</para>
/// </remarks>
internal sealed class ThreadState
{
    [ThreadStatic] private static ThreadState? current;

    private ThreadState()
    {
    }

    /// <summary>This thread's state.</summary>
    public static ThreadState Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => current ?? Create();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ThreadState Create() => current = new ThreadState();

    // Storage: AlignedBufferPool's free lists (FreeLists<float>, FreeLists<double>).
    internal object? FloatPool, DoublePool;

    // Storage: buffers rented minus buffers given back on this thread (TensorStorage<T>.OutstandingOnThisThread).
    internal long OutstandingFloat, OutstandingDouble;

    // Storage: ParkedBuffers' lists (ParkedList<float>, ParkedList<double>) and bookkeeping.
    internal object? FloatParked, DoubleParked;
    internal long ParkedBytes, HeldAfterLastCollection;
    internal int LastGen0Count, SafePointDepth;

    // Tensors: GradMode's depth of open no-grad scopes; TemporaryTensors' open collection and its spare list.
    internal int NoGradDepth;
    internal object? CollectingTemporaries, SpareTemporaries;

    // Tape: the current tape, and the depth of open anomaly-detection scopes.
    internal object? Tape;
    internal int AnomalyDepth;

    /// <summary>Counts a buffer of <typeparamref name="T"/> rented on this thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Rented<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) OutstandingFloat++;
        else OutstandingDouble++;
    }

    /// <summary>Counts a buffer of <typeparamref name="T"/> given back on this thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Returned<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) OutstandingFloat--;
        else OutstandingDouble--;
    }
}
