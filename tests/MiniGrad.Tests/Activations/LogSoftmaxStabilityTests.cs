namespace MiniGrad.Tests.Activations;

/// <summary>
/// LogSoftmax at its maximum: exactly 0 when the other terms are negligible, in float as in double (issue 13: float
/// gave -1.19e-07 for [0, -1000, -1000, -1000], PyTorch gives 0), along the last dim and along an inner one, with a
/// gradient that is exactly 0 there too.
/// </summary>
public class LogSoftmaxStabilityTests
{
    [Fact]
    public void MaximumOfFloatRowIsExactlyZero()
    {
        var x = Tensor.FromArray(new[] { 0f, -1000f, -1000f, -1000f }).RequireGrad();
        var y = Functional.LogSoftmax(x, 0);
        Assert.Equal(new[] { 0f, -1000f, -1000f, -1000f }, y.ToArray());
        (y * Tensor.FromArray(new[] { 1f, 0f, 0f, 0f })).Sum().Backward();
        Assert.Equal(new[] { 0f, 0f, 0f, 0f }, x.Grad!.ToArray());
    }

    [Fact]
    public void MaximumIsExactlyZeroAlongAnInnerDimAndInLongRows()
    {
        // [4, 2] along dim 0 (the block path) and a row of 37 (vector passes and a scalar tail).
        var block = Functional.LogSoftmax(Tensor.FromArray(new[] { -1000f, 5f, 0f, -995f, -1000f, -995f, -1000f, -995f }, 4, 2), 0);
        Assert.Equal(new[] { -1000f, 0f, 0f, -1000f, -1000f, -1000f, -1000f, -1000f }, block.ToArray());
        var row = Enumerable.Repeat(-1000f, 37).ToArray();
        row[20] = 3f;
        var y = Functional.LogSoftmax(Tensor.FromArray(row), 0).ToArray();
        Assert.Equal(0f, y[20]);
        Assert.Equal(-1003f, y[0]);
    }

    [Fact]
    public void SmallTermsKeepTheirDigits()
    {
        // log_softmax([0, -40])[0] = -log1p(e^-40) = -4.248354e-18: log(1 + e^-40) would round to 0.
        var y = Functional.LogSoftmax(Tensor.FromArray(new[] { 0.0, -40.0 }), 0).ToArray();
        Assert.True(Math.Abs(y[0] / -Math.Exp(-40) - 1) < 1e-14, $"log_softmax([0, -40])[0] = {y[0]:R}");
        Assert.Equal(-40.0, y[1]);
        var ties = Functional.LogSoftmax(Tensor.FromArray(new[] { 2f, 2f, -1000f }), 0).ToArray();
        Assert.Equal(-MathF.Log(2), ties[0], 1e-6f);
        Assert.Equal(-MathF.Log(2), ties[1], 1e-6f);
        Assert.Equal(-1002 - MathF.Log(2), ties[2], 1e-3f);
    }
}
