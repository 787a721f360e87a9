namespace MiniGrad.Tests.Storage;

/// <summary>The tensors' buffer pool: 64-byte-aligned buffers once pooled, bounded per thread.</summary>
public class AlignedBufferPoolTests
{
    private static long Address<T>(Tensor<T> t)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T> =>
        System.Runtime.CompilerServices.Unsafe.ByteOffset(
            ref System.Runtime.CompilerServices.Unsafe.NullRef<T>(),
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(t.Span));

    [Fact]
    public void ABufferThatComesBackFromThePoolStartsOnACacheLine()
    {
        // 1000 floats (4000 bytes): small, so the first buffer is an ordinary array; once given back, its pinned
        // replacement is what the next tensor of that size gets.
        var first = Tensor<float>.Zeros(10, 100);
        first.Dispose();
        for (int i = 0; i < 5; i++)
        {
            using var t = Tensor<float>.Zeros(10, 100);
            Assert.Equal(0, Address(t) % AlignedBufferPool.Alignment);
            Assert.All(t.ToArray(), v => Assert.Equal(0f, v)); // Zeros still clears a reused buffer
        }
    }

    [Fact]
    public void LargeBuffersStartAlignedFromTheFirstRent()
    {
        using var t = Tensor<double>.Zeros(300, 100); // 240,000 bytes: the large object heap's size class
        Assert.Equal(0, Address(t) % AlignedBufferPool.Alignment);
    }

    [Fact]
    public void AThreadKeepsABoundedNumberOfFreeBuffersPerSize()
    {
        const int length = 777; // a capacity no other test on this thread is likely to hold
        var tensors = Enumerable.Range(0, AlignedBufferPool.MaxPerBucket + 8).Select(_ => Tensor<float>.Zeros(length)).ToList();
        int before = AlignedBufferPool.FreeCount<float>(length);
        foreach (var t in tensors) t.Dispose();
        Assert.Equal(AlignedBufferPool.MaxPerBucket, AlignedBufferPool.FreeCount<float>(length));
        Assert.True(before <= AlignedBufferPool.MaxPerBucket);
    }
}
