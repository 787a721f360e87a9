using CommunityToolkit.HighPerformance;

namespace MiniGrad.Tests.Tensors;

/// <summary><c>AsSpan2D</c> / <c>AsReadOnlySpan2D</c>: a 2-D tensor as a grid, its writes counted as <c>Span</c>'s are.</summary>
public class Span2DTests
{
    private static Tensor<double> Matrix(int rows, int columns) =>
        Tensor.FromArray(Enumerable.Range(0, rows * columns).Select(i => (double)i).ToArray(), rows, columns);

    [Fact]
    public void TheGridIsTheTensorByRowAndColumnAndReadingWritesNothing()
    {
        var t = Matrix(3, 4);
        int version = t.Version;
        ReadOnlySpan2D<double> grid = t.AsReadOnlySpan2D();
        Assert.Equal(3, grid.Height);
        Assert.Equal(4, grid.Width);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
                Assert.Equal(t[i, j], grid[i, j]);
        Assert.Equal([8.0, 9.0, 10.0, 11.0], grid.GetRowSpan(2).ToArray());
        Assert.Equal(version, t.Version);
    }

    [Fact]
    public void ARowSliceIsSeenFromItsOwnFirstRow()
    {
        var rows = Matrix(4, 3)[1..3];
        var grid = rows.AsReadOnlySpan2D();
        Assert.Equal(2, grid.Height);
        Assert.Equal(3.0, grid[0, 0]);
        Assert.Equal(8.0, grid[1, 2]);
    }

    [Fact]
    public void WritingThroughTheGridChangesTheTensorAndCountsAsAWrite()
    {
        var t = Matrix(2, 3);
        int version = t.Version;
        var grid = t.AsSpan2D();
        Assert.Equal(version + 1, t.Version);
        grid[1, 2] = -7;
        grid.GetRowSpan(0).Fill(1);
        Assert.Equal([1.0, 1.0, 1.0, 3.0, 4.0, -7.0], t.ToArray());
    }

    [Fact]
    public void AGridWrittenAfterTheForwardPassStopsTheBackwardPassAsSpanDoes()
    {
        var x = Matrix(2, 2).RequireGrad();
        var w = Matrix(2, 2).RequireGrad();
        var y = (x * w).Sum();
        w.AsSpan2D()[0, 1] = 100;
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("written since", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 6 }, "Reshape(1, -1)")]
    [InlineData(new[] { 2, 3, 4 }, "Reshape(-1, lastDim)")]
    [InlineData(new int[0], "Reshape(1, -1)")]
    public void AnythingButAMatrixIsRefusedNamingItsShapeAndWritingNothing(int[] shape, string advice)
    {
        var t = Tensor<float>.Zeros(shape);
        int version = t.Version;
        var write = Assert.Throws<InvalidOperationException>(() => t.AsSpan2D());
        var read = Assert.Throws<InvalidOperationException>(() => t.AsReadOnlySpan2D());
        Assert.StartsWith("AsSpan2D: ", write.Message, StringComparison.Ordinal);
        Assert.StartsWith("AsReadOnlySpan2D: ", read.Message, StringComparison.Ordinal);
        Assert.Contains($"shape {t.Shape} (rank {shape.Length})", write.Message, StringComparison.Ordinal);
        Assert.Contains(advice, write.Message, StringComparison.Ordinal);
        Assert.Equal(version, t.Version);
    }

    [Fact]
    public void ADisposedTensorHasNoGrid()
    {
        var t = Matrix(2, 2);
        t.Dispose();
        Assert.Throws<ObjectDisposedException>(() => t.AsSpan2D());
        Assert.Throws<ObjectDisposedException>(() => t.AsReadOnlySpan2D());
    }

    [Fact]
    public void AnEmptyMatrixIsAnEmptyGrid()
    {
        var grid = Tensor<double>.Zeros(0, 5).AsReadOnlySpan2D();
        Assert.Equal(0, grid.Height);
        Assert.Equal(5, grid.Width);
        Assert.True(grid.IsEmpty);
    }
}
