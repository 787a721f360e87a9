namespace MiniGrad.Tests.Tape;

using Tape = MiniGrad.Tape;

/// <summary>What the backward pass gives back to the pool, and what stays readable.</summary>
public class BufferRecyclingTests
{
    private static (Tensor<double> W, Tensor<double> Hidden, Tensor<double> Loss) Graph()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2.0, 3.0, 4.0 }, 2, 2);
        var w = Tensor.FromArray(new[] { 0.5, -1.0, 2.0, 0.25 }, 2, 2).RequireGrad();
        var hidden = Tensor<double>.MatMul(x, w, transposeB: true);
        var loss = (hidden * hidden).Sum();
        return (w, hidden, loss);
    }

    [Fact]
    public void WithoutRecyclingIntermediatesStayReadableAfterBackward()
    {
        using var tape = Tape.Begin();
        var (w, hidden, loss) = Graph();
        double[] before = hidden.ToArray();
        loss.Backward();
        Assert.False(hidden.IsDisposed);
        Assert.Equal(before, hidden.ToArray());
        Assert.NotNull(w.Grad);
    }

    [Fact]
    public void WithRecyclingIntermediatesGoBackButTheLossAndGradientsStay()
    {
        using var tape = Tape.Begin();
        tape.RecycleBuffers = true;
        var (w, hidden, loss) = Graph();
        var expected = hidden.ToArray().Select(v => 2 * v).ToArray(); // dLoss/dHidden
        loss.Backward();
        Assert.True(hidden.IsDisposed);
        Assert.False(loss.IsDisposed);
        Assert.Equal(2 * (expected[0] * 1 + expected[2] * 3), 2 * w.Grad!.Span[0], 12);
        Assert.Throws<ObjectDisposedException>(() => hidden.ToArray());
    }

    [Fact]
    public void GradientsKeptByAHookStayReadable()
    {
        using var tape = Tape.Begin();
        var (_, hidden, loss) = Graph();
        Tensor<double>? seen = null;
        hidden.RegisterHook(g =>
        {
            seen = g;
            return null;
        });
        loss.Backward();
        Assert.NotNull(seen);
        Assert.False(seen!.IsDisposed);
        Assert.Equal(hidden.ToArray().Select(v => 2 * v), seen.ToArray());
    }

    [Fact]
    public void GradientsReturnedByAutogradGradStayReadable()
    {
        using var tape = Tape.Begin();
        var (w, _, loss) = Graph();
        var grads = Autograd.Grad(loss, [w]);
        Assert.False(grads[0]!.IsDisposed);
        Assert.Equal(4, grads[0]!.ToArray().Length);
    }

    [Fact]
    public void AGradientThatReachesALeafTwiceIsSummedAndKept()
    {
        using var tape = Tape.Begin();
        var a = Tensor.FromArray(new[] { 1.0, -2.0 }).RequireGrad();
        var loss = (a + a).Sum(); // Add passes one gradient tensor to both inputs
        loss.Backward();
        Assert.Equal(new[] { 2.0, 2.0 }, a.Grad!.ToArray());
        loss = (a * 3.0).Sum();
        loss.Backward();
        Assert.Equal(new[] { 5.0, 5.0 }, a.Grad!.ToArray());
    }

    [Fact]
    public void ZeroingGradientsWithRecyclingGivesTheEngineMadeGradientBack()
    {
        using var tape = Tape.Begin();
        tape.RecycleBuffers = true;
        var module = new OneParameter();
        module.Forward(Tensor.FromArray(new[] { 1.0, 2.0 })).Backward();
        var g = module.P.Grad!;
        var mine = Tensor.FromArray(new[] { 1.0, 1.0 });
        module.ZeroGrad();
        Assert.True(g.IsDisposed);
        module.P.Grad = mine; // a gradient the user set is never disposed by ZeroGrad
        module.ZeroGrad();
        Assert.False(mine.IsDisposed);
    }

    [Fact]
    public void TensorZeroGradKeepsOrZeroesOrDropsAsAsked()
    {
        using var tape = Tape.Begin();
        var w = Tensor.FromArray(new[] { 1.0, 2.0 }).RequireGrad();
        (w * w).Sum().Backward();
        var g = w.Grad!;
        Assert.Equal(new[] { 2.0, 4.0 }, g.ToArray());
        w.ZeroGrad(setToNone: false);
        Assert.Same(g, w.Grad);
        Assert.Equal(new[] { 0.0, 0.0 }, g.ToArray());
        w.ZeroGrad();
        Assert.Null(w.Grad);
        Assert.False(g.IsDisposed); // recycling is off: the tensor stays the caller's to read
        w.ZeroGrad(); // no gradient: nothing to do
        Assert.Null(w.Grad);
    }

    [Fact]
    public void TensorZeroGradDropsARecordedGradientEvenWhenAskedToZeroIt()
    {
        using var tape = Tape.Begin();
        var x = Tensor.FromArray(new[] { 3.0 }).RequireGrad();
        (x * x * x).Sum().Backward(createGraph: true);
        var g = x.Grad!;
        Assert.NotNull(g.GradFn);
        x.ZeroGrad(setToNone: false);
        Assert.Null(x.Grad);
        Assert.Equal(new[] { 27.0 }, g.ToArray()); // the recorded gradient itself was not written into
    }

    private sealed class OneParameter : MiniGrad.Nn.Module<double>
    {
        public OneParameter() => P = RegisterParameter("p", Tensor.FromArray(new[] { 0.5, 0.5 }));

        public Tensor<double> P { get; }

        public override Tensor<double> Forward(Tensor<double> input) => (input * P).Sum();
    }
}
