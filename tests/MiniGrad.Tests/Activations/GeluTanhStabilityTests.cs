namespace MiniGrad.Tests.Activations;

/// <summary>
/// GELU's tanh approximation far out: where tanh(u) has rounded to ±1 the gradient is exactly Φ's limit (1 or 0),
/// not the NaN of 0·∞ that x² overflowing used to give (issue 13: float at 1e20 and 1e30, double at 1e200).
/// </summary>
public class GeluTanhStabilityTests
{
    [Fact]
    public void FloatGradientAtHugeInputsIsTheLimit()
    {
        float[] xs = [1e20f, 1e30f, -1e20f, -1e30f, float.MaxValue, -float.MaxValue, 1e10f, -1e10f];
        var x = Tensor.FromArray(xs).RequireGrad();
        var y = Functional.Gelu(x, GeluApproximation.Tanh);
        y.Sum().Backward();
        Assert.Equal(new[] { 1f, 1f, 0f, 0f, 1f, 0f, 1f, 0f }, x.Grad!.ToArray());
        Assert.Equal(new[] { 1e20f, 1e30f, -0f, -0f, float.MaxValue, -0f, 1e10f, -0f }, y.ToArray());
    }

    [Fact]
    public void DoubleGradientAtHugeInputsIsTheLimit()
    {
        double[] xs = [1e200, 1e300, -1e200, -1e300, double.MaxValue, -double.MaxValue, 1e100, -1e100];
        var x = Tensor.FromArray(xs).RequireGrad();
        var y = Functional.Gelu(x, GeluApproximation.Tanh);
        y.Sum().Backward();
        Assert.Equal(new[] { 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0 }, x.Grad!.ToArray());
        Assert.Equal(new[] { 1e200, 1e300, -0.0, -0.0, double.MaxValue, -0.0, 1e100, -0.0 }, y.ToArray());
    }

    [Fact]
    public void GradientBeforeSaturationIsUnchanged()
    {
        // Where 1 - t² is not yet 0 the formula is PyTorch's, untouched: d/dx at 3 is 1.0120 (torch.autograd).
        var x = Tensor.FromArray(new[] { 3.0, -3.0 }).RequireGrad();
        Functional.Gelu(x, GeluApproximation.Tanh).Sum().Backward();
        double u = Math.Sqrt(2 / Math.PI) * (3 + 0.044715 * 27), t = Math.Tanh(u);
        double d = 0.5 * (1 + t) + 1.5 * (1 - t * t) * Math.Sqrt(2 / Math.PI) * (1 + 3 * 0.044715 * 9);
        Assert.Equal(d, x.Grad!.ToArray()[0], 14);
        Assert.Equal(1 - d, x.Grad!.ToArray()[1], 14);
    }

    [Theory]
    [InlineData(GeluApproximation.None)]
    [InlineData(GeluApproximation.Tanh)]
    public void SecondDerivativeAtHugeInputsIsZero(GeluApproximation approximate)
    {
        // Both forms' second derivatives vanish far out; x² overflowing made them 0·∞ = NaN.
        var x = Tensor.FromArray(new[] { 1e30f, -1e30f, 1e20f, -1e20f, 0.5f }).RequireGrad();
        var dx = Autograd.Grad(Functional.Gelu(x, approximate).Sum(), [x], createGraph: true)[0]!;
        dx.Sum().Backward();
        var second = x.Grad!.ToArray();
        Assert.Equal(new[] { 0f, 0f, 0f, 0f }, second[..4]);
        Assert.Equal(Math.Exp(-0.125) / Math.Sqrt(2 * Math.PI) * 1.75, second[4], 2e-3); // exact: φ(0.5)(2 - 0.25) = 0.61611
        var xd = Tensor.FromArray(new[] { 1e300, -1e300, 1e200 }).RequireGrad();
        var dxd = Autograd.Grad(Functional.Gelu(xd, approximate).Sum(), [xd], createGraph: true)[0]!;
        dxd.Sum().Backward();
        Assert.Equal(new[] { 0.0, 0.0, 0.0 }, xd.Grad!.ToArray());
    }
}
