using MiniGrad.Tests.Support;
using static MiniGrad.Tests.Support.Expect;

namespace MiniGrad.Tests.Tape;

public class BackwardSemanticsTests
{
    [Fact]
    public void LeafGradientsAccumulateUntilZeroed()
    {
        var x = T([1, 2]).RequireGrad();
        (x * 2.0).Sum().Backward();
        Values(x.Grad, [2], [2, 2]);
        (x * 3.0).Sum().Backward();
        Values(x.Grad, [2], [5, 5]);
        x.Grad = null;
        (x * 3.0).Sum().Backward();
        Values(x.Grad, [2], [3, 3]);
    }

    [Fact]
    public void IntermediatesKeepTheirGradientOnlyWhenAsked()
    {
        var x = T([1, 2]).RequireGrad();
        var y = (x * 3.0).RetainGrad();
        var z = x * 4.0;
        (y * y + z).Sum().Backward();
        Values(y.Grad, [2], [6, 12]); // 2y
        Assert.True(y.RetainsGrad);
        Assert.Null(z.Grad);
        Values(x.Grad, [2], [18 + 4, 36 + 4]); // 2y * 3 + 4
    }

    [Fact]
    public void BackwardOfANonScalarWithoutAGradientThrowsAndSaysWhatToPass()
    {
        var y = T([1, 2]).RequireGrad() * 2.0;
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("[2]", e.Message);
        Assert.Contains("Pass gradient", e.Message);
    }

    [Fact]
    public void BackwardOfATensorThatDoesNotRequireGradThrows()
    {
        var e = Assert.Throws<InvalidOperationException>(() => T([1, 2]).Sum().Backward());
        Assert.Contains("does not require grad", e.Message);
    }

    [Fact]
    public void BackwardWithAGradientOfTheWrongShapeNamesBothShapes()
    {
        var y = T([1, 2]).RequireGrad() * 2.0;
        var e = Assert.Throws<ArgumentException>(() => y.Backward(T([1, 2, 3])));
        Assert.Contains("[3]", e.Message);
        Assert.Contains("[2]", e.Message);
    }

    [Fact]
    public void SecondBackwardAfterReleaseThrowsAndSaysToRetainTheGraph()
    {
        var x = T([1, 2]).RequireGrad();
        var loss = (x * x).Sum();
        loss.Backward();
        var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("retainGraph: true", e.Message);

        // The same through a shared, released part of the graph.
        var a = x * x;
        a.Sum().Backward();
        var e2 = Assert.Throws<InvalidOperationException>(() => a.Mean().Backward());
        Assert.Contains("retainGraph: true", e2.Message);
    }

    [Fact]
    public void RetainGraphAllowsASecondPass()
    {
        var x = T([1, 2]).RequireGrad();
        var loss = (x * x).Sum();
        loss.Backward(retainGraph: true);
        loss.Backward();
        Values(x.Grad, [2], [4, 8]); // 2x, twice
    }

    [Fact]
    public void NoGradRecordsNothingAndResultsDoNotRequireGrad()
    {
        using var tape = MiniGrad.Tape.Begin();
        var x = T([1, 2]).RequireGrad();
        Tensor<double> y;
        using (MiniGrad.Tape.NoGrad())
        {
            Assert.False(MiniGrad.Tape.IsGradEnabled);
            y = (x * 2.0).Exp().Sum();
        }
        Assert.True(MiniGrad.Tape.IsGradEnabled);
        Assert.Equal(0, tape.Count);
        Assert.False(y.RequiresGrad);
        Assert.Null(y.GradFn);
        Assert.Throws<InvalidOperationException>(() => y.Backward());
    }

    [Fact]
    public void NestedNoGradScopesAndDoubleDisposalOfACopy()
    {
        using (MiniGrad.Tape.NoGrad())
        {
            var inner = MiniGrad.Tape.NoGrad();
            var copy = inner;
            inner.Dispose();
            copy.Dispose(); // must not close the outer scope too
            Assert.False(MiniGrad.Tape.IsGradEnabled);
            var x = T([1]).RequireGrad();
            Assert.False((x * 2.0).RequiresGrad);
        }
        Assert.True(MiniGrad.Tape.IsGradEnabled);
        default(MiniGrad.Tape.NoGradScope).Dispose(); // never opened: no effect
        Assert.True(MiniGrad.Tape.IsGradEnabled);
    }

    [Fact]
    public void NoGradScopeDisposedOnAnotherThreadThrows()
    {
        MiniGrad.Tape.NoGradScope scope = default;
        Exception? error = null;
        var opened = new ManualResetEventSlim();
        var tried = new ManualResetEventSlim();
        bool enabledAfter = false;
        var owner = new Thread(() =>
        {
            scope = MiniGrad.Tape.NoGrad();
            opened.Set();
            tried.Wait();
            scope.Dispose();
            enabledAfter = MiniGrad.Tape.IsGradEnabled;
        });
        owner.Start();
        opened.Wait();
        try { scope.Dispose(); } catch (InvalidOperationException e) { error = e; }
        tried.Set();
        owner.Join();
        Assert.NotNull(error);
        Assert.Contains("another thread", error!.Message);
        Assert.True(MiniGrad.Tape.IsGradEnabled);
        Assert.True(enabledAfter);
    }

    [Fact]
    public void OutOfOrderDisposalOfNoGradScopesThrows()
    {
        var outer = MiniGrad.Tape.NoGrad();
        var inner = MiniGrad.Tape.NoGrad();
        Assert.Throws<InvalidOperationException>(() => outer.Dispose());
        inner.Dispose();
        outer.Dispose();
        Assert.True(MiniGrad.Tape.IsGradEnabled);
    }

    [Fact]
    public void DetachSharesTheBufferAndCutsTheGraph()
    {
        var x = T([1, 2]).RequireGrad();
        var y = x * 3.0;
        var d = y.Detach();
        Assert.True(d.SharesStorageWith(y));
        Assert.False(d.RequiresGrad);
        Assert.True(d.IsLeaf);
        Values(d, [2], [3, 6]);
        (d * x).Sum().Backward(); // only the path through x itself counts
        Values(x.Grad, [2], [3, 6]);
    }

    [Fact]
    public void HooksSeeAndCanReplaceTheGradient()
    {
        var x = T([1, 2]).RequireGrad();
        var y = x * 2.0;
        double[]? seenAtY = null, seenAtX = null;
        y.RegisterHook(g => { seenAtY = g.ToArray(); return g * 10.0; });
        x.RegisterHook(g => { seenAtX = g.ToArray(); return null; });
        y.Backward(T([1, 3]));
        Assert.Equal([1.0, 3.0], seenAtY!);
        Assert.Equal([20.0, 60.0], seenAtX!);
        Values(x.Grad, [2], [20, 60]);
    }

    [Fact]
    public void AHookReturningTheWrongShapeIsRejected()
    {
        var x = T([1, 2]).RequireGrad();
        var y = x * 2.0;
        y.RegisterHook(_ => T([1]));
        Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
    }

    [Fact]
    public void AFailedPassLeavesNoStaleGradientForTheNextOne()
    {
        var x = T([1, 2]).RequireGrad();
        var a = x * 2.0;
        var b = a * 3.0;
        var c = a.Exp();
        b.RegisterHook(_ => throw new InvalidOperationException("hook failed"));
        // Reverse order: the sum, the add, then c (delivering to a's entry), then b, whose hook throws.
        Assert.Throws<InvalidOperationException>(() => (b + c).Sum().Backward());
        Assert.Null(x.Grad);
        (a * 1.0).Sum().Backward();
        Values(x.Grad, [2], [2, 2]);
    }

    [Fact]
    public void AutogradGradReturnsGradientsWithoutTouchingGrad()
    {
        var x = T([1, 2]).RequireGrad();
        var w = T([3, 4]).RequireGrad();
        var y = (x * w).RetainGrad();
        var grads = Autograd.Grad((y * y).Sum(), [x, w]);
        Values(grads[0], [2], [2 * 3 * 3 * 1, 2 * 8 * 4]); // 2 y w
        Values(grads[1], [2], [2 * 3 * 1, 2 * 8 * 2]);     // 2 y x
        Assert.Null(x.Grad);
        Assert.Null(w.Grad);
        Assert.Null(y.Grad);
    }

    [Fact]
    public void AutogradGradGivesItsTemporariesBackAndKeepsWhatItReturns()
    {
        var x = Tensor<double>.RandomNormal(new Generator(1), 8, 5).RequireGrad();
        var w = Tensor<double>.RandomNormal(new Generator(2), 3, 5).RequireGrad();
        using var tape = MiniGrad.Tape.Begin();
        tape.RecycleBuffers = true;
        ParkedBuffers.ReturnUnreachableNow(); // what earlier tests parked must not come back while this one counts
        long before = TensorStorage<double>.OutstandingOnThisThread;
        var kept = new List<Tensor<double>?[]>();
        for (int i = 0; i < 10; i++)
        {
            using var loss = Functional.Relu(Functional.Linear(x, w)).Pow(2.0).Sum();
            kept.Add(Autograd.Grad(loss, [x, w]));
        }
        // What is still out: the two returned gradients per call. The gradients in flight went back to the pool.
        Assert.Equal(2 * kept.Count, TensorStorage<double>.OutstandingOnThisThread - before);
        foreach (var grads in kept) Assert.Equal(kept[0][1]!.ToArray(), grads[1]!.ToArray()); // still readable
    }

    [Fact]
    public void AutogradGradOfAnIntermediateAndOfAnUnusedInput()
    {
        var x = T([1, 2]).RequireGrad();
        var unused = T([5]).RequireGrad();
        var y = x * 2.0;
        var grads = Autograd.Grad(y.Sum() * 3.0, [y, unused]);
        Values(grads[0], [2], [3, 3]);
        Assert.Null(grads[1]);
        Assert.Throws<ArgumentException>(() => Autograd.Grad(y.Sum(), [T([1])]));
    }

    [Fact]
    public void SharedIncomingGradientsAreNotAliasedBetweenLeaves()
    {
        // a + b hands one gradient tensor to both inputs; each leaf must store its own copy, or accumulating
        // into one would change the other.
        var a = T([1, 2]).RequireGrad();
        var b = T([3, 4]).RequireGrad();
        (a + b).Sum().Backward(createGraph: true);
        (a * 1.0).Sum().Backward();
        Values(a.Grad, [2], [2, 2]);
        Values(b.Grad, [2], [1, 1]);

        var c = T([1]).RequireGrad();
        var d = T([1]).RequireGrad();
        (c + d).Sum().Backward();
        Assert.NotSame(c.Grad, d.Grad);
        c.Grad!.Span[0] = 100;
        Assert.Equal(1, d.Grad!.Span[0]);
    }

    [Fact]
    public void SecondOrderThroughCreateGraph()
    {
        // d/dx x^3 = 3x^2, and d/dx of that = 6x.
        var x = T([1, 2, -3]).RequireGrad();
        x.Pow(3).Sum().Backward(createGraph: true);
        var first = x.Grad!;
        Values(first, [3], [3, 12, 27]);
        Assert.True(first.RequiresGrad);
        x.Grad = null;
        first.Sum().Backward();
        Values(x.Grad, [3], [6, 12, -18]);
    }

    [Fact]
    public void SecondOrderThroughAutogradGrad()
    {
        var x = T([0.5, 2]).RequireGrad();
        var y = (x * x.Exp()).Sum();
        var g = Autograd.Grad(y, [x], createGraph: true)[0]!;    // (1 + x) e^x
        var h = Autograd.Grad(g.Sum(), [x])[0]!;                  // (2 + x) e^x
        Close.All<double>([1.5 * Math.Exp(0.5), 3 * Math.Exp(2)], g.ReadOnlySpan, 1e-12, 0);
        Close.All<double>([2.5 * Math.Exp(0.5), 4 * Math.Exp(2)], h.ReadOnlySpan, 1e-12, 0);
    }

    [Fact]
    public void RequiresGradCannotBeTurnedOffOnANonLeafAndGradMustMatchTheShape()
    {
        var x = T([1, 2]).RequireGrad();
        var y = x * 2.0;
        Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false);
        var e = Assert.Throws<ArgumentException>(() => x.Grad = T([1, 2, 3]));
        Assert.Contains("[3]", e.Message);
        Assert.Contains("[2]", e.Message);
    }
}
