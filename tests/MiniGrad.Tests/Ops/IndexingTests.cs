namespace MiniGrad.Tests.Ops;

/// <summary>
/// Gather, ScatterAdd, IndexSelect, MaskedSelect, Select and the multi-range indexer beyond the PyTorch reference
/// cases: every bad index throws naming the op, the bad value or its position and the shape, and records nothing;
/// and the call-site forms the docs promise compile and work.
/// </summary>
public class IndexingTests
{
    private static Tensor<double> X34() => Tensor.FromArray(Enumerable.Range(0, 12).Select(i => (double)i).ToArray()).Reshape(3, 4);

    /// <summary>
    /// Runs <paramref name="act"/> on a tensor that requires grad, inside a fresh tape: it must throw
    /// <typeparamref name="TException"/> whose message starts with the op's name and holds every fragment, and leave
    /// the tape empty.
    /// </summary>
    private static void Refused<TException>(Func<Tensor<double>, object> act, string op, params string[] fragments)
        where TException : Exception
    {
        using var tape = MiniGrad.Tape.Begin();
        var x = X34().RequireGrad();
        var e = Assert.Throws<TException>(() => act(x));
        Assert.StartsWith(op + ":", e.Message);
        foreach (var f in fragments) Assert.Contains(f, e.Message);
        Assert.Equal(0, tape.Count);
    }

    [Fact]
    public void GatherRefusesBadIndices()
    {
        Refused<ArgumentOutOfRangeException>(x => x.Gather(1, [0, 1, 4, 0, 0, 0], new TensorShape(3, 2)), "gather",
            "index value 4", "position [1, 0]", "dim 1 of size 4", "[3, 4]", "[0, 3]");
        Refused<ArgumentOutOfRangeException>(x => x.Gather(0, [0, -1], new TensorShape(1, 2)), "gather", "index value -1", "position [0, 1]", "negative");
        Refused<ArgumentException>(x => x.Gather(1, [0, 1, 2], new TensorShape(2, 2)), "gather", "3 values", "[2, 2]", "holds 4");
        Refused<ArgumentException>(x => x.Gather(1, [0, 1], new TensorShape(2)), "gather", "rank 1", "[3, 4]", "rank 2");
        Refused<ArgumentException>(x => x.Gather(1, [0, 0, 0, 0, 0], new TensorShape(5, 1)), "gather", "[5, 1]", "along dim 0");
        Refused<ArgumentOutOfRangeException>(x => x.Gather(2, [0], new TensorShape(1, 1)), "gather", "dim 2", "[3, 4]");
        Refused<ArgumentException>(_ => Tensor<double>.Scalar(1).RequireGrad().Gather(0, [0], new TensorShape()), "gather", "rank-0");
    }

    [Fact]
    public void ScatterAddRefusesBadIndices()
    {
        var s = Tensor<double>.Ones(2, 2);
        Refused<ArgumentOutOfRangeException>(x => x.ScatterAdd(0, [0, 1, 3, 0], s), "scatter_add", "index value 3", "position [1, 0]", "dim 0 of size 3");
        Refused<ArgumentException>(x => x.ScatterAdd(0, [0, 1, 2], s), "scatter_add", "3 values", "source shape [2, 2]");
        Refused<ArgumentException>(x => x.ScatterAdd(0, [0, 1, 2, 0], Tensor<double>.Ones(4)), "scatter_add", "rank 1", "[3, 4]");
        // A source longer than the tensor is fine along dim (five values added into row 0) ...
        Assert.Equal(new[] { 3.0, 2, 3, 3 }, X34().ScatterAdd(1, [0, 1, 2, 0, 0], Tensor<double>.Ones(1, 5)).ToArray()[..4]);
        // ... but not along another dim.
        Refused<ArgumentException>(x => x.ScatterAdd(0, [0, 0, 0, 0, 0], Tensor<double>.Ones(1, 5)), "scatter_add", "[1, 5]", "along dim 1");
    }

    [Fact]
    public void IndexSelectMaskedSelectSelectAndRangesRefuseBadIndices()
    {
        Refused<ArgumentOutOfRangeException>(x => x.IndexSelect(0, [0, 3]), "index_select", "index[1] = 3", "dim 0 of size 3", "[3, 4]");
        Refused<ArgumentOutOfRangeException>(x => x.IndexSelect(1, [-1]), "index_select", "index[0] = -1", "negative");
        Refused<ArgumentOutOfRangeException>(x => x.IndexSelect(-3, [0]), "index_select", "dim -3");
        Refused<ArgumentException>(x => x.MaskedSelect(new bool[11]), "masked_select", "11 entries", "[3, 4]", "12 elements");
        Refused<ArgumentOutOfRangeException>(x => x.Select(1, 4), "select", "index 4", "dim 1 of size 4", "[-4, 3]");
        Refused<ArgumentOutOfRangeException>(x => x.Select(1, -5), "select", "index -5");
        Refused<ArgumentOutOfRangeException>(x => x.Select(2, 0), "select", "dim 2");
        Refused<ArgumentOutOfRangeException>(x => x[.., 2..5], "slice", "2..5", "position 1", "dim 1 of size 4");
        Refused<ArgumentOutOfRangeException>(x => x[.., 3..2], "slice", "3..2");
        Refused<ArgumentException>(x => x[.., .., ..], "slice", "3 ranges", "[3, 4]");
        Refused<ArgumentException>(x => x[Array.Empty<Range>()], "slice", "0 ranges");
    }

    [Fact]
    public void TheIndexShapeIsATensorShapeBesideTheIndex()
    {
        // Not [n, 1]: TensorShape takes no collection expression (CS9174), and giving it a collection builder would make
        // Reshape([2, 3]) and Zeros([2, 3]) ambiguous between their int[] and TensorShape overloads.
        var x = X34();
        int n = 3;
        var y = x.Gather(1, [3, 0, 1], new TensorShape(n, 1));
        Assert.Equal(new TensorShape(3, 1), y.Shape);
        Assert.Equal(new[] { 3.0, 4.0, 9.0 }, y.ToArray());
    }

    [Fact]
    public void GatherTakesMoreAlongItsDimAndSumsRepeatedPicksInTheGradient()
    {
        var x = X34().RequireGrad();
        var y = x.Gather(0, [2, 2, 0, 1, 0, 2, 0, 1, 2, 2, 1, 1], new TensorShape(6, 2)); // 6 > 3 rows along dim 0
        Assert.Equal(new[] { 8.0, 9.0, 0.0, 5.0, 0.0, 9.0, 0.0, 5.0, 8.0, 9.0, 4.0, 5.0 }, y.ToArray());
        y.Sum().Backward();
        Assert.Equal(new[] { 3.0, 0, 0, 0, 1, 3, 0, 0, 2, 3, 0, 0 }, x.Grad!.ToArray());
    }

    [Fact]
    public void TheSingleRangeIndexerStillSlicesRowsAndTheMultiRangeOneCopies()
    {
        var x = X34();
        var rows = x[1..3];
        Assert.Equal(new TensorShape(2, 4), rows.Shape);
        var cols = x[.., 1..3];
        Assert.Equal(new[] { 1.0, 2, 5, 6, 9, 10 }, cols.ToArray());
        var all = x[.., ..];
        Assert.NotSame(x, all);
        Assert.Equal(x.ToArray(), all.ToArray());
        Assert.Equal(new TensorShape(3, 2), x[^3.., ^2..].Shape);
    }

    [Fact]
    public void SelectRemovesTheDimAndMaskedSelectKeepsRowMajorOrder()
    {
        var x = X34();
        Assert.Equal(new[] { 2.0, 6, 10 }, x.Select(1, -2).ToArray());
        Assert.Equal(new TensorShape(3), x.Select(1, 2).Shape);
        var mask = x.ToArray().Select(v => v % 5 == 0).ToArray();
        Assert.Equal(new[] { 0.0, 5, 10 }, x.MaskedSelect(mask).ToArray());
        Assert.Equal(new TensorShape(0), x.MaskedSelect(new bool[12]).Shape);
    }
}
