namespace MiniGrad.Tests.Ops;

/// <summary>Reductions at their edges, where PyTorch's conventions decide: empty tensors, 0-d tensors, infinities.</summary>
public class ReductionEdgeTests
{
    [Fact]
    public void TheMeanOfNothingIsNaNAsInPyTorch()
    {
        Assert.True(double.IsNaN(Tensor<double>.Zeros(0).Mean().Item()));
        var alongEmpty = Tensor<double>.Zeros(2, 0).Mean(1);
        Assert.Equal(new[] { 2 }, alongEmpty.Shape.Dims.ToArray());
        Assert.All(alongEmpty.ToArray(), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void LogSumExpOfARowOfMinusInfinityIsMinusInfinityNotNaN()
    {
        var x = Tensor.FromArray(new[] { double.NegativeInfinity, double.NegativeInfinity, 0.0, 1.0 }, 2, 2);
        var y = x.LogSumExp(1);
        Assert.Equal(double.NegativeInfinity, y.ToArray()[0]);
        Assert.Equal(Math.Log(1 + Math.E), y.ToArray()[1], 14);
    }

    [Fact]
    public void FullMaxAndMinOfAnEmptyTensorNameTheOpAndShape()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Tensor<float>.Zeros(3, 0).Max());
        Assert.Contains("max: a tensor of shape [3, 0] has no elements", e.Message);
    }

    [Fact]
    public void ANormWithAnUnsupportedPNamesIt()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor<double>.Ones(3).Norm(3));
        Assert.Contains("norm: p = 3 is not supported", e.Message);
    }
}
