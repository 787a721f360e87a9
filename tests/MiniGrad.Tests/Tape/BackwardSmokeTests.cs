namespace MiniGrad.Tests.Tape;

public class BackwardSmokeTests
{
    [Fact]
    public void LinearLayerGradientsMatchHandDerivation()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2.0, 3.0, 4.0 }, 2, 2);
        var w = Tensor.FromArray(new[] { 0.5, -1.0, 2.0, 0.25 }, 2, 2).RequireGrad();
        var b = Tensor.FromArray(new[] { 0.1, -0.2 }).RequireGrad();
        var y = Tensor<double>.MatMul(x, w, transposeB: true) + b;
        var loss = (y * y).Sum();
        loss.Backward();
        // dL/dy = 2y; dL/dW = (2y)^T x; dL/db = sum over rows of 2y.
        var yv = y.ToArray();
        var gy = yv.Select(v => 2 * v).ToArray();
        Assert.Equal(gy[0] + gy[2], b.Grad!.Span[0], 12);
        Assert.Equal(gy[1] + gy[3], b.Grad!.Span[1], 12);
        Assert.Equal(gy[0] * 1 + gy[2] * 3, w.Grad!.Span[0], 12);
        Assert.Equal(gy[1] * 2 + gy[3] * 4, w.Grad!.Span[3], 12);
    }
}
