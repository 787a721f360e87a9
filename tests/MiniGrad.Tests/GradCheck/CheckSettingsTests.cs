namespace MiniGrad.Tests.GradChecking;

public class CheckSettingsTests
{
    [Fact]
    public void TheStepIsAbsoluteInDoubleAndRelativeInFloat32()
    {
        var o = GradCheckOptions.Default;
        Assert.Equal(1e-6, CheckSettings.Float64(o).Step(1000));
        Assert.Equal(1e-3, CheckSettings.Float32(o).Step(0.5));
        Assert.Equal(1e-3 * 1000, CheckSettings.Float32(o).Step(-1000));
        Assert.Equal(1e-6, CheckSettings.Float32AgainstFloat64(o).Step(1000));
    }

    [Fact]
    public void EachPrecisionHasItsTolerances()
    {
        var o = GradCheckOptions.Default;
        Assert.Equal(1e-5 + 1e-3 * 2, CheckSettings.Float64(o).Tolerance(2));
        Assert.Equal(1e-3 + 1e-2 * 2, CheckSettings.Float32(o).Tolerance(2));
        Assert.Equal(1e-4 + 1e-3 * 2, CheckSettings.Float32AgainstFloat64(o).Tolerance(2));
        Assert.True(CheckSettings.SecondOrder(o).NumericalNeedsGrad);
        Assert.False(CheckSettings.Float64(o).NumericalNeedsGrad);
    }

    [Fact]
    public void AKinkIsSuspectedOnlyWhereFiniteSlopesDisagree()
    {
        var s = CheckSettings.Float64(GradCheckOptions.Default);
        Assert.True(s.SuspectsKink(1, -1));
        Assert.False(s.SuspectsKink(1, 1 + 1e-9));
        Assert.False(s.SuspectsKink(double.PositiveInfinity, 0));
        Assert.False(s.SuspectsKink(double.NaN, 0));
        Assert.False(CheckSettings.Float64(new GradCheckOptions { DetectKinks = false }).SuspectsKink(1, -1));
    }
}
