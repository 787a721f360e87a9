using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MiniGrad;

/// <summary>
/// Buffers the library is done with but the user may still hold: the intermediate tensors of a graph that a backward
/// pass released, and gradients that <c>ZeroGrad</c> dropped after user code read them. Each one goes back to the pool once the GC finds its
/// storage unreachable (no tensor, view or detached copy refers to it any more), so that a training loop written
/// without any disposal or switch stops allocating buffers, while every tensor the user still holds stays readable.
/// </summary>
/// <remarks>
/// <para>Reachability is the GC's to know: a parked buffer is held by a weak handle to its storage. The handles are
/// checked at a safe point, the start of an outermost backward pass, where no op is running and so no span of a
/// library kernel can point into a buffer whose tensor is otherwise dead. They are checked when a garbage collection
/// has happened since the last look, and, when the parked bytes grew by <see cref="CollectAfterBytes"/> since the last
/// collection this class asked for (a loop that allocates too few objects to trigger one, or collections that found
/// the graph alive and moved it to an older generation), after a generation-1 collection that it asks for.</para>
/// <para>The one rule this adds for user code is .NET's usual rule for pooled memory: a <c>Span</c> taken from a
/// tensor is valid while the tensor is alive; keep the tensor (not only the span) for as long as you read the span.</para>
/// <para>Per thread, like the pool: buffers parked on a thread are checked and returned on it.</para>
/// </remarks>
internal static class ParkedBuffers
{
    /// <summary>
    /// Growth of the parked bytes after which a safe point asks the GC for a generation-1 collection: the size of one core's L2
    /// cache on the machines we measure (Zen 4), so that the buffers a step takes were used a few dozen steps before
    /// and are still in cache. At 4 MB the tutorial's plain step took 10.8–11.9 µs, at 1 MB 8.9 (5.7 with RecycleBuffers);
    /// the young collections themselves (about 40 µs, one per two steps of a 784-256-256-10 batch of 128 and one per
    /// about 100 steps of the tutorial's network) cost less than cold buffers do.
    /// </summary>
    public const long CollectAfterBytes = 1L << 20;

    // The per-thread fields (ThreadState): the parked lists by element type, the bytes they hold, the collection count
    // at the last look, the depth of backward passes, and the bytes still held after the last collection asked for.

    /// <summary>The bytes parked on this thread and not yet returned (for tests and the speed docs).</summary>
    internal static long BytesOnThisThread => ThreadState.Current.ParkedBytes;

    /// <summary>Parks <paramref name="array"/>, the buffer of <paramref name="storage"/>, until the storage is unreachable.</summary>
    public static void Park<T>(TensorStorage<T> storage, T[] array, bool pooled)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var state = ThreadState.Current;
        Lists<T>(state).Add(storage, array, pooled);
        state.ParkedBytes += (long)array.Length * Unsafe.SizeOf<T>();
    }

    /// <summary>
    /// Enters a backward pass. At the outermost one (a safe point, see the remarks) returns to the pool every parked
    /// buffer whose storage the GC found unreachable. Pair with <see cref="ExitBackward"/>.
    /// </summary>
    public static void EnterBackward()
    {
        var state = ThreadState.Current;
        if (state.SafePointDepth++ > 0 || state.ParkedBytes == 0) return;
        int collections = GC.CollectionCount(0);
        if (collections != state.LastGen0Count)
        {
            state.LastGen0Count = collections;
            ReturnUnreachable(state);
        }
        // Collections that came by themselves may have found this step's graph alive and moved it to an older
        // generation, which they do not look at again: when the parked bytes have grown by the threshold since the
        // last collection asked for, ask for one of the two young generations. What is still held after it (a
        // list of outputs the user keeps) does not count towards the next one, so that holding tensors does not
        // cost a collection per step.
        if (state.ParkedBytes - state.HeldAfterLastCollection < CollectAfterBytes) return;
        GC.Collect(1, GCCollectionMode.Forced, blocking: true, compacting: false);
        state.LastGen0Count = GC.CollectionCount(0);
        ReturnUnreachable(state);
        state.HeldAfterLastCollection = state.ParkedBytes;
    }

    private static void ReturnUnreachable(ThreadState state)
    {
        if (state.FloatParked is ParkedList<float> f) state.ParkedBytes -= f.ReturnUnreachable(state);
        if (state.DoubleParked is ParkedList<double> d) state.ParkedBytes -= d.ReturnUnreachable(state);
        state.HeldAfterLastCollection = Math.Min(state.HeldAfterLastCollection, state.ParkedBytes);
    }

    /// <summary>
    /// Collects garbage and returns every parked buffer nobody holds, now: for tests that count this thread's
    /// outstanding buffers, which buffers parked by earlier work would otherwise change while they count.
    /// </summary>
    internal static void ReturnUnreachableNow()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var state = ThreadState.Current;
        state.LastGen0Count = GC.CollectionCount(0);
        ReturnUnreachable(state);
    }

    /// <summary>Leaves a backward pass entered with <see cref="EnterBackward"/>.</summary>
    public static void ExitBackward() => ThreadState.Current.SafePointDepth--;

    private static ParkedList<T> Lists<T>(ThreadState state)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // Unsafe.As is exact here: each field only ever holds the list of its own element type.
        if (typeof(T) == typeof(float)) return Unsafe.As<ParkedList<T>>(state.FloatParked ??= new ParkedList<float>());
        if (typeof(T) == typeof(double)) return Unsafe.As<ParkedList<T>>(state.DoubleParked ??= new ParkedList<double>());
        throw new NotSupportedException($"ParkedBuffers: {typeof(T).Name} buffers are not pooled; tensors hold float or double.");
    }

    /// <summary>One thread's parked buffers of one element type: weak handles to their storages, and the arrays.</summary>
    private sealed class ParkedList<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private Entry[] entries = new Entry[64];
        private int count;

        // Weak handles are reused: freeing and allocating one per parked buffer would cost more than the rest of
        // parking together.
        private GCHandle[] spareHandles = new GCHandle[64];
        private int spareCount;

        public void Add(TensorStorage<T> storage, T[] array, bool pooled)
        {
            if (count == entries.Length) Array.Resize(ref entries, 2 * count);
            GCHandle handle;
            if (spareCount > 0)
            {
                handle = spareHandles[--spareCount];
                handle.Target = storage;
            }
            else
            {
                handle = GCHandle.Alloc(storage, GCHandleType.Weak);
            }
            entries[count++] = new Entry(handle, array, pooled);
        }

        /// <summary>Returns the buffers whose storage is gone to the pool and keeps the rest; the bytes returned.</summary>
        public long ReturnUnreachable(ThreadState state)
        {
            long returned = 0;
            int kept = 0;
            for (int i = 0; i < count; i++)
            {
                var entry = entries[i];
                if (entry.Handle.Target is not null)
                {
                    entries[kept++] = entry;
                    continue;
                }
                returned += (long)entry.Array.Length * Unsafe.SizeOf<T>();
                AlignedBufferPool.Return(state, entry.Array, entry.Pooled);
                state.Returned<T>();
                if (spareCount == spareHandles.Length) Array.Resize(ref spareHandles, 2 * spareCount);
                spareHandles[spareCount++] = entry.Handle;
            }
            Array.Clear(entries, kept, count - kept);
            count = kept;
            return returned;
        }

        /// <summary>
        /// Frees the weak handles when the thread that owned this list has ended (its thread-static reference is
        /// gone): a handle is a slot in the runtime's handle table, which the GC does not free by itself.
        /// </summary>
        ~ParkedList()
        {
            for (int i = 0; i < count; i++) entries[i].Handle.Free();
            for (int i = 0; i < spareCount; i++) spareHandles[i].Free();
        }

        private readonly record struct Entry(GCHandle Handle, T[] Array, bool Pooled);
    }
}
