namespace MiniGrad.Tests.Kernels;

public class ElementwiseKernelTests
{
    [Fact]
    public void ExpAndLogAreExactWhereTheyShouldBeAndCorrectlyRoundedInFloat()
    {
        Assert.Equal(1f, Tensor.FromArray(new[] { 0f }).Exp().Item());
        Assert.Equal(1.0, Tensor.FromArray(new[] { 0.0 }).Exp().Item());
        Assert.Equal(0f, Tensor.FromArray(new[] { 1f }).Log().Item());
        // e^-1 = 0.367879441171...; the nearest floats are 0.36787942 and 0.36787945 (0x3EBC5AB2): the latter is nearer.
        Assert.Equal(BitConverter.SingleToInt32Bits(0.36787945f), BitConverter.SingleToInt32Bits(Tensor.FromArray(new[] { -1f }).Exp().Item()));
        var x = Tensor<float>.RandomUniform(new Generator(3), -20, 20, 4096);
        var y = x.Exp();
        for (int i = 0; i < x.Length; i++)
        {
            // Correct rounding: |y - e^x| is at most half the gap between neighbouring floats around y.
            double exact = Math.Exp(x.Span[i]);
            float yi = y.Span[i];
            double halfUlp = (MathF.BitIncrement(yi) - yi) / 2.0;
            Assert.True(Math.Abs(yi - exact) <= halfUlp, $"exp({x.Span[i]:R}) = {yi:R}, exact {exact:R}");
        }
    }
}
