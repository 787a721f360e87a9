namespace MiniGrad.Tests.GradChecking;

public class CheckValidationTests
{
    [Fact]
    public void OptionsOutOfRangeAreRefusedByName()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CheckValidation.Options(new GradCheckOptions { WorstCount = -1 }));
        Assert.Equal("WorstCount", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => CheckValidation.Options(new GradCheckOptions { NondetUlps = -1 }));
        Assert.Throws<ArgumentException>(() => CheckValidation.Options(new GradCheckOptions { Rtol = double.NaN }));
        CheckValidation.Options(GradCheckOptions.Default);
    }

    [Fact]
    public void NumericalOutputsMustMatchTheAnalyticOnes()
    {
        CheckValidation.OutputCount(2, 2);
        CheckValidation.OutputLength(0, 4, 4);
        Assert.Contains("returned 1 outputs, the function under test 2",
            Assert.Throws<InvalidOperationException>(() => CheckValidation.OutputCount(1, 2)).Message, StringComparison.Ordinal);
        Assert.Contains("output 1 has 4 elements but its numerical version 0",
            Assert.Throws<InvalidOperationException>(() => CheckValidation.OutputLength(1, null, 4)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFunctionMustReturnOutputs()
    {
        Assert.Throws<InvalidOperationException>(() => CheckValidation.AnalyticOutputs<double>(null));
        Assert.Throws<InvalidOperationException>(() => CheckValidation.AnalyticOutputs<double>([Tensor<double>.Ones(1), null!]));
        Assert.Throws<InvalidOperationException>(() => CheckValidation.NumericalOutputs<double>([]));
    }
}
