namespace MiniGrad.Tests.Support;

/// <summary>The shared shrinkers offer smaller candidates only, each inside its generator's range.</summary>
public class ShrinksTests
{
    [Fact]
    public void AnIntegerShrinksTowardItsTargetFromEitherSide()
    {
        Assert.Equal([1, 3, 4], Shrinks.Int(5, 1));
        Assert.Equal([0, -3, -6], Shrinks.Int(-7));
        Assert.Equal([0], Shrinks.Int(1));
        Assert.Empty(Shrinks.Int(1, 1));
    }

    [Fact]
    public void AChoiceShrinksToTheChoicesBeforeIt()
    {
        Assert.Equal([1, 2, 3], Shrinks.Earlier(5, [1, 2, 3, 5, 7]));
        Assert.Empty(Shrinks.Earlier(1, [1, 2, 3]));
        Assert.Equal([false], Shrinks.Bool(true));
        Assert.Empty(Shrinks.Bool(false));
    }

    [Fact]
    public void AShapeLosesADimensionThenShortensOneNeverBelowItsMinimumRankOrSize()
    {
        var candidates = Shrinks.Shape([2, 3]).Select(s => string.Join("x", s)).ToList();
        Assert.Equal(["3", "2", "1x3", "2x1", "2x2"], candidates);
        Assert.Equal(["1"], Shrinks.Shape([2]).Select(s => string.Join("x", s)));
        Assert.Empty(Shrinks.Shape([1]));
        Assert.DoesNotContain(Shrinks.Shape([4, 4], minRank: 2), s => s.Length < 2);
    }

    [Fact]
    public void AnArrayGetsShorterThenHasOneElementShrunkAtATime()
    {
        var candidates = Shrinks.Array([4, 6, 8, 10], 1, v => Shrinks.Int(v)).Select(a => string.Join(",", a)).ToList();
        Assert.Equal("4,6", candidates[0]);
        Assert.Contains("6,8,10", candidates);
        Assert.Contains("4,6,8", candidates);
        Assert.Contains("4,0,8,10", candidates);
        Assert.DoesNotContain(Shrinks.Array([4], 1, v => Shrinks.Int(v)), a => a.Length == 0);
    }

    [Fact]
    public void ATupleShrinksOneComponentAtATime()
    {
        var candidates = Shrinks.Each((2, true, 9), a => Shrinks.Int(a), Shrinks.Bool, Shrinks.None).ToList();
        Assert.Equal([(0, true, 9), (1, true, 9), (2, false, 9)], candidates);
    }
}
