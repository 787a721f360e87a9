using static MiniGrad.Tests.Support.Expect;

namespace MiniGrad.Tests.Tensors;

public class FactoryTests
{
    [Fact]
    public void ConstantFactories()
    {
        Values(Tensor<double>.Zeros(2, 2), [2, 2], [0, 0, 0, 0]);
        Values(Tensor<float>.Ones(3), [3], [1, 1, 1]);
        Values(Tensor<double>.Full(2.5, 1, 2), [1, 2], [2.5, 2.5]);
        Values(Tensor<double>.Scalar(4), [], [4]);
        Values(Tensor<double>.OnesLike(T([1, 2, 3, 4], 2, 2)), [2, 2], [1, 1, 1, 1]);
        Values(Tensor.FromArray(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }), [3, 2], [1, 2, 3, 4, 5, 6]);
        Values(Tensor<double>.FromSpan([1, 2, 3, 4, 5, 6, 7, 8], new TensorShape(2, 2, 2)), [2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Equal(4, Tensor<double>.Zeros(1, 1, 1, 1).Rank);
    }

    [Fact]
    public void FromArrayCopiesAndChecksTheElementCount()
    {
        var data = new[] { 1.0, 2.0 };
        var t = Tensor.FromArray(data);
        data[0] = 9;
        Assert.Equal(1, t.Span[0]);
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new[] { 1.0, 2.0, 3.0 }, 2, 2));
        Assert.Contains("[2, 2]", e.Message);
    }

    [Fact]
    public void ArangeAndLinspaceAsPyTorch()
    {
        Values(Tensor<double>.Arange(4), [4], [0, 1, 2, 3]);
        Values(Tensor<double>.Arange(1, 2, 0.25), [4], [1, 1.25, 1.5, 1.75]);
        Values(Tensor<double>.Arange(3, 0, -1), [3], [3, 2, 1]);
        Values(Tensor<double>.Linspace(-1, 1, 5), [5], [-1, -0.5, 0, 0.5, 1]);
        Values(Tensor<double>.Linspace(2, 3, 1), [1], [2]);
        Assert.Throws<ArgumentException>(() => Tensor<double>.Arange(0, 1, 0));
        Assert.Throws<ArgumentException>(() => Tensor<double>.Arange(0, 1, -1));
    }

    [Fact]
    public void ItemOnlyForOneElement()
    {
        Assert.Equal(3.0, T([3], 1, 1).Item());
        var e = Assert.Throws<InvalidOperationException>(() => T([1, 2]).Item());
        Assert.Contains("[2]", e.Message);
    }

    [Fact]
    public void ElementIndexerChecksRankAndRange()
    {
        var x = T([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(6, x[1, 2]);
        Assert.Throws<ArgumentException>(() => x[1]);
        Assert.Throws<IndexOutOfRangeException>(() => x[2, 0]);
    }
}
