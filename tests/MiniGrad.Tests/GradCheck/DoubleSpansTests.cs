namespace MiniGrad.Tests.GradChecking;

public class DoubleSpansTests
{
    [Fact]
    public void DoublesAreViewedInPlaceAndOtherTypesConverted()
    {
        var d = new[] { 1.0, -2.5 };
        Assert.True(DoubleSpans.View<double>(d).Overlaps(d));

        var f = new[] { 0.1f, -3f };
        var converted = DoubleSpans.View<float>(f);
        Assert.Equal([(double)0.1f, -3.0], converted.ToArray());

        var copy = DoubleSpans.ToArray<double>(d);
        Assert.Equal(d, copy);
        Assert.NotSame(d, copy);
    }
}
