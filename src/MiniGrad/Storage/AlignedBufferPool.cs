using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MiniGrad;

/// <summary>
/// The element buffers of tensors: pooled per thread by power-of-two capacity, and starting on a 64-byte boundary (one
/// cache line, one Vector512) once they come from the pool, as PyTorch's CPU allocator aligns them. A 512-bit access
/// that straddles two cache lines costs two; with arrays wherever the GC put them (and moved them) a tutorial step
/// ran at 4.1 or 6 µs depending on the run, and at 3.7–4.0 µs with its buffers aligned.
/// </summary>
/// <remarks>
/// <para>Alignment needs an array that never moves, so pooled arrays live on the pinned object heap. A small buffer
/// rented while the pool has none of its size is an ordinary array (exact length, not aligned), and when it is given
/// back a pinned array of its capacity takes its place in the pool: a small tensor that is never disposed costs what
/// any array costs (the pinned heap, like the large object heap, is collected only by full GCs). Buffers from 85,000
/// bytes on, which would go to the large object heap anyway, are pinned and aligned from the start. What the pool
/// keeps is bounded:</para>
/// <para>at most <see cref="MaxPerBucket"/> arrays per capacity and <see cref="MaxBytesPerThread"/> in all, per
/// thread. Each thread keeps its own free lists (no locks); a buffer given back on another thread joins that thread's
/// lists. Buffers of more than 2^30 elements are never pooled.</para>
/// </remarks>
internal static class AlignedBufferPool
{
    /// <summary>The alignment of a pooled buffer's first element, in bytes.</summary>
    public const int Alignment = 64;

    /// <summary>
    /// How many free arrays of one capacity a thread keeps: enough for the buffers a training step parks between two
    /// garbage collections (<see cref="ParkedBuffers"/>), which come back all at once.
    /// </summary>
    public const int MaxPerBucket = 4096;

    /// <summary>How many bytes of free arrays a thread keeps in all.</summary>
    public const long MaxBytesPerThread = 256L << 20;

    private const int MinLog2 = 4, MaxLog2 = 30;

    /// <summary>The size from which the GC puts an array on the large object heap.</summary>
    private const int LargeObjectBytes = 85_000;

    /// <summary>
    /// A buffer with room for <paramref name="length"/> elements from <paramref name="start"/> on, from the lists of
    /// <paramref name="state"/> (this thread's). Not cleared. <paramref name="pooled"/> tells <see cref="Return{T}"/>
    /// whether the array came from the pool (then element <paramref name="start"/> sits on a 64-byte boundary).
    /// </summary>
    public static T[] Rent<T>(ThreadState state, int length, out int start, out bool pooled)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        start = 0;
        pooled = false;
        if (length == 0) return [];
        int bucket = Bucket(length);
        if (bucket < 0) return GC.AllocateUninitializedArray<T>(length);
        var array = Lists<T>(state).TryPop(bucket);
        if (array is null)
        {
            // Large arrays go to the large object heap, which only a full GC collects, the same as the pinned one: a
            // large buffer (a layer's weights, Adam's state) may as well start aligned. Small ones stay ordinary.
            if ((long)length * Unsafe.SizeOf<T>() < LargeObjectBytes) return GC.AllocateUninitializedArray<T>(length);
            array = GC.AllocateUninitializedArray<T>(Capacity(bucket) + Spare<T>(), pinned: true);
        }
        pooled = true;
        start = AlignedStart(array);
        return array;
    }

    /// <summary>
    /// Takes back a buffer from <see cref="Rent{T}"/> into the lists of <paramref name="state"/> (this thread's): a
    /// pooled array as it is, any other by a pinned one of its capacity.
    /// </summary>
    public static void Return<T>(ThreadState state, T[] array, bool pooled)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int length = pooled ? array.Length - Spare<T>() : array.Length;
        int bucket = length == 0 ? -1 : Bucket(length);
        if (bucket < 0) return;
        var lists = Lists<T>(state);
        if (!lists.HasRoom(bucket)) return;
        lists.Push(bucket, pooled ? array : GC.AllocateUninitializedArray<T>(Capacity(bucket) + Spare<T>(), pinned: true));
    }

    /// <summary>The free arrays of this thread, by capacity (for tests).</summary>
    internal static int FreeCount<T>(int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Lists<T>(ThreadState.Current).Count(Bucket(length));

    /// <summary>The pool's bucket for a length: capacities are powers of two from 16 to 2^30; -1 beyond.</summary>
    private static int Bucket(int length)
    {
        int log2 = Math.Max(MinLog2, BitOperations.Log2((uint)length - 1) + 1);
        return log2 > MaxLog2 ? -1 : log2 - MinLog2;
    }

    private static int Capacity(int bucket) => 1 << (bucket + MinLog2);

    /// <summary>The extra elements that leave room to move the start to a 64-byte boundary.</summary>
    private static int Spare<T>()
        where T : unmanaged => Alignment / Unsafe.SizeOf<T>();

    private static unsafe int AlignedStart<T>(T[] array)
        where T : unmanaged
    {
        // The array is on the pinned object heap: its address does not change while it lives.
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        return (int)((Alignment - (address & (Alignment - 1))) & (Alignment - 1)) / Unsafe.SizeOf<T>();
    }

    private static FreeLists<T> Lists<T>(ThreadState state)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // Unsafe.As is exact here: each field only ever holds the lists of its own element type.
        if (typeof(T) == typeof(float)) return Unsafe.As<FreeLists<T>>(state.FloatPool ??= new FreeLists<T>());
        if (typeof(T) == typeof(double)) return Unsafe.As<FreeLists<T>>(state.DoublePool ??= new FreeLists<T>());
        throw new NotSupportedException($"AlignedBufferPool: {typeof(T).Name} buffers are not pooled; tensors hold float or double.");
    }

    /// <summary>One thread's free arrays: a fixed-size stack per capacity, and the bytes they hold.</summary>
    private sealed class FreeLists<T>
        where T : unmanaged
    {
        private readonly T[]?[]?[] stacks = new T[]?[MaxLog2 - MinLog2 + 1][];
        private readonly int[] counts = new int[MaxLog2 - MinLog2 + 1];
        private long bytes;

        public int Count(int bucket) => counts[bucket];

        public bool HasRoom(int bucket) =>
            counts[bucket] < MaxPerBucket && bytes + BytesOf(bucket) <= MaxBytesPerThread;

        public T[]? TryPop(int bucket)
        {
            int n = counts[bucket];
            if (n == 0) return null;
            var stack = stacks[bucket]!;
            var array = stack[n - 1];
            stack[n - 1] = null;
            counts[bucket] = n - 1;
            bytes -= BytesOf(bucket);
            return array;
        }

        /// <summary>Pushes onto a bucket that <see cref="HasRoom"/>.</summary>
        public void Push(int bucket, T[] array)
        {
            var stack = stacks[bucket] ??= new T[]?[16];
            if (counts[bucket] == stack.Length) Array.Resize(ref stacks[bucket], 2 * stack.Length);
            stacks[bucket]![counts[bucket]++] = array;
            bytes += BytesOf(bucket);
        }

        private static long BytesOf(int bucket) => (long)(Capacity(bucket) + Spare<T>()) * Unsafe.SizeOf<T>();
    }
}
