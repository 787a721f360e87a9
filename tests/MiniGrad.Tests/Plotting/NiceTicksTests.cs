using FsCheck;
using FsCheck.Fluent;
using MiniGrad.Plotting;

namespace MiniGrad.Tests.Plotting;

public class NiceTicksTests
{
    private static bool IsNice(double step)
    {
        double f = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
        return new[] { 1.0, 2.0, 5.0, 10.0 }.Any(n => Math.Abs(f - n) < 1e-9);
    }

    [Fact]
    public void TicksCoverTheDataAtANiceStep()
    {
        var gen = from a in Gen.Choose(-100000, 100000)
                  from width in Gen.Choose(1, 200000)
                  from scale in Gen.Elements(1e-6, 1e-3, 1.0, 1e3)
                  select (Min: a * scale / 100, Max: (a + width) * scale / 100);
        Prop.ForAll(gen.ToArbitrary(), r =>
        {
            var t = NiceTicks.For(r.Min, r.Max);
            Assert.True(IsNice(t.Step), $"step {t.Step} is not 1, 2 or 5 times a power of ten");
            Assert.True(t.Min <= r.Min && t.Max >= r.Max, $"[{t.Min}, {t.Max}] does not cover [{r.Min}, {r.Max}]");
            Assert.InRange(t.Ticks.Count, 3, 12);
            for (int i = 1; i < t.Ticks.Count; i++) Assert.Equal(t.Step, t.Ticks[i] - t.Ticks[i - 1], t.Step * 1e-9);
            // Each tick is a whole multiple of the step (what makes it nice to read).
            Assert.All(t.Ticks, v => Assert.True(Math.Abs(v / t.Step - Math.Round(v / t.Step)) < 1e-6));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void LabelsUseAsManyDecimalsAsTheStepNeeds()
    {
        var t = NiceTicks.For(-0.6, 0.7);
        Assert.Equal(0.5, t.Step);
        Assert.Equal(["-1.0", "-0.5", "0.0", "0.5", "1.0"], t.Ticks.Select(t.Format));
        var small = NiceTicks.For(0.01, 0.19);
        Assert.Equal(["0.00", "0.05", "0.10", "0.15", "0.20"], small.Ticks.Select(small.Format));
        var big = NiceTicks.For(0, 150);
        Assert.Equal(["0", "50", "100", "150"], big.Ticks.Select(big.Format));
    }

    [Fact]
    public void AFlatRangeStillGetsAnAxisAndBadRangesThrow()
    {
        var t = NiceTicks.For(3, 3);
        Assert.True(t.Min < 3 && t.Max > 3);
        Assert.Throws<ArgumentException>(() => NiceTicks.For(double.NaN, 1));
        Assert.Throws<ArgumentException>(() => NiceTicks.For(2, 1));
    }
}
