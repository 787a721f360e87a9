using Xunit.Abstractions;

namespace MiniGrad.Tests.GradChecking;

/// <summary>
/// Fast mode runs PyTorch's extra checks too (backward twice, zero upstream), and gives the check's buffers back to
/// the pool without touching anything the caller or a hook holds.
/// </summary>
public class FastModeTests(ITestOutputHelper output)
{
    private static readonly GradCheckOptions Fast = new() { FastMode = true };

    private static Tensor<double> Points(int n = 40, ulong seed = 3, double range = 8) =>
        Tensor<double>.RandomUniform(new Generator(seed), -range, range, n);

    private static Tensor<double> Swish(Tensor<double> t) => t * Functional.Sigmoid(t * 1.5);

    [Fact]
    public void PassesWithTheExtraChecksOfPyTorchsFastMode()
    {
        var r = GradCheck.Check(Swish, Points(1000), Fast);
        output.WriteLine(r.Report);
        Assert.True(r.Passed, r.Report);
        Assert.Equal("fast (vᵀJu)", r.Mode);
        Assert.Equal(1, r.Comparisons[0].Compared);
        Assert.Contains(r.Checks, c => c.Name == "backward twice gives the same gradient" && c.Passed);
        Assert.Contains(r.Checks, c => c.Name == "zero upstream gives zero gradient" && c.Passed);
        Assert.Contains(r.Checks, c => c.Name == "gradient shapes" && c.Passed);
    }

    [Fact]
    public void NondeterministicBackwardIsCaught()
    {
        var r = GradCheck.Check(DriftingFunction.Apply, Points(8), Fast);
        output.WriteLine(r.Report);
        Assert.False(r.Passed);
        Assert.True(r.HasHint(GradCheckHintKind.Nondeterministic), r.Report);
        Assert.True(GradCheck.Check(DriftingFunction.Apply, Points(8), Fast with { NondetTol = 1e-6 }).Passed);
    }

    [Fact]
    public void BackwardIgnoringTheUpstreamGradientIsCaught()
    {
        var r = GradCheck.Check(IgnoresUpstreamFunction.Apply, Points(6), Fast);
        output.WriteLine(r.Report);
        Assert.False(r.Passed);
        Assert.True(r.HasHint(GradCheckHintKind.NotScaledByUpstream), r.Report);
    }

    [Fact]
    public void WrongGradientShapeIsReported()
    {
        var r = GradCheck.Check(WrongShapeFunction.Apply, Points(4), Fast);
        Assert.False(r.Passed);
        Assert.Contains(r.Checks, c => c.Name == "gradient shapes" && !c.Passed);
        Assert.True(r.HasHint(GradCheckHintKind.BackwardError));
    }

    [Fact]
    public void ACheckLeavesNoBufferOutstanding()
    {
        var x = Points(1000);
        GradCheck.Check(Swish, x, Fast); // first use: lazily made state, if any, is not counted
        ParkedBuffers.ReturnUnreachableNow(); // what earlier tests parked must not come back while this one counts
        long before = TensorStorage<double>.OutstandingOnThisThread;
        var r = GradCheck.Check(Swish, x, Fast);
        Assert.True(r.Passed, r.Report);
        Assert.Equal(before, TensorStorage<double>.OutstandingOnThisThread);
    }

    [Fact]
    public void TensorsOfTheCallerAndOfHooksStayUsable()
    {
        var x = Points(30);
        var w = Tensor<double>.RandomUniform(new Generator(9), 0.5, 2, 30);
        Tensor<double>? kept = null;
        Tensor<double> F(Tensor<double> t)
        {
            var y = t * w;
            if (y.RequiresGrad) // not in the numerical evaluations, which run without recording
                y.RegisterHook(g =>
                {
                    kept = g; // a hook may keep the gradient it is shown
                    return null;
                });
            return Functional.Sigmoid(y);
        }

        var r = GradCheck.Check(F, x, Fast);
        Assert.True(r.Passed, r.Report);
        Assert.NotNull(kept);
        Assert.False(kept.IsDisposed);
        Assert.Equal(30, kept.ToArray().Length);
        Assert.False(x.IsDisposed);
        Assert.False(w.IsDisposed);
        Assert.Equal(Points(30).ToArray(), x.ToArray());
    }

    [Fact]
    public void AnOutputThatIsTheInputOrAViewOfItIsDifferencedCorrectly()
    {
        // The +eps outputs share the perturbed input's buffer: they must be read before the -eps step.
        var identity = GradCheck.Check(t => t, Points(20), Fast);
        Assert.True(identity.Passed, identity.Report);
        Assert.Equal(identity.Comparisons[0].Worst[0].Analytic, identity.Comparisons[0].Worst[0].Numerical, 6);
        var view = GradCheck.Check(t => t.Reshape(4, 5), Points(20), Fast);
        Assert.True(view.Passed, view.Report);
        Assert.NotEqual(0, view.Comparisons[0].Worst[0].Numerical);
    }

    [Fact]
    public void SeveralInputsAndOutputsAreComparedPairByPair()
    {
        var gen = new Generator(5);
        var a = Tensor<double>.RandomNormal(gen, 6);
        var b = Tensor<double>.RandomNormal(gen, 6);
        var r = GradCheck.Check(xs => [xs[0] * xs[1], Functional.Sigmoid(xs[0]) + xs[1].Exp()], [a, b], Fast);
        Assert.True(r.Passed, r.Report);
        Assert.Equal(4, r.Comparisons.Count);
        Assert.All(r.Comparisons, c => Assert.NotEqual(0, c.Worst[0].Numerical));
    }

    [Fact]
    public void ANumericalTwinWithAnotherOutputLengthIsAnError()
    {
        var x = Tensor<float>.RandomUniform(new Generator(4), -2, 2, 10);
        var e = Assert.Throws<InvalidOperationException>(() =>
            GradCheck.Check(t => t * 2f, t => t.Reshape(2, 5).Sum(1), x, Fast));
        Assert.Contains("elements", e.Message, StringComparison.Ordinal);
    }
}
