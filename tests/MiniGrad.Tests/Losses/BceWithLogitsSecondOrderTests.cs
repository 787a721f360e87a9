using MiniGrad.Nn;

namespace MiniGrad.Tests.Losses;

/// <summary>
/// BCE with logits differentiated twice (<c>createGraph</c>): the recorded backward built σ(x) as 1/(e^-x + 1), whose
/// derivative is ∞/∞ = NaN once e^-x overflows; the true second derivative σ(1 - σ) is 0 there.
/// </summary>
public class BceWithLogitsSecondOrderTests
{
    [Fact]
    public void SecondDerivativeAtLargeNegativeLogitsIsZero()
    {
        var x = Tensor.FromArray(new[] { -1e30f, -100f, 1e30f, 0f }).RequireGrad();
        var t = Tensor.FromArray(new[] { 0f, 1f, 0.5f, 1f });
        var dx = Autograd.Grad(Functional.BinaryCrossEntropyWithLogits(x, t, Reduction.Sum), [x], createGraph: true)[0]!;
        Assert.Equal(new[] { 0f, -1f, 0.5f, -0.5f }, dx.ToArray());
        dx.Sum().Backward();
        Assert.Equal(new[] { 0f, 0f, 0f, 0.25f }, x.Grad!.ToArray());
    }
}
