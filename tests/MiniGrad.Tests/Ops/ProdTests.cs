namespace MiniGrad.Tests.Ops;

/// <summary>Prod beyond the PyTorch reference cases: rank 0, empty products, a second derivative at a zero, a bad dim.</summary>
public class ProdTests
{
    [Fact]
    public void ProdOfARank0TensorIsItselfAndOfNothingIsOne()
    {
        var s = Tensor<double>.Scalar(-2.5).RequireGrad();
        var p = s.Prod(0);
        Assert.Equal(0, p.Rank);
        Assert.Equal(-2.5, p.Item());
        p.Backward();
        Assert.Equal(1.0, s.Grad!.Item());
        Assert.Equal(1.0, Tensor<double>.Zeros(0).Prod().Item());
        Assert.Equal(new[] { 1.0, 1.0 }, Tensor<double>.Zeros(2, 0).Prod(1).ToArray());
    }

    [Fact]
    public void ProdSecondDerivativeAtAZeroIsTheProductOfTheOtherTwo()
    {
        // y = a·b·c at a = 0: ∂²y/∂a∂b = c, which a backward that returned a constant 0 for b would lose.
        var x = Tensor.FromArray(new[] { 0.0, 2.0, 3.0 }).RequireGrad();
        var g = Autograd.Grad(x.Prod(), [x], createGraph: true)[0]!;
        Assert.Equal(new[] { 6.0, 0.0, 0.0 }, g.ToArray());
        (g * Tensor.FromArray(new[] { 1.0, 0.0, 0.0 })).Sum().Backward(); // ∂(bc)/∂x = (0, c, b)
        Assert.Equal(new[] { 0.0, 3.0, 2.0 }, x.Grad!.ToArray());
    }

    [Fact]
    public void ABadDimThrowsAndRecordsNothing()
    {
        using var tape = MiniGrad.Tape.Begin();
        var x = Tensor<double>.Ones(2, 3).RequireGrad();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x.Prod(2));
        Assert.StartsWith("prod: dim 2", e.Message);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Equal(0, tape.Count);
    }
}
