using MiniGrad.Nn;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Losses;

/// <summary>
/// The values of L1 and Huber against a non-zero target, and the recorded backward (<c>createGraph</c>) of the fused
/// losses: its first-order values must be the fused backward's, which second-order checks alone do not show (a wrong
/// recorded gradient is differentiated consistently).
/// </summary>
public class LossRecordedBackwardTests
{
    [Fact]
    public void L1AndHuberMeasureTheDifferenceFromTheTarget()
    {
        var p = Tensor<double>.FromArray([1.0, -2.0, 0.5, 3.0]).RequireGrad();
        var t = Tensor<double>.FromArray([2.0, 1.0, 0.25, 3.0]);
        Assert.Equal([1.0, 3.0, 0.25, 0.0], Functional.L1Loss(p, t, Reduction.None).ToArray());
        // Huber, delta 1: |d| = 1, 3, 0.25, 0 gives 0.5 (linear branch at delta), 2.5, 0.03125, 0.
        var huber = Functional.HuberLoss(p, t, 1.0, Reduction.Sum);
        Assert.Equal(0.5 + 2.5 + 0.03125, huber.Item(), 15);
        huber.Backward();
        Assert.Equal([-1.0, -1.0, 0.25, 0.0], p.Grad!.ToArray());
    }

    [Fact]
    public void CrossEntropyRecordedBackwardGivesTheFusedGradientForLogitsOfEveryScale()
    {
        // Rows of very different scales: the recorded softmax must shift each row by its own maximum.
        double[] values = [1000.0, 0.0, -1000.0, 0.5, 1.0, 2.0, -3.0, 700.0, 699.0, -1e4, -1e4 + 1, -1e4 + 2];
        int[] target = [1, 2, 0, 1];
        var upstream = Tensor<double>.FromArray([1.0, -2.0, 0.5, 3.0]);
        var fusedLeaf = Tensor<double>.FromArray(values, 4, 3).RequireGrad();
        var fused = Autograd.Grad(Functional.CrossEntropy(fusedLeaf, target, Reduction.None), [fusedLeaf], upstream)[0]!;
        var leaf = Tensor<double>.FromArray(values, 4, 3).RequireGrad();
        var recorded = Autograd.Grad(Functional.CrossEntropy(leaf, target, Reduction.None), [leaf], upstream, createGraph: true)[0]!;
        Assert.NotNull(recorded.GradFn);
        Assert.All(fused.ToArray(), v => Assert.True(double.IsFinite(v)));
        Close.All(fused.ToArray(), recorded.ReadOnlySpan, 1e-12, 1e-15, "createGraph");
        // softmax - onehot, times the upstream gradient: row 0 is [1, 0, 0] - [0, 1, 0].
        Assert.Equal([1.0, -1.0, 0.0], recorded.ToArray()[..3]);
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    public void MseRecordedBackwardGivesTheFusedGradientToBothInputs(Reduction reduction)
    {
        double[] pv = [1.0, -2.0, 0.5, 4.0], tv = [0.0, 1.0, 1.5, -1.0];
        var upstream = Tensor.Scalar(3.0);
        var p1 = Tensor<double>.FromArray(pv).RequireGrad();
        var t1 = Tensor<double>.FromArray(tv).RequireGrad();
        var fused = Autograd.Grad(Functional.MseLoss(p1, t1, reduction), [p1, t1], upstream);
        var p2 = Tensor<double>.FromArray(pv).RequireGrad();
        var t2 = Tensor<double>.FromArray(tv).RequireGrad();
        var recorded = Autograd.Grad(Functional.MseLoss(p2, t2, reduction), [p2, t2], upstream, createGraph: true);
        double norm = reduction == Reduction.Mean ? 2.0 / 4 : 2.0;
        for (int i = 0; i < 4; i++)
        {
            double expected = (pv[i] - tv[i]) * norm * 3;
            Assert.Equal(expected, fused[0]!.ToArray()[i], 14);
            Assert.Equal(expected, recorded[0]!.ToArray()[i], 14);
            Assert.Equal(-expected, fused[1]!.ToArray()[i], 14);
            Assert.Equal(-expected, recorded[1]!.ToArray()[i], 14);
        }
    }

    [Fact]
    public void MseRecordedBackwardToTheTargetAlone()
    {
        var p = Tensor<double>.FromArray([1.0, 2.0]);
        var t = Tensor<double>.FromArray([0.0, 4.0]).RequireGrad();
        var g = Autograd.Grad(Functional.MseLoss(p, t), [t], createGraph: true)[0]!;
        Assert.Equal([-1.0, 2.0], g.ToArray());
    }
}
