using MiniGrad.Nn;

namespace MiniGrad.Tests.Losses;

/// <summary>
/// A row of logits holding +inf: PyTorch 1.13's log_softmax computes exp(inf - inf) there, so the loss and every
/// gradient of that row are NaN whatever the target; MiniGrad used to give +inf and a gradient of -1.
/// </summary>
public class CrossEntropyInfiniteLogitTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ARowWithPlusInfinityIsNaNForEveryTargetAsInPyTorch(bool createGraph)
    {
        var logits = Tensor.FromArray(new[] { double.PositiveInfinity, 1.0, 2.0, 0.5, 1.5, -1.0 }, 2, 3).RequireGrad();
        var loss = Functional.CrossEntropy(logits, [1, 2], Reduction.None);
        var values = loss.ToArray();
        Assert.True(double.IsNaN(values[0]));
        Assert.True(double.IsFinite(values[1]));
        loss.Sum().Backward(createGraph: createGraph);
        var grad = logits.Grad!.ToArray();
        Assert.All(grad[..3], v => Assert.True(double.IsNaN(v)));
        Assert.All(grad[3..], v => Assert.True(double.IsFinite(v)));
    }
}
