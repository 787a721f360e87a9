using MiniGrad.Nn;

namespace MiniGrad.Tests.Losses;

public class MseLossFunctionTests
{
    private static Tensor<T> Random<T>(int seed, params int[] shape)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T> =>
        Tensor<T>.RandomNormal(new Generator((ulong)seed), shape);

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    public void GivesTheBitsOfTheComposedOpsForwardAndBackward(Reduction reduction)
    {
        // One fused entry instead of Sub, Mul, Sum, Div: the same arithmetic, so the same loss and gradient.
        foreach (var shape in new[] { new[] { 10, 1 }, [128, 10], [1], [3, 17] })
        {
            var p = Random<float>(shape[0], shape).RequireGrad();
            var t = Random<float>(shape[0] + 1, shape).RequireGrad();
            using var fused = Functional.MseLoss(p, t, reduction);
            fused.Backward();
            var (fp, ft) = (p.Grad!.ToArray(), t.Grad!.ToArray());
            p.Grad = t.Grad = null;

            var d = p - t;
            using var composed = reduction == Reduction.Mean ? (d * d).Mean() : (d * d).Sum();
            composed.Backward();
            Assert.Equal(composed.Item(), fused.Item());
            Assert.Equal(p.Grad!.ToArray(), fp);
            Assert.Equal(t.Grad!.ToArray(), ft);
        }
    }

    [Fact]
    public void IsOneEntryPrintedAsPytorchPrintsIt()
    {
        using var tape = MiniGrad.Tape.Begin();
        var loss = Functional.MseLoss(Random<double>(1, 4, 2).RequireGrad(), Random<double>(2, 4, 2));
        Assert.Equal("MseLoss", Assert.Single(tape.Entries).Name);
        Assert.Contains("grad_fn=<MseLossBackward0>", loss.ToString());
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    public void GradientsToBothInputsAndSecondDerivativesCheckNumerically(Reduction reduction)
    {
        var inputs = new[] { Random<double>(3, 3, 4), Random<double>(4, 3, 4) };
        Tensor<double>[] F(Tensor<double>[] t) => [Functional.MseLoss(t[0], t[1], reduction)];
        var first = GradCheck.Check(F, inputs);
        Assert.True(first.Passed, first.Report);
        var second = GradCheck.GradGradCheck(F, inputs);
        Assert.True(second.Passed, second.Report);
    }

    [Fact]
    public void AnUpstreamGradientScalesTheResultAsInPytorch()
    {
        // PyTorch's mse_loss_backward: (p - t) · (2 / N) · g.
        var p = Tensor.FromArray(new[] { 1.0, 2.0, 4.0 }).RequireGrad();
        var t = Tensor.FromArray(new[] { 0.0, 2.0, 1.0 });
        var loss = Functional.MseLoss(p, t);
        loss.Backward(Tensor.Scalar(3.0));
        Assert.Equal(new[] { 1.0 * (2.0 / 3) * 3, 0.0, 3.0 * (2.0 / 3) * 3 }, p.Grad!.ToArray());
        Assert.Null(t.Grad);
    }

    [Fact]
    public void MeanOfNoElementsIsNanAsInPytorch()
    {
        var empty = Tensor<double>.Zeros(0, 3);
        Assert.True(double.IsNaN(Functional.MseLoss(empty, empty).Item()));
        Assert.Equal(0.0, Functional.MseLoss(empty, empty, Reduction.Sum).Item());
    }
}
