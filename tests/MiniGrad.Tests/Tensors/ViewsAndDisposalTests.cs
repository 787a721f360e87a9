using static MiniGrad.Tests.Support.Expect;

namespace MiniGrad.Tests.Tensors;

public class ViewsAndDisposalTests
{
    [Fact]
    public void RowSlicesShareMemoryBothWays()
    {
        var x = Tensor<double>.Arange(12).Reshape(6, 2).Detach();
        var batch = x[2..5];
        Assert.True(batch.SharesStorageWith(x));
        Values(batch, [3, 2], [4, 5, 6, 7, 8, 9]);
        batch.Span[0] = 99;
        Assert.Equal(99, x[2, 0]);
        x[4, 1] = -1;
        Assert.Equal(-1, batch[2, 1]);
        // The slice's span is the base's elements themselves, not a copy of them.
        Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(ref batch.Span[0], ref x.Span[4]));
    }

    [Fact]
    public void ReshapeAndDetachAreViewsToo()
    {
        var x = T([1, 2, 3, 4], 2, 2);
        var r = x.Reshape(4);
        var d = x.Detach();
        r.Span[3] = 40;
        d.Span[0] = 10;
        Values(x, [2, 2], [10, 2, 3, 40]);
        var c = x.Clone();
        Assert.False(c.SharesStorageWith(x));
        c.Span[1] = 0;
        Assert.Equal(2, x.Span[1]);
    }

    [Fact]
    public void UsingADisposedTensorThrowsObjectDisposedException()
    {
        var x = T([1, 2, 3, 4], 2, 2);
        x.Dispose();
        x.Dispose(); // idempotent
        Assert.True(x.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => x.Span.Length);
        Assert.Throws<ObjectDisposedException>(() => x.ReadOnlySpan.Length);
        Assert.Throws<ObjectDisposedException>(() => x.ToArray());
        Assert.Throws<ObjectDisposedException>(() => x[0, 0]);
        Assert.Throws<ObjectDisposedException>(() => x + x);
        Assert.Throws<ObjectDisposedException>(() => x.Reshape(4));
        Assert.Throws<ObjectDisposedException>(() => x[0..1]);
        Assert.Throws<ObjectDisposedException>(() => x.Detach());
        Assert.Throws<ObjectDisposedException>(() => x.Sum());
        Assert.Throws<ObjectDisposedException>(() => x.MatMul(T([1, 2], 2, 1)));
        Assert.Equal("tensor(<disposed>)", x.ToString());
    }

    [Fact]
    public void TheDisposedMessageNamesTheTensorAndSaysItWasTheUsersDispose()
    {
        var x = T([1, 2, 3, 4], 2, 2);
        x.Name = "weights";
        x.Dispose();
        var e = Assert.Throws<ObjectDisposedException>(() => x.ToArray());
        Assert.Contains("The tensor ('weights', shape [2, 2]) can no longer be read: it was disposed by a call to Dispose().", e.Message);
        Assert.DoesNotContain("PublicKeyToken", e.Message);
    }

    [Fact]
    public void ATensorRecycledByBackwardSaysWhichOpMadeItAndWhy()
    {
        using var tape = MiniGrad.Tape.Begin();
        tape.RecycleBuffers = true;
        var w = T([1, 2], 2).RequireGrad();
        var hidden = w * w;
        hidden.Sum().Backward();
        var e = Assert.Throws<ObjectDisposedException>(() => hidden.ToArray());
        Assert.Contains("(shape [2], made by Mul) can no longer be read: its buffer went back to the pool when Backward() released the graph", e.Message);
        Assert.Contains("Tape.RecycleBuffers is on", e.Message);
    }

    [Theory]
    [InlineData(10, 20)]
    [InlineData(3, 6)]
    [InlineData(4, 2)]
    public void ARangeOutsideTheRowsNamesTheShapeAndTheRange(int start, int end)
    {
        var x = Tensor<double>.Zeros(5, 2);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x[start..end]);
        Assert.Contains($"slice: rows {start}..{end} are out of bounds for a tensor of shape [5, 2], which has 5 rows", e.Message);
        Assert.Equal(new[] { 2, 2 }, x[^2..].Shape.Dims.ToArray()); // ranges inside the rows still work, from the end too
    }

    [Fact]
    public void AViewKeepsTheBufferAliveUntilItIsDisposedToo()
    {
        var x = T([1, 2, 3, 4, 5, 6], 3, 2);
        var rows = x[1..3];
        x.Dispose();
        Values(rows, [2, 2], [3, 4, 5, 6]); // still readable: the view holds a reference
        var inner = rows.Reshape(4);
        rows.Dispose();
        Values(inner, [4], [3, 4, 5, 6]);
        inner.Dispose();
        Assert.Throws<ObjectDisposedException>(() => inner.Span.Length);
    }

    [Fact]
    public void BackwardThroughADisposedInputThrowsInsteadOfReadingGarbage()
    {
        var x = T([1, 2]).RequireGrad();
        var w = T([3, 4]);
        var loss = (x * w).Sum();
        w.Dispose();
        Assert.Throws<ObjectDisposedException>(() => loss.Backward());
    }

    [Fact]
    public void TheStorageGoesBackOnlyWithTheLastReference()
    {
        var s = TensorStorage<double>.Rent(ThreadState.Current, 8, clear: true);
        s.AddReference();
        s.Release();
        Assert.False(s.IsReleased);
        Assert.Equal(0, s.GetSpan(0, 8)[7]);
        s.Release();
        Assert.True(s.IsReleased);
        var e = Assert.Throws<ObjectDisposedException>(() => s.GetSpan(0, 8).Length);
        Assert.Contains("pool", e.Message);
        Assert.Throws<ObjectDisposedException>(() => s.AddReference());
    }

    [Fact]
    public void ZerosClearsARecycledBuffer()
    {
        // Put a dirty buffer of the same size back into the pool, then ask for zeros.
        var dirty = Tensor<double>.Full(7, 64);
        dirty.Dispose();
        var z = Tensor<double>.Zeros(64);
        Assert.All(z.ToArray(), v => Assert.Equal(0, v));
    }
}
