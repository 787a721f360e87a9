namespace MiniGrad;

/// <summary>
/// A reference-counted element buffer rented from <see cref="AlignedBufferPool"/>.
/// </summary>
/// <remarks>
/// Ownership: the tensor that creates a storage holds the first reference; every view (a row slice, a reshape,
/// a detached copy) takes another. <see cref="Tensor{T}.Dispose"/> gives its reference back, and the array returns
/// to the pool when the last reference is given back. A storage nobody disposes is simply collected by the GC:
/// disposing is what makes a training loop allocation-free, not what makes it correct.
/// </remarks>
internal sealed class TensorStorage<T> where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
{
    private T[]? array;
    private readonly int start;
    private readonly bool pooled;
    private int references = 1;
    private bool parked;

    /// <summary>
    /// Buffers rented on this thread minus buffers given back on it: constant across training steps when every
    /// buffer a step takes goes back (the allocation tests watch it).
    /// </summary>
    internal static long OutstandingOnThisThread =>
        typeof(T) == typeof(float) ? ThreadState.Current.OutstandingFloat : ThreadState.Current.OutstandingDouble;

    private TensorStorage(T[] array, int start, bool pooled, int length)
    {
        this.array = array;
        this.start = start;
        this.pooled = pooled;
        Length = length;
    }

    /// <summary>The number of elements in use (the rented array may be longer).</summary>
    public int Length { get; }

    /// <summary>
    /// How many times the elements were opened for writing (PyTorch's version counter, which a tensor shares with
    /// its views): an op that saves a tensor for backward remembers this number, and backward refuses to run when it
    /// changed. Not atomic: a tensor is written by one thread at a time.
    /// </summary>
    public int Version;

    public bool IsReleased => Volatile.Read(ref array) is null;

    /// <summary>
    /// Rents a buffer from the pool of <paramref name="state"/> (this thread's state, which the caller has at hand);
    /// <paramref name="clear"/> zeroes it (pooled arrays hold old values).
    /// </summary>
    public static TensorStorage<T> Rent(ThreadState state, int length, bool clear)
    {
        // A zero-length tensor still gets its own (empty) array so that disposal can be tracked.
        T[] a = AlignedBufferPool.Rent<T>(state, length, out int start, out bool pooled);
        if (clear) Array.Clear(a, start, length);
        state.Rented<T>();
        return new TensorStorage<T>(a, start, pooled, length);
    }

    /// <summary>The elements <c>[offset, offset + length)</c>; throws once the buffer went back to the pool.</summary>
    public Span<T> GetSpan(int offset, int length)
    {
        T[] a = array ?? throw Released();
        return a.AsSpan(start + offset, length);
    }

    /// <summary>The element at <paramref name="index"/> without a disposal or bounds check beyond the array's own.</summary>
    public ref T DangerousGetReference(int index) => ref array![start + index];

    public void AddReference()
    {
        if (Interlocked.Increment(ref references) <= 1)
            throw Released();
    }

    public void Release()
    {
        int left = Interlocked.Decrement(ref references);
        if (left == 0)
        {
            T[]? a = Interlocked.Exchange(ref array, null);
            // A parked buffer goes back when the GC finds this storage unreachable (ParkedBuffers), not twice.
            if (parked) return;
            var state = ThreadState.Current;
            if (a is not null) AlignedBufferPool.Return(state, a, pooled);
            state.Returned<T>();
        }
    }

    /// <summary>
    /// Hands the buffer to <see cref="ParkedBuffers"/>: it returns to the pool once this storage is unreachable,
    /// whoever still holds a tensor over it until then. Does nothing for a storage already parked or released.
    /// </summary>
    public void Park()
    {
        if (parked || Volatile.Read(ref array) is not { } a) return;
        parked = true;
        ParkedBuffers.Park(this, a, pooled);
    }

    private static ObjectDisposedException Released() =>
        new("Tensor", "The tensor's buffer went back to the pool (the tensor, and every view of it, was disposed). " +
            "Keep a tensor alive, or Clone() it, for as long as you read it.");
}
