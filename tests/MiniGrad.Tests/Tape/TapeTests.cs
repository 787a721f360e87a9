using static MiniGrad.Tests.Support.Expect;

namespace MiniGrad.Tests.Tape;

public class TapeTests
{
    [Fact]
    public void BeginGivesAFreshTapeThatListsTheOpsInExecutionOrder()
    {
        var outer = MiniGrad.Tape.Current;
        var x = T([1, 2]).RequireGrad();
        using (var tape = MiniGrad.Tape.Begin())
        {
            Assert.Same(tape, MiniGrad.Tape.Current);
            Assert.NotSame(outer, tape);
            Assert.Equal(0, tape.Count);
            var a = x * 2.0;
            var b = a + 1.0;
            var c = b.Exp();
            var s = c.Sum();
            Assert.Equal(["Mul", "Add", "Exp", "Sum"], tape.Entries.Select(e => e.Name));
            Assert.Equal([0L, 1, 2, 3], tape.Entries.Select(e => e.Sequence));
            Assert.Same(x, tape.Entries[0].InputTensors[0]);
            Assert.Same(a, tape.Entries[0].OutputTensor);
            Assert.Same(a, tape.Entries[1].InputTensors[0]);
            Assert.Same(s, tape.Entries[3].OutputTensor);
            Assert.Same(tape.Entries[2], c.GradFn);
            s.Backward();
            Assert.Equal(0, tape.Count); // a backward pass releases what it walked
        }
        Assert.Same(outer, MiniGrad.Tape.Current);
    }

    [Fact]
    public void ATapeClearedWhileAGraphIsAliveMakesBackwardSaySo()
    {
        Tensor<double> loss;
        using (MiniGrad.Tape.Begin())
            loss = (T([1, 2]).RequireGrad() * 2.0).Sum();
        var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("disposing the tape", e.Message);
    }

    [Fact]
    public void AChainOfOneHundredThousandOpsGoesBackwardWithoutRecursion()
    {
        const int n = 100_000;
        const double c = 1.00001;
        using var tape = MiniGrad.Tape.Begin();
        var x = T([0.5]).RequireGrad();
        var y = x;
        for (int i = 0; i < n; i++) y = y * c;
        Assert.Equal(n, tape.Count);
        y.Sum().Backward();
        // y = x c^n, dy/dx = c^n (about e); the product of n roundings stays within n * eps of it.
        double expected = Math.Pow(c, n);
        Assert.Equal(expected, x.Grad!.Span[0], expected * 1e-10);
        Assert.Equal(0.5 * expected, y.Span[0], expected * 1e-10);
    }

    [Fact]
    public void EachThreadRecordsOnItsOwnTape()
    {
        var here = MiniGrad.Tape.Current;
        MiniGrad.Tape? there = null;
        var t = new Thread(() => there = MiniGrad.Tape.Current);
        t.Start();
        t.Join();
        Assert.NotNull(there);
        Assert.NotSame(here, there);
    }
}
