namespace MiniGrad.Tests.Tape;

using Tape = MiniGrad.Tape;

/// <summary>Autograd.DetectAnomaly: where a NaN or infinity in a backward pass comes from.</summary>
public class AnomalyModeTests
{
    /// <summary>d sqrt(x)/dx = 1/(2 sqrt x) is infinite at 0: a finite forward with a non-finite backward.</summary>
    private static Tensor<double> SqrtAtZero(out Tensor<double> x)
    {
        x = Tensor.FromArray(new[] { 4.0, 0.0 }).RequireGrad();
        x.Name = "x";
        return x.Sqrt().Sum();
    }

    [Fact]
    public void TheFirstNonFiniteGradientNamesTheOpTheInputTheShapeAndTheUsersLine()
    {
        using var tape = Tape.Begin();
        using (Autograd.DetectAnomaly())
        {
            var loss = SqrtAtZero(out var x);
            var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
            Assert.Contains("SqrtBackward0 returned Infinity at element 1 of the gradient for its input 0 ('x', shape [2])", e.Message);
            // The op was made in this file by SqrtAtZero: the first frame outside MiniGrad.
            Assert.Contains($"The op was created at {typeof(AnomalyModeTests).FullName}.{nameof(SqrtAtZero)} in ", e.Message);
            Assert.Contains(nameof(AnomalyModeTests) + ".cs:line ", e.Message);
            Assert.Null(x.Grad); // the pass stopped before anything reached the leaf
        }
    }

    [Fact]
    public void OffByDefaultTheSameBackwardRunsAndLeavesTheInfinityInGrad()
    {
        using var tape = Tape.Begin();
        Assert.False(Autograd.IsAnomalyEnabled);
        var loss = SqrtAtZero(out var x);
        Assert.Null(loss.GradFn!.CreationTrace);
        loss.Backward();
        Assert.Equal(0.25, x.Grad!.ToArray()[0]);
        Assert.Equal(double.PositiveInfinity, x.Grad!.ToArray()[1]);
    }

    [Fact]
    public void AnOpRecordedBeforeTheScopeIsStillCheckedAndTheMessageSaysWhereItWasMadeIsUnknown()
    {
        using var tape = Tape.Begin();
        var loss = SqrtAtZero(out _);
        using (Autograd.DetectAnomaly())
        {
            var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
            Assert.Contains("SqrtBackward0 returned Infinity", e.Message);
            Assert.Contains("recorded before anomaly mode was turned on", e.Message);
        }
    }

    [Fact]
    public void ALinearLayersWeightGradientIsCheckedTooNotAddedInPlaceUnseen()
    {
        using var tape = Tape.Begin();
        var w = Tensor.FromArray(new[] { 1.0, 2.0 }, 1, 2).RequireGrad();
        w.Grad = Tensor<double>.Zeros(1, 2); // an existing Grad is where the engine would add dW in place
        using (Autograd.DetectAnomaly())
        {
            var input = Tensor.FromArray(new[] { 1.0, double.NaN }, 1, 2);
            var loss = Functional.Linear(input, w).Sum();
            var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
            Assert.Contains("returned NaN at element 1 of the gradient for its input", e.Message);
            Assert.Contains("shape [1, 2]", e.Message);
        }
        Assert.Equal(new[] { 0.0, 0.0 }, w.Grad!.ToArray());
    }

    [Fact]
    public void ScopesNestAndCloseInOrder()
    {
        var outer = Autograd.DetectAnomaly();
        var inner = Autograd.DetectAnomaly();
        Assert.Throws<InvalidOperationException>(() => outer.Dispose());
        inner.Dispose();
        Assert.True(Autograd.IsAnomalyEnabled);
        inner.Dispose(); // a second dispose of the same scope does nothing
        Assert.True(Autograd.IsAnomalyEnabled);
        outer.Dispose();
        Assert.False(Autograd.IsAnomalyEnabled);
    }
}
