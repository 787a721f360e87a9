using static MiniGrad.Tests.Support.Expect;

namespace MiniGrad.Tests.Ops;

public class ReductionOpsTests
{
    private static Tensor<double> X() => T([1, 2, 3, 4, 5, 6], 2, 3).RequireGrad();

    [Fact]
    public void SumOfAllIsRankZeroWithAGradientOfOnes()
    {
        var x = X();
        var s = x.Sum();
        Values(s, [], [21]);
        s.Backward();
        Values(x.Grad, [2, 3], [1, 1, 1, 1, 1, 1]);
    }

    [Fact]
    public void SumAlongDimZeroSpreadsTheGradientDownColumns()
    {
        var x = X();
        var s = x.Sum(0);
        Values(s, [3], [5, 7, 9]);
        s.Backward(T([1, 2, 3]));
        Values(x.Grad, [2, 3], [1, 2, 3, 1, 2, 3]);
    }

    [Fact]
    public void SumAlongLastDimWithKeepDim()
    {
        var x = X();
        var s = x.Sum(1, keepDim: true);
        Values(s, [2, 1], [6, 15]);
        s.Backward(T([1, 2], 2, 1));
        Values(x.Grad, [2, 3], [1, 1, 1, 2, 2, 2]);
        Values(X().Sum(-1), [2], [6, 15]);
    }

    [Fact]
    public void SumAlongAMiddleDim()
    {
        // x[i,j,k] = 12i + 4j + k; sum over j: 36i + 12 + 3k.
        var x = Tensor<double>.Arange(24).Reshape(2, 3, 4).Detach().RequireGrad();
        var s = x.Sum(1);
        Values(s, [2, 4], [12, 15, 18, 21, 48, 51, 54, 57]);
        s.Backward(Tensor<double>.Arange(8).Reshape(2, 4));
        var expected = new double[24];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++)
                    expected[(i * 3 + j) * 4 + k] = 4 * i + k;
        Values(x.Grad, [2, 3, 4], expected);
    }

    [Fact]
    public void MeanOfAll()
    {
        var x = X();
        var m = x.Mean();
        Values(m, [], [3.5]);
        m.Backward();
        Values(x.Grad, [2, 3], Enumerable.Repeat(1.0 / 6, 6).ToArray());
    }

    [Fact]
    public void MeanAlongDims()
    {
        var x = X();
        var m = x.Mean(0);
        Values(m, [3], [2.5, 3.5, 4.5]);
        m.Backward(T([1, 2, 3]));
        Values(x.Grad, [2, 3], [0.5, 1, 1.5, 0.5, 1, 1.5]);

        var x2 = X();
        var m2 = x2.Mean(1, keepDim: true);
        Values(m2, [2, 1], [2, 5]);
        m2.Backward(T([3, 6], 2, 1));
        Values(x2.Grad, [2, 3], [1, 1, 1, 2, 2, 2]);
    }

    [Fact]
    public void MeanIsOneEntryWithTheBitsOfSumThenDivide()
    {
        // Random float values, so that a different order of operations would show in the last bits.
        var x = Tensor<float>.RandomNormal(new Generator(3), 7, 13).RequireGrad();
        var g = Tensor<float>.RandomNormal(new Generator(4), 13);
        foreach (int? dim in new int?[] { null, 0 })
        {
            using var tape = MiniGrad.Tape.Begin();
            var mean = dim is int d ? x.Mean(d) : x.Mean();
            Assert.Equal("Mean", Assert.Single(tape.Entries).Name);
            mean.Backward(dim is null ? null : g);
            var fusedGrad = x.Grad!.ToArray();
            x.Grad = null;
            var composed = dim is int d2 ? x.Sum(d2) / 7f : x.Sum() / 91f;
            composed.Backward(dim is null ? null : g);
            Assert.Equal(composed.ToArray(), mean.ToArray());
            Assert.Equal(x.Grad!.ToArray(), fusedGrad);
            x.Grad = null;
        }
    }

    [Fact]
    public void GradFnNamesCarryPyTorchsOverloadNumbers()
    {
        var x = X().RequireGrad();
        Assert.Contains("grad_fn=<MeanBackward0>", x.Mean().ToString());
        Assert.Contains("grad_fn=<MeanBackward1>", x.Mean(1).ToString());
        Assert.Contains("grad_fn=<SumBackward0>", x.Sum().ToString());
        Assert.Contains("grad_fn=<SumBackward1>", x.Sum(0).ToString());
        Assert.Contains("grad_fn=<MmBackward0>", Tensor<double>.MatMul(x, x, transposeB: true).ToString());
    }

    [Fact]
    public void MaxAlongLastDimSendsTheGradientToTheFirstMaximum()
    {
        var x = T([1, 5, 3, 7, 2, 7], 2, 3).RequireGrad();
        var (m, idx) = x.MaxWithIndices(1);
        Values(m, [2], [5, 7]);
        Assert.Equal([1, 0], idx);
        m.Backward(T([10, 20]));
        Values(x.Grad, [2, 3], [0, 10, 0, 20, 0, 0]); // the tie 7, 7 goes to the first
    }

    [Fact]
    public void MaxAlongDimZeroWithKeepDim()
    {
        var x = T([1, 5, 3, 7, 2, 7], 2, 3).RequireGrad();
        var m = x.Max(0, keepDim: true);
        Values(m, [1, 3], [7, 5, 7]);
        m.Backward(T([1, 2, 3], 1, 3));
        Values(x.Grad, [2, 3], [0, 2, 0, 1, 0, 3]);
        Assert.Equal([1, 0, 1], x.ArgMax(0));
    }
}
