using MiniGrad.Nn;
using MiniGrad.Optim;

namespace MiniGrad.Tests.Tape;

using Tape = MiniGrad.Tape;

/// <summary>
/// Writing into a tensor that an op saved for backward, between the forward and the backward pass, is refused:
/// the gradient would come from values the forward pass never saw (PyTorch's saved-tensor version check).
/// </summary>
public class SavedTensorVersionTests
{
    [Fact]
    public void WritingASavedInputThroughSpanMakesBackwardThrowInsteadOfAWrongGradient()
    {
        using var tape = Tape.Begin();
        var x = Tensor.FromArray(new[] { 1.0, 2.0 }).RequireGrad();
        var w = Tensor.FromArray(new[] { 2.0, 4.0 }).RequireGrad();
        w.Name = "w";
        var y = (x * w).Sum();
        int saved = w.Version;
        w.Span[0] = 200; // without the check, x.Grad would be [200, 4]
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains($"MulBackward0 needs its input 1 ('w', shape [2]) as the forward pass saw it, but it was written since (version {saved} then, {saved + 1} now)", e.Message);
        Assert.Contains("modified by an in-place operation", e.Message);
        Assert.Null(x.Grad);
    }

    [Fact]
    public void TheIndexerSetterCountsAsAWriteAndReadingDoesNot()
    {
        using var tape = Tape.Begin();
        var x = Tensor.FromArray(new[] { 1.0, 2.0 }).RequireGrad();
        var y = (x * x).Sum();
        int before = x.Version;
        _ = x[0];
        _ = x.ReadOnlySpan[1];
        _ = x.ToArray();
        _ = x.Sum().Item();
        Assert.Equal(before, x.Version);
        y.Backward(retainGraph: true);
        Assert.Equal(new[] { 2.0, 4.0 }, x.Grad!.ToArray());
        x[1] = 3.0;
        Assert.Equal(before + 1, x.Version);
        Assert.Throws<InvalidOperationException>(() => y.Backward());
    }

    [Fact]
    public void AnOpThatNeedsOnlyShapesLetsItsInputBeWrittenAsPyTorchDoes()
    {
        using var tape = Tape.Begin();
        var x = Tensor.FromArray(new[] { 1.0, 2.0 }).RequireGrad();
        var y = (x + 1.0).Sum();
        x.Span[0] = 10; // add's backward reads no values
        y.Backward();
        Assert.Equal(new[] { 1.0, 1.0 }, x.Grad!.ToArray());
    }

    [Fact]
    public void AnOpThatSavedItsOutputRefusesAChangedOutput()
    {
        using var tape = Tape.Begin();
        var x = Tensor.FromArray(new[] { 0.0, 1.0 }).RequireGrad();
        var e1 = x.Exp();
        var s = Functional.Sigmoid(x);
        e1.Span[0] = 5;
        var error = Assert.Throws<InvalidOperationException>(() => e1.Sum().Backward());
        Assert.Contains("ExpBackward0 needs its output (shape [2])", error.Message);
        s.Span[1] = 0.5;
        Assert.Throws<InvalidOperationException>(() => s.Sum().Backward());
    }

    [Fact]
    public void AViewSharesItsBasesVersionBothWays()
    {
        using var tape = Tape.Begin();
        var w = Tensor.FromArray(new[] { 1.0, 2.0, 3.0, 4.0 }, 2, 2).RequireGrad();
        var y = (w * w).Sum();
        var view = w.Detach().Reshape(4);
        Assert.Equal(w.Version, view.Version);
        view.Span[3] = 0; // the same buffer: the saved w changed
        Assert.Equal(w.Version, view.Version);
        Assert.Throws<InvalidOperationException>(() => y.Backward());
    }

    [Fact]
    public void AnOptimizerStepAndLoadStateDictCountAsWrites()
    {
        using var tape = Tape.Begin();
        var layer = new Linear<double>(2, 1, new Generator(1));
        var optimizer = new Sgd<double>(layer.Parameters(), lr: 0.1);
        var input = Tensor.FromArray(new[] { 1.0, 2.0 }, 1, 2);
        layer.Forward(input).Sum().Backward();
        var pending = layer.Forward(input).Sum(); // a graph built before the step
        int before = layer.Weight.Version;
        optimizer.Step();
        Assert.True(layer.Weight.Version > before);
        Assert.Throws<InvalidOperationException>(() => pending.Backward());

        var again = layer.Forward(input).Sum();
        before = layer.Weight.Version;
        layer.LoadStateDict(layer.StateDict());
        Assert.True(layer.Weight.Version > before);
        Assert.Throws<InvalidOperationException>(() => again.Backward());
    }
}
