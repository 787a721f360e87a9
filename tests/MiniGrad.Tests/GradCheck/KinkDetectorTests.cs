namespace MiniGrad.Tests.GradChecking;

public class KinkDetectorTests
{
    private static readonly CheckSettings Settings = CheckSettings.Float64(GradCheckOptions.Default);

    /// <summary>One scalar input and output: the differences of <c>f</c> at whatever step the detector asks for.</summary>
    private sealed class ScalarColumns(Func<double, double> f) : IColumnDifferences
    {
        public int Calls { get; private set; }

        public Differences Column(int input, int element, double x, double h)
        {
            Calls++;
            return new Differences([[f(x + h)]], [[f(x - h)]], h, h);
        }
    }

    private static (KinkVerdict Verdict, int SmallerSteps) Judge(Func<double, double> f, double x, CheckSettings? settings = null)
    {
        const double h = 1e-6;
        var columns = new ScalarColumns(f);
        var slopes = Slopes.Of(f(x), f(x + h), f(x - h), h, h);
        Differences? quarter = null;
        var verdict = new KinkDetector(settings ?? Settings, columns).Judge(0, 0, x, h, 0, 0, f(x), slopes, ref quarter);
        return (verdict, columns.Calls);
    }

    [Fact]
    public void SlopesThatStillDisagreeAtASmallerStepAreAKink()
    {
        var (v, calls) = Judge(Math.Abs, 0);
        Assert.True(v.AtKink);
        Assert.False(v.Jump);
        Assert.Equal(-1, v.Lo, 12);
        Assert.Equal(1, v.Hi, 12);
        Assert.Equal(0, v.Central);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void AKinkWithinTheStepIsNotAKinkAtXAndTheSmallerStepsCentralDifferenceIsUsed()
    {
        // |x - 0.6e-6| is smooth at 0 with slope -1, but the step 1e-6 straddles its kink.
        var (v, _) = Judge(x => Math.Abs(x - 0.6e-6), 0);
        Assert.False(v.AtKink);
        Assert.Equal(-1, v.Central, 6);
    }

    [Fact]
    public void AJumpOfTheFunctionItselfIsMarked()
    {
        var (v, _) = Judge(x => x >= 0 ? 1 + x : x, 0);
        Assert.True(v.AtKink);
        Assert.True(v.Jump);
    }

    [Fact]
    public void SmoothSlopesNeedNoSmallerStep()
    {
        var (v, calls) = Judge(x => x * x, 1);
        Assert.False(v.AtKink);
        Assert.Equal(2, v.Central, 6);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void WithoutKinkDetectionDisagreeingSlopesAreLeftAlone()
    {
        var (v, calls) = Judge(Math.Abs, 0, CheckSettings.Float64(new GradCheckOptions { DetectKinks = false }));
        Assert.False(v.AtKink);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void TheSmallerStepIsEvaluatedOncePerColumn()
    {
        const double h = 1e-6;
        var columns = new ScalarColumns(Math.Abs);
        var detector = new KinkDetector(Settings, columns);
        var slopes = Slopes.Of(0, h, h, h, h);
        Differences? quarter = null;
        detector.Judge(0, 0, 0, h, 0, 0, 0, slopes, ref quarter);
        detector.Judge(0, 0, 0, h, 0, 0, 0, slopes, ref quarter);
        Assert.Equal(1, columns.Calls);
        Assert.Equal(h / 4, quarter!.Value.Hp);
    }
}
