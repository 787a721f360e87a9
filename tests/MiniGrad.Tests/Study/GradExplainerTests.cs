using MiniGrad.Study;

namespace MiniGrad.Tests.Study;

public class GradExplainerTests
{
    private static Tensor<double> Param(string name)
    {
        var t = Tensor.FromArray(new[] { 1.0, -2.0, 3.0 }).RequireGrad();
        t.Name = name;
        return t;
    }

    [Fact]
    public void DetachedTensorIsReportedAsDetachedAndPointsToItsTwin()
    {
        var w = Param("w");
        var loss = (w * w).Sum();
        var d = w.Detach();
        loss.Backward();
        var why = GradExplainer.WhyNoGrad(d, loss);
        Assert.Equal(NoGradReason.Detached, why.Reason);
        Assert.Contains("Detach()", why.Message, StringComparison.Ordinal);
        Assert.Contains("'w'", why.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResultOfNoGradScopeIsReportedAsSuch()
    {
        var w = Param("w");
        Tensor<double> y;
        using (MiniGrad.Tape.NoGrad()) y = w * 2.0;
        Assert.Equal(NoGradReason.CreatedUnderNoGrad, GradExplainer.WhyNoGrad(y).Reason);
        Assert.Contains("NoGrad", GradExplainer.WhyNoGrad(y).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainTensorAndResultsOfPlainTensorsNeverRequiredGrad()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2.0 });
        var y = x * 3.0;
        Assert.Equal(NoGradReason.NeverRequiredGrad, GradExplainer.WhyNoGrad(x).Reason);
        Assert.Equal(NoGradReason.NeverRequiredGrad, GradExplainer.WhyNoGrad(y).Reason);
        Assert.Contains("RequireGrad()", GradExplainer.WhyNoGrad(x).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterTheLossIgnoresIsNotOnThePath()
    {
        var used = Param("used");
        var unused = Param("unused");
        var loss = used.Sum();
        loss.Backward(retainGraph: true);
        var why = GradExplainer.WhyNoGrad(unused, loss);
        Assert.Equal(NoGradReason.NotOnPathToLoss, why.Reason);
        Assert.Contains("'unused'", why.Message, StringComparison.Ordinal);
        Assert.Equal(NoGradReason.HasGradient, GradExplainer.WhyNoGrad(used, loss).Reason);
    }

    [Fact]
    public void IntermediateWithoutRetainGradIsExplainedAndRetainedOneHasItsGradient()
    {
        var w = Param("w");
        var h = w * 2.0;
        var kept = w * 3.0;
        kept.RetainGrad();
        var loss = (h + kept).Sum();
        loss.Backward();
        Assert.Equal(NoGradReason.IntermediateNotRetained, GradExplainer.WhyNoGrad(h, loss).Reason);
        Assert.Contains("RetainGrad()", GradExplainer.WhyNoGrad(h, loss).Message, StringComparison.Ordinal);
        Assert.Equal(NoGradReason.HasGradient, GradExplainer.WhyNoGrad(kept, loss).Reason);
    }

    [Fact]
    public void LeafOnThePathBeforeBackwardOrAfterZeroingIsWaitingForBackward()
    {
        var w = Param("w");
        var loss = (w * w).Sum();
        Assert.Equal(NoGradReason.BackwardNotRun, GradExplainer.WhyNoGrad(w, loss).Reason);
        loss.Backward();
        Assert.Equal(NoGradReason.HasGradient, GradExplainer.WhyNoGrad(w, loss).Reason);
        w.Grad = null;
        Assert.Equal(NoGradReason.BackwardNotRun, GradExplainer.WhyNoGrad(w, loss).Reason);
    }

    [Fact]
    public void HookThatZeroesAGradientStillLeavesAGradient()
    {
        var w = Param("w");
        w.RegisterHook(g => Tensor<double>.ZerosLike(g));
        var loss = (w * w).Sum();
        var x = TapeExplainer.Explain(loss);
        Assert.Equal(NoGradReason.HasGradient, GradExplainer.WhyNoGrad(w, loss).Reason);
        Assert.All(w.Grad!.ToArray(), v => Assert.Equal(0.0, v));
        Assert.Equal([2.0, -4.0, 6.0], x.Leaves.Single(l => l.Leaf == "w").ReceivedBeforeHooks!);
    }
}
