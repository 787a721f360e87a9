namespace MiniGrad.Tests.Storage;

/// <summary>The library's per-thread state: one object per thread, shared by every layer's per-thread fields.</summary>
public class ThreadStateTests
{
    [Fact]
    public void EachThreadHasItsOwnStateAndKeepsIt()
    {
        var mine = ThreadState.Current;
        Assert.Same(mine, ThreadState.Current);

        ThreadState? theirs = null;
        var thread = new Thread(() => theirs = ThreadState.Current);
        thread.Start();
        thread.Join();
        Assert.NotNull(theirs);
        Assert.NotSame(mine, theirs);
    }

    [Fact]
    public void ScopesAndTheTapeOfOneThreadAreNotAnothersBecauseTheyLiveInItsState()
    {
        using var tape = MiniGrad.Tape.Begin();
        using var noGrad = MiniGrad.Tape.NoGrad();
        using var anomaly = Autograd.DetectAnomaly();
        Assert.Same(tape, ThreadState.Current.Tape);
        Assert.True(ThreadState.Current.NoGradDepth > 0);
        Assert.True(ThreadState.Current.AnomalyDepth > 0);

        (bool Grad, bool Anomaly, MiniGrad.Tape Tape)? seen = null;
        var thread = new Thread(() => seen = (MiniGrad.Tape.IsGradEnabled, Autograd.IsAnomalyEnabled, MiniGrad.Tape.Current));
        thread.Start();
        thread.Join();
        Assert.True(seen!.Value.Grad);
        Assert.False(seen.Value.Anomaly);
        Assert.NotSame(tape, seen.Value.Tape);
    }
}
