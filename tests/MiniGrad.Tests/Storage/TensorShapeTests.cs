namespace MiniGrad.Tests.Storage;

public class TensorShapeTests
{
    [Fact]
    public void BasicsAndPyTorchStyleText()
    {
        var s = new TensorShape(5, 10);
        Assert.Equal(2, s.Rank);
        Assert.Equal(50, s.Length);
        Assert.Equal(10, s[-1]);
        Assert.Equal("[5, 10]", s.ToString());
        Assert.Equal(new TensorShape(5, 10), s);
        Assert.NotEqual(new TensorShape(10, 5), s);
        Assert.Equal(1, default(TensorShape).Length);
        Assert.Equal(new TensorShape(), default);
        Assert.Equal("[]", new TensorShape().ToString());
    }

    [Fact]
    public void BadShapesAndDimsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new TensorShape(2, -1));
        Assert.Throws<ArgumentException>(() => new TensorShape(1, 1, 1, 1, 1, 1, 1, 1, 1));
        Assert.Throws<ArgumentException>(() => new TensorShape(1 << 16, 1 << 16));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TensorShape(2, 3).NormalizeDim(2, "sum"));
        Assert.Contains("sum", e.Message);
        Assert.Contains("[2, 3]", e.Message);
    }
}
