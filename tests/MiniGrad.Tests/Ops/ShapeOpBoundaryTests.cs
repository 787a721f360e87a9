namespace MiniGrad.Tests.Ops;

/// <summary>
/// The shape ops at the edges of what they accept, as <c>torch</c> behaves there: the first and last valid dim and
/// start, empty pieces, exact fits, and the first value past each edge, which is refused naming the op.
/// </summary>
public class ShapeOpBoundaryTests
{
    private static Tensor<double> Range(params int[] shape)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        return Tensor<double>.FromArray(Enumerable.Range(0, n).Select(i => (double)i).ToArray(), shape);
    }

    [Fact]
    public void UnsqueezeTakesEveryDimFromMinusRankMinusOneToRank()
    {
        var x = Range(2, 3);
        Assert.Equal(new TensorShape(1, 2, 3), x.Unsqueeze(-3).Shape);
        Assert.Equal(new TensorShape(2, 3, 1), x.Unsqueeze(2).Shape);
        Assert.Equal(new TensorShape(2, 3, 1), x.Unsqueeze(-1).Shape);
        Assert.Contains("unsqueeze", Assert.Throws<ArgumentOutOfRangeException>(() => x.Unsqueeze(3)).Message);
        Assert.Contains("unsqueeze", Assert.Throws<ArgumentOutOfRangeException>(() => x.Unsqueeze(-4)).Message);
    }

    [Fact]
    public void SqueezeOfOneDimRemovesItOnlyWhenItsSizeIsOne()
    {
        Assert.Equal(new TensorShape(3), Range(1, 3).Squeeze(0).Shape);
        Assert.Equal(new TensorShape(3), Range(3, 1).Squeeze(-1).Shape);
        Assert.Equal(new TensorShape(2, 3), Range(2, 3).Squeeze(0).Shape);
        Assert.Equal(new TensorShape(3), Range(1, 3, 1).Squeeze().Shape);
        Assert.Contains("squeeze", Assert.ThrowsAny<ArgumentException>(() => Range(2, 3).Squeeze(2)).Message);
    }

    [Fact]
    public void ARankZeroTensorSqueezesAlongDimZeroOrMinusOneOnly()
    {
        var s = Tensor<double>.Scalar(4.0);
        Assert.Equal(0, s.Squeeze(0).Rank);
        Assert.Equal(0, s.Squeeze(-1).Rank);
        Assert.Equal(4.0, s.Squeeze(-1).Item());
        Assert.ThrowsAny<ArgumentException>(() => s.Squeeze(1));
        Assert.ThrowsAny<ArgumentException>(() => s.Squeeze(-2));
    }

    [Fact]
    public void FlattenOfOneDimIsTheSameShapeAndAStartAfterTheEndIsRefused()
    {
        var x = Range(2, 3, 4);
        Assert.Equal(new TensorShape(2, 3, 4), x.Flatten(1, 1).Shape);
        Assert.Equal(new TensorShape(2, 12), x.Flatten(1).Shape);
        Assert.Equal(new TensorShape(1), Tensor<double>.Scalar(1.0).Flatten().Shape);
        Assert.Contains("flatten", Assert.Throws<ArgumentException>(() => x.Flatten(2, 1)).Message);
        Assert.Contains("flatten", Assert.ThrowsAny<ArgumentException>(() => x.Flatten(0, 3)).Message);
    }

    [Fact]
    public void NarrowTakesStartZeroAnExactFitAnEmptyPieceAndANegativeStart()
    {
        var x = Range(2, 4);
        Assert.Equal(new[] { 0.0, 1.0, 4.0, 5.0 }, x.Narrow(1, 0, 2).ToArray());
        Assert.Equal(new[] { 2.0, 3.0, 6.0, 7.0 }, x.Narrow(1, 2, 2).ToArray());
        Assert.Equal(new TensorShape(2, 0), x.Narrow(1, 4, 0).Shape);
        Assert.Equal(new[] { 3.0, 7.0 }, x.Narrow(1, -1, 1).ToArray());
        Assert.Equal(new[] { 0.0, 4.0 }, x.Narrow(1, -4, 1).ToArray());
        Assert.Contains("narrow", Assert.Throws<ArgumentOutOfRangeException>(() => x.Narrow(1, 3, 2)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Narrow(1, 0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Narrow(1, -5, 1));
        Assert.Contains("narrow", Assert.ThrowsAny<ArgumentException>(() => x.Narrow(2, 0, 1)).Message);
    }

    [Fact]
    public void RepeatTakesOneRepeatPerDimAndZeroAndRefusesFewerOrNegative()
    {
        var x = Range(2, 2);
        Assert.Equal(new[] { 0.0, 1.0, 0.0, 1.0, 2.0, 3.0, 2.0, 3.0 }, x.Repeat(1, 2).ToArray());
        Assert.Equal(new TensorShape(0, 2), x.Repeat(0, 1).Shape);
        Assert.Equal(new TensorShape(3, 2, 2), x.Repeat(3, 1, 1).Shape);
        Assert.Contains("repeat", Assert.Throws<ArgumentException>(() => x.Repeat(2)).Message);
        Assert.Contains("repeat", Assert.Throws<ArgumentOutOfRangeException>(() => x.Repeat(1, -1)).Message);
    }

    [Fact]
    public void SplitAndChunkMakeTorchsPieces()
    {
        var x = Range(5);
        Assert.Equal([2, 2, 1], x.Split(2).Select(p => p.Length));
        Assert.Equal([2, 2], Range(4).Split(2).Select(p => p.Length));
        Assert.Equal([5], x.Split(5).Select(p => p.Length));
        Assert.Equal([3, 2], x.Chunk(2).Select(p => p.Length));
        Assert.Equal([2, 2], Range(4).Chunk(2).Select(p => p.Length));
        Assert.Equal([2, 2, 2], Range(6).Chunk(4).Select(p => p.Length)); // torch.chunk(6 elements, 4): three pieces of 2
        Assert.Equal([1, 1, 1, 1, 1], x.Chunk(9).Select(p => p.Length));
        Assert.Equal(new[] { 3.0, 4.0 }, x.Chunk(2)[1].ToArray());
        Assert.Contains("split", Assert.Throws<ArgumentOutOfRangeException>(() => x.Split(0)).Message);
        Assert.Contains("chunk", Assert.Throws<ArgumentOutOfRangeException>(() => x.Chunk(0)).Message);
        Assert.Contains("split", Assert.ThrowsAny<ArgumentException>(() => x.Split(1, 1)).Message);
        Assert.Contains("chunk", Assert.ThrowsAny<ArgumentException>(() => x.Chunk(1, 1)).Message);
    }

    [Fact]
    public void StackRefusesNoTensorsANullAndTwoShapes()
    {
        var a = Range(2);
        Assert.Equal(new TensorShape(2, 2), Tensor.Stack([a, a]).Shape);
        Assert.Contains("stack", Assert.Throws<ArgumentException>(() => Tensor.Stack(Array.Empty<Tensor<double>>())).Message);
        Assert.Contains("stack", Assert.Throws<ArgumentException>(() => Tensor.Stack([a, null!])).Message);
        Assert.Contains("stack", Assert.Throws<ArgumentException>(() => Tensor.Stack([a, Range(3)])).Message);
    }

    [Fact]
    public void DotAndOuterRefuseWhatIsNotTwoVectors()
    {
        var v = Range(3);
        Assert.Equal(5.0, v.Dot(v).Item());
        Assert.Contains("dot", Assert.Throws<ArgumentException>(() => v.Dot(Range(4))).Message);
        Assert.Contains("dot", Assert.Throws<ArgumentException>(() => Range(1, 3).Dot(v)).Message);
        Assert.Contains("dot", Assert.Throws<ArgumentException>(() => v.Dot(Range(3, 1))).Message);
        Assert.Equal(new TensorShape(3, 2), v.Outer(Range(2)).Shape);
        Assert.Contains("outer", Assert.Throws<ArgumentException>(() => Range(1, 3).Outer(v)).Message);
        Assert.Contains("outer", Assert.Throws<ArgumentException>(() => v.Outer(Range(3, 1))).Message);
    }

    [Fact]
    public void MatMulRefusesARankZeroOperandOnEitherSide()
    {
        var s = Tensor<double>.Scalar(2.0);
        Assert.Contains("matmul", Assert.Throws<ArgumentException>(() => Tensor.MatMul(s, Range(2))).Message);
        Assert.Contains("matmul", Assert.Throws<ArgumentException>(() => Tensor.MatMul(Range(2), s)).Message);
    }

    [Fact]
    public void RowSlicesTakeTheEndsAndRefuseOnePast()
    {
        var x = Range(3, 2);
        Assert.Equal(new TensorShape(0, 2), x[3..3].Shape);
        Assert.Equal(new[] { 4.0, 5.0 }, x[2..3].ToArray());
        Assert.Equal(new[] { 4.0, 5.0 }, x[^1..].ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => x[4..4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => x[2..1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.SliceRows(3, 1));
        Assert.Equal(new TensorShape(0, 2), x.SliceRows(3, 0).Shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.SliceRows(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.SliceRows(0, -1));
    }

    [Fact]
    public void MultiRangeSlicesTakeTheEndsAndAlwaysCopy()
    {
        var x = Range(2, 3);
        Assert.Equal(new TensorShape(2, 0), x[.., 3..3].Shape);
        Assert.Equal(new[] { 2.0, 5.0 }, x[.., 2..3].ToArray());
        var whole = x[.., ..];
        Assert.NotSame(x, whole);
        Assert.Equal(x.ToArray(), whole.ToArray());
        whole.Span[0] = 100;
        Assert.Equal(0.0, x[0, 0]); // a copy: writing into it leaves the tensor as it was
        Assert.Throws<ArgumentOutOfRangeException>(() => x[.., 3..4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => x[.., 2..1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => x[3..3, ..]);
    }

    [Fact]
    public void SelectTakesTheLastAndTheFirstIndexCountedFromTheEnd()
    {
        var x = Range(2, 3);
        Assert.Equal(new[] { 2.0, 5.0 }, x.Select(1, 2).ToArray());
        Assert.Equal(new[] { 0.0, 3.0 }, x.Select(1, -3).ToArray());
        Assert.Equal(new[] { 3.0, 4.0, 5.0 }, x.Select(0, -1).ToArray());
        Assert.Contains("select", Assert.Throws<ArgumentOutOfRangeException>(() => x.Select(1, 3)).Message);
        Assert.Contains("select", Assert.Throws<ArgumentOutOfRangeException>(() => x.Select(1, -4)).Message);
    }

    [Theory]
    [InlineData("maximum")]
    [InlineData("minimum")]
    [InlineData("pow")]
    [InlineData("where")]
    public void ABroadcastingErrorNamesTheOp(string op)
    {
        var a = Range(2);
        var b = Range(3);
        Func<Tensor<double>> apply = op switch
        {
            "maximum" => () => Tensor<double>.Maximum(a, b),
            "minimum" => () => Tensor<double>.Minimum(a, b),
            "pow" => () => a.Pow(b),
            _ => () => Tensor.Where(a, a, b),
        };
        Assert.StartsWith(op, Assert.ThrowsAny<ArgumentException>(apply).Message);
    }

    [Fact]
    public void CatRefusesNoTensorsANullAndOtherDimsThatDisagree()
    {
        var a = Range(2, 3);
        Assert.Equal(new TensorShape(2, 5), Tensor.Cat([a, Range(2, 2)], 1).Shape);
        Assert.Contains("cat", Assert.Throws<ArgumentException>(() => Tensor.Cat(Array.Empty<Tensor<double>>())).Message);
        Assert.Contains("cat: tensor 1 is null", Assert.Throws<ArgumentNullException>(() => Tensor.Cat([a, null!])).Message);
        Assert.Contains("cat", Assert.Throws<ArgumentException>(() => Tensor.Cat([a, Range(3, 2)], 1)).Message);
        Assert.Contains("cat", Assert.Throws<ArgumentException>(() => Tensor.Cat([a, Range(2, 3, 1)], 1)).Message);
    }

    [Fact]
    public void ExpandToTheSameShapeIsTheTensorAndToAnIncompatibleOneIsRefused()
    {
        var x = Range(1, 3);
        Assert.Same(x, x.Expand(new TensorShape(1, 3)));
        Assert.Contains("expand", Assert.ThrowsAny<ArgumentException>(() => x.Expand(new TensorShape(2, 4))).Message);
        Assert.Contains("expand", Assert.ThrowsAny<ArgumentException>(() => Range(2, 3).Expand(new TensorShape(1, 3))).Message);
    }

    [Fact]
    public void MaxAlongAnEmptyDimIsRefused() =>
        Assert.Contains("max: dim 1", Assert.Throws<ArgumentException>(() => Tensor<double>.Zeros(new TensorShape(2, 0)).Max(1)).Message);

    [Fact]
    public void PermuteRefusesTooFewDimsARepeatedDimAndOneOutOfRange()
    {
        var x = Range(2, 3, 4);
        Assert.Equal(new TensorShape(4, 2, 3), x.Permute(-1, 0, 1).Shape);
        Assert.Contains("permute", Assert.Throws<ArgumentException>(() => x.Permute(0, 1)).Message);
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => x.Permute(0, 1, -2)).Message);
        Assert.Contains("permute", Assert.ThrowsAny<ArgumentException>(() => x.Permute(0, 1, 3)).Message);
    }

    [Fact]
    public void ReshapeInfersOneMinusOneAndRefusesTwoOrANegativeSize()
    {
        var x = Range(2, 3);
        Assert.Equal(new TensorShape(3, 2), x.Reshape(-1, 2).Shape);
        Assert.Equal(new TensorShape(6), x.Reshape(-1).Shape);
        Assert.Contains("only one dimension can be -1", Assert.Throws<ArgumentException>(() => x.Reshape(-1, -1)).Message);
        Assert.Contains("invalid dimension -2", Assert.Throws<ArgumentException>(() => x.Reshape(-2, 3)).Message);
        Assert.Contains("reshape", Assert.ThrowsAny<ArgumentException>(() => x.Reshape(4, -1)).Message);
    }

    [Fact]
    public void SlicingRowsOfARankZeroTensorIsRefused() =>
        Assert.Contains("rank-0", Assert.Throws<InvalidOperationException>(() => Tensor<double>.Scalar(1.0).SliceRows(0, 1)).Message);

    [Fact]
    public void SumToTheSameShapeIsTheTensor()
    {
        var x = Range(2, 3);
        Assert.Same(x, x.SumTo(new TensorShape(2, 3)));
        Assert.Equal(new[] { 3.0, 5.0, 7.0 }, x.SumTo(new TensorShape(1, 3)).ToArray());
    }
}
