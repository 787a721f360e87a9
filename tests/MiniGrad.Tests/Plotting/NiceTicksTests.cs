using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MiniGrad.Plotting;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Plotting;

public class NiceTicksTests
{
    private static bool IsNice(double step)
    {
        double f = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
        return new[] { 1.0, 2.0, 5.0, 10.0 }.Any(n => Math.Abs(f - n) < 1e-9);
    }

    private static readonly double[] Scales = [1.0, 1e-3, 1e3, 1e-6];

    /// <summary>A data range [a, a + width] in hundredths, times a scale; a failing one shrinks toward [0, 0.01] at scale 1.</summary>
    private static Arbitrary<(int A, int Width, double Scale)> Ranges() =>
        (from a in Gen.Choose(-100000, 100000)
         from width in Gen.Choose(1, 200000)
         from scale in Gen.Elements(Scales)
         select (a, width, scale))
        .ShrinkingWith(c => Shrinks.Each(c, a => Shrinks.Int(a), w => Shrinks.Int(w, 1), s => Shrinks.Earlier(s, Scales)));

    [Property(MaxTest = 100)]
    public Property TicksCoverTheDataAtANiceStep() =>
        Prop.ForAll(Ranges(), c =>
        {
            var r = (Min: c.A * c.Scale / 100, Max: (c.A + c.Width) * c.Scale / 100);
            var t = NiceTicks.For(r.Min, r.Max);
            Assert.True(IsNice(t.Step), $"step {t.Step} is not 1, 2 or 5 times a power of ten");
            Assert.True(t.Min <= r.Min && t.Max >= r.Max, $"[{t.Min}, {t.Max}] does not cover [{r.Min}, {r.Max}]");
            Assert.InRange(t.Ticks.Count, 3, 12);
            for (int i = 1; i < t.Ticks.Count; i++) Assert.Equal(t.Step, t.Ticks[i] - t.Ticks[i - 1], t.Step * 1e-9);
            // Each tick is a whole multiple of the step (what makes it nice to read).
            Assert.All(t.Ticks, v => Assert.True(Math.Abs(v / t.Step - Math.Round(v / t.Step)) < 1e-6));
        });

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
