using static MiniGrad.Tests.Support.Expect;

namespace MiniGrad.Tests.Ops;

public class ShapeOpsTests
{
    [Fact]
    public void ReshapeIsAViewAndItsGradientIsReshapedBack()
    {
        var x = T([1, 2, 3, 4, 5, 6], 2, 3).RequireGrad();
        var y = x.Reshape(3, -1);
        Values(y, [3, 2], [1, 2, 3, 4, 5, 6]);
        Assert.True(y.SharesStorageWith(x));
        y.Backward(T([1, 2, 3, 4, 5, 6], 3, 2));
        Values(x.Grad, [2, 3], [1, 2, 3, 4, 5, 6]);
        Values(x.Reshape(-1), [6], [1, 2, 3, 4, 5, 6]);
        Values(x.Reshape(new TensorShape(6, 1)), [6, 1], [1, 2, 3, 4, 5, 6]);
    }

    [Fact]
    public void ReshapeToTheSameShapeIsANewTensorObject()
    {
        var x = T([1, 2, 3]);
        var y = x.Reshape(3);
        Assert.NotSame(x, y);
        y.Dispose();
        Assert.False(x.IsDisposed);
        Values(x, [3], [1, 2, 3]);
    }

    [Fact]
    public void TransposeTwoDims()
    {
        var x = T([1, 2, 3, 4, 5, 6], 2, 3).RequireGrad();
        var y = x.Transpose();
        Values(y, [3, 2], [1, 4, 2, 5, 3, 6]);
        y.Backward(T([1, 2, 3, 4, 5, 6], 3, 2));
        Values(x.Grad, [2, 3], [1, 3, 5, 2, 4, 6]);
    }

    [Fact]
    public void TransposeOuterDimsOfARankThreeTensor()
    {
        // x[i,j,k] = 6i + 3j + k with shape [2,2,3]; y = x.transpose(0, 2) has shape [3,2,2] and y[k,j,i] = x[i,j,k].
        var x = Tensor<double>.Arange(12).Reshape(2, 2, 3).Detach().RequireGrad();
        var y = x.Transpose(0, -1);
        var expected = new double[12];
        for (int k = 0; k < 3; k++)
            for (int j = 0; j < 2; j++)
                for (int i = 0; i < 2; i++)
                    expected[(k * 2 + j) * 2 + i] = 6 * i + 3 * j + k;
        Values(y, [3, 2, 2], expected);
        y.Backward(Tensor.FromArray(expected, 3, 2, 2));
        Values(x.Grad, [2, 2, 3], Enumerable.Range(0, 12).Select(v => (double)v).ToArray());
    }

    [Fact]
    public void SliceRowsIsAZeroCopyViewWhoseGradientLandsInItsRows()
    {
        var x = T([1, 2, 3, 4, 5, 6, 7, 8], 4, 2).RequireGrad();
        var y = x.SliceRows(1, 2);
        Values(y, [2, 2], [3, 4, 5, 6]);
        Assert.True(y.SharesStorageWith(x));
        y.Backward(T([1, 2, 3, 4], 2, 2));
        Values(x.Grad, [4, 2], [0, 0, 1, 2, 3, 4, 0, 0]);
    }

    [Fact]
    public void RangeIndexerSlicesRows()
    {
        var x = T([1, 2, 3, 4, 5, 6, 7, 8], 4, 2);
        Values(x[1..3], [2, 2], [3, 4, 5, 6]);
        Values(x[^1..], [1, 2], [7, 8]);
        Values(x[..0], [0, 2], []);
    }

    [Fact]
    public void SumToAndExpandAreEachOthersBackward()
    {
        var x = T([1, 2, 3, 4, 5, 6], 2, 3).RequireGrad();
        Values(x.SumTo(new TensorShape(3)), [3], [5, 7, 9]);
        Values(x.SumTo(new TensorShape(2, 1)), [2, 1], [6, 15]);
        Values(x.SumTo(new TensorShape(1, 3)), [1, 3], [5, 7, 9]);
        var total = x.SumTo(new TensorShape());
        Values(total, [], [21]);
        total.Backward(Tensor.Scalar(2.0));
        Values(x.Grad, [2, 3], [2, 2, 2, 2, 2, 2]);

        var b = T([1, 2, 3]).RequireGrad();
        var e = b.Expand(new TensorShape(2, 3));
        Values(e, [2, 3], [1, 2, 3, 1, 2, 3]);
        e.Backward(T([1, 2, 3, 4, 5, 6], 2, 3));
        Values(b.Grad, [3], [5, 7, 9]);

        var c = T([1, 2], 2, 1);
        Values(c.Expand(new TensorShape(2, 3)), [2, 3], [1, 1, 1, 2, 2, 2]);
    }
}
