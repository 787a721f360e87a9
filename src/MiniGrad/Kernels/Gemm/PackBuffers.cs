using System.Runtime.InteropServices;

namespace MiniGrad.Kernels.Gemm;

/// <summary>
/// One thread's packing buffers for the matrix multiply: 64-byte aligned native memory that only grows, so a
/// steady-state multiply allocates nothing. Each thread (the caller and every worker) has its own pair.
/// </summary>
internal sealed unsafe class PackBuffers
{
    [ThreadStatic] private static PackBuffers? current;

    private void* a, b;
    private nuint aBytes, bBytes;

    /// <summary>This thread's buffers.</summary>
    public static PackBuffers Current => current ??= new PackBuffers();

    /// <summary>Room for <paramref name="elements"/> packed values of A.</summary>
    public T* A<T>(nint elements)
        where T : unmanaged => (T*)Ensure(ref a, ref aBytes, (nuint)elements * (nuint)sizeof(T));

    /// <summary>Room for <paramref name="elements"/> packed values of B.</summary>
    public T* B<T>(nint elements)
        where T : unmanaged => (T*)Ensure(ref b, ref bBytes, (nuint)elements * (nuint)sizeof(T));

    private static void* Ensure(ref void* buffer, ref nuint size, nuint bytes)
    {
        if (bytes <= size) return buffer;
        if (buffer is not null) NativeMemory.AlignedFree(buffer);
        // Round up generously so that a few slightly larger shapes do not each trigger a new allocation.
        nuint grown = Math.Max(bytes, size * 2);
        buffer = NativeMemory.AlignedAlloc(grown, 64);
        size = grown;
        return buffer;
    }

    ~PackBuffers()
    {
        if (a is not null) NativeMemory.AlignedFree(a);
        if (b is not null) NativeMemory.AlignedFree(b);
    }
}
