using MiniGrad.Data;

namespace MiniGrad.Tests.Data;

public class StandardizerTests
{
    [Fact]
    public void LearnsPopulationMeanAndStdAndMapsToZeroMeanUnitStd()
    {
        var x = Tensor<double>.FromArray([1.0, 10, 2, 20, 3, 30, 4, 40], 4, 2);
        var s = Standardizer.Fit(x);
        Assert.Equal([2.5, 25], s.Mean);
        Assert.Equal(Math.Sqrt(1.25), s.Std[0], 15);
        Assert.Equal(Math.Sqrt(125), s.Std[1], 13);
        var z = s.Transform(x);
        for (int c = 0; c < 2; c++)
        {
            var column = Enumerable.Range(0, 4).Select(r => z[r, c]).ToArray();
            Assert.Equal(0, column.Average(), 12);
            Assert.Equal(1, Math.Sqrt(column.Select(v => v * v).Average()), 12);
        }
        // Other data is mapped with the fitted statistics, not its own.
        Assert.Equal([(5 - 2.5) / Math.Sqrt(1.25), 0], s.Transform(Tensor<double>.FromArray([5.0, 25], 1, 2)).ToArray());
    }

    [Fact]
    public void ConstantColumnsBecomeZeroNotNaN()
    {
        // 0.1 three times: the computed mean is off by a rounding, the check must still call the column constant.
        var x = Tensor<float>.FromArray([0.1f, 1, 0.1f, 2, 0.1f, 3], 3, 2);
        var s = Standardizer.Fit(x);
        Assert.Equal(0, s.Std[0]);
        Assert.Equal(1, s.Scale[0]);
        var z = s.Transform(x);
        Assert.All(Enumerable.Range(0, 3), r => Assert.Equal(0f, z[r, 0]));
        Assert.All(z.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void BadInputsAreRefusedWithTheirShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Standardizer.Fit(Tensor<double>.Zeros(3)));
        Assert.Contains("shape [3] are not [N, F]", e.Message);
        Assert.Throws<ArgumentException>(() => Standardizer.Fit(Tensor<double>.Zeros(0, 2)));
        var s = Standardizer.Fit(Tensor<double>.Ones(2, 3));
        var t = Assert.Throws<ArgumentException>(() => s.Transform(Tensor<double>.Zeros(2, 4)));
        Assert.Contains("shape [2, 4] do not match the fitted [N, 3]", t.Message);
        var nan = Assert.Throws<ArgumentException>(() => Standardizer.Fit(Tensor<double>.FromArray([1.0, double.NaN], 1, 2)));
        Assert.Contains("row 0, column 1 holds NaN", nan.Message);
    }

    [Fact]
    public void FromStatisticsTransformsExactlyAsTheFittedStandardizer()
    {
        var x = Tensor<float>.FromArray([1.5f, 7, -2, 7, 0.25f, 7], 3, 2);
        var fitted = Standardizer.Fit(x);
        var rebuilt = Standardizer.FromStatistics<float>(fitted.Mean, fitted.Std);
        Assert.Equal(fitted.Scale, rebuilt.Scale); // 1 for the constant column, as fitted
        var y = Tensor<float>.FromArray([3f, 1, -0.5f, 9], 2, 2);
        Assert.Equal(fitted.Transform(y).ToArray(), rebuilt.Transform(y).ToArray());
    }

    [Fact]
    public void FromStatisticsRefusesStatisticsNoFitGives()
    {
        Assert.Contains("2 means but 1 standard deviations", Assert.Throws<ArgumentException>(() => Standardizer.FromStatistics<double>([0.0, 1], [1.0])).Message);
        Assert.Contains("the mean of column 1 is NaN", Assert.Throws<ArgumentException>(() => Standardizer.FromStatistics<double>([0.0, double.NaN], [1.0, 1])).Message);
        Assert.Contains("the standard deviation of column 0 is -1", Assert.Throws<ArgumentException>(() => Standardizer.FromStatistics<double>([0.0], [-1.0])).Message);
    }
}
