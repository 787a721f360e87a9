using static MiniGrad.Tests.Support.Expect;

namespace MiniGrad.Tests.Ops;

/// <summary>Every shape mismatch throws an ArgumentException that names the op and both shapes.</summary>
public class ShapeErrorTests
{
    private static void Names(Action act, string op, params string[] shapes)
    {
        var e = Assert.ThrowsAny<ArgumentException>(act);
        Assert.StartsWith(op + ":", e.Message);
        foreach (var s in shapes) Assert.Contains(s, e.Message);
    }

    [Fact]
    public void MatMulInnerDimensionsExactly()
    {
        var a = Tensor<double>.Zeros(5, 10);
        var b = Tensor<double>.Zeros(5, 18);
        var e = Assert.Throws<ArgumentException>(() => a.MatMul(b));
        Assert.Equal("matmul: [5, 10] @ [5, 18]: inner dimensions 10 and 5 differ", e.Message);
        Names(() => Tensor<double>.MatMul(a, b, transposeB: true), "matmul", "[5, 10]", "[5, 18]ᵀ");
        // x.MatMul(y) follows torch.matmul: a 3-D operand is a batch, and its inner dimension must still match.
        Names(() => Tensor<double>.Zeros(2, 2, 2).MatMul(a), "matmul", "[2, 2, 2]", "[5, 10]", "inner dimensions 2 and 5 differ");
        Names(() => Tensor<double>.MatMul(Tensor<double>.Zeros(2, 2, 2), a), "matmul", "[2, 2, 2]", "[5, 10]", "2-D");
    }

    [Fact]
    public void ElementwiseOpsNameThemselvesAndBothShapes()
    {
        var a = Tensor<double>.Zeros(2, 3);
        var b = Tensor<double>.Zeros(4);
        Names(() => _ = a + b, "add", "[2, 3]", "[4]");
        Names(() => _ = a - b, "sub", "[2, 3]", "[4]");
        Names(() => _ = a * b, "mul", "[2, 3]", "[4]");
        Names(() => _ = a / b, "div", "[2, 3]", "[4]");
        Names(() => _ = Tensor<double>.Zeros(3, 2) + Tensor<double>.Zeros(2, 3), "add", "[3, 2]", "[2, 3]");
    }

    [Fact]
    public void WhereReshapeSumToExpand()
    {
        Names(() => Tensor.Where(Tensor<double>.Zeros(2), Tensor<double>.Zeros(3), Tensor<double>.Zeros(3)), "where", "[2]", "[3]");
        Names(() => Tensor<double>.Zeros(2, 3).Reshape(4, 2), "reshape", "[2, 3]", "[4, 2]");
        Names(() => Tensor<double>.Zeros(2, 3).Reshape(4, -1), "reshape", "[2, 3]", "[4, -1]");
        Names(() => Tensor<double>.Zeros(2, 3).SumTo(new TensorShape(2)), "sum_to", "[2, 3]", "[2]");
        Names(() => Tensor<double>.Zeros(3).Expand(new TensorShape(2, 4)), "expand", "[3]", "[2, 4]");
    }

    [Fact]
    public void BadDimsAndRowsAreOutOfRange()
    {
        var x = T([1, 2, 3, 4, 5, 6], 2, 3);
        Names(() => x.Sum(2), "sum", "[2, 3]");
        Names(() => x.Max(-3), "max", "[2, 3]");
        Names(() => x.Mean(5), "mean", "[2, 3]");
        Names(() => Tensor<double>.Zeros(2, 0).Max(1), "max", "[2, 0]");
        Names(() => x.Transpose(0, 2), "transpose", "[2, 3]");
        Names(() => x.SliceRows(1, 2), "slice", "[2, 3]");
        Assert.Throws<InvalidOperationException>(() => Tensor<double>.Zeros(2, 2, 2).Transpose());
        Assert.Throws<ArgumentException>(() => x.Clamp(double.NaN, 1)); // a min above max is PyTorch's "max everywhere" (OpReferenceTests)
    }
}
