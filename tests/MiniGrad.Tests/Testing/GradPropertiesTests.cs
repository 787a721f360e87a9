using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.FSharp.Core;
using MiniGrad.Testing;
using MiniGrad.Tests.GradChecking;

namespace MiniGrad.Tests.Testing;

/// <summary>MiniGrad.Testing's property as a user writes it (a <c>[Property]</c>), its shrinking and its failure report.</summary>
public class GradPropertiesTests
{
    [Property(MaxTest = 12)]
    public Property ACustomActivationsGradientHoldsAsAPropertyTest() =>
        GradProperties.Holds(CustomActivation.Of<Swish15<double>, double>(), new GradPropertyOptions { SecondOrder = true });

    [Property(MaxTest = 12)]
    public Property AnActivationThatHalvesTheLastDimensionHoldsOnEvenLastDimensions() =>
        GradProperties.Holds(x => Functional.Glu(x), new GradPropertyOptions { EvenLastDim = true });

    [Fact]
    public void AFailureShrinksToAMinimalTensorAndGivesTheSeedThatReplaysIt()
    {
        var e = Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(30), GradProperties.Holds(Broken.WrongSign.Apply)));
        // swish'(0) = 0.5 and the broken derivative gives -0.5: one zero is the smallest failing tensor there is.
        string shrunk = e.Message[e.Message.IndexOf("Shrunk:", StringComparison.Ordinal)..];
        Assert.Contains("shape [1], values {0}", shrunk, StringComparison.Ordinal);
        Assert.Contains("a sign is wrong in backward", e.Message, StringComparison.Ordinal);

        // The seed in the first line replays the run (what [Property(Replay = "(s1,s2)")] does): the same original case.
        var seed = Regex.Match(e.Message, @"Falsifiable, after \d+ tests? \(\d+ shrinks?\) \((\d+),(\d+)\)");
        Assert.True(seed.Success, e.Message);
        var replay = new Replay(new Rnd(ulong.Parse(seed.Groups[1].Value), ulong.Parse(seed.Groups[2].Value)), FSharpOption<int>.None);
        var again = Assert.ThrowsAny<Exception>(() =>
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(30).WithReplay(FSharpOption<Replay>.Some(replay)), GradProperties.Holds(Broken.WrongSign.Apply)));
        Assert.Equal(Original(e.Message), Original(again.Message));
    }

    private static string Original(string message) =>
        message[message.IndexOf("Original:", StringComparison.Ordinal)..message.IndexOf("Shrunk:", StringComparison.Ordinal)];

    [Fact]
    public void ShrinkingLeavesOutADimensionKeepingTheLeadingCornerThenShortensOne()
    {
        var c = new GradCase([2, 3], [0, 1, 2, 3, 4, 5]);
        var candidates = GradProperties.Cases().Shrinker(c).Select(s => s.ToString()).ToList();
        Assert.Equal("shape [3], values {0, 1, 2}", candidates[0]);   // dim 0 left out: row 0
        Assert.Equal("shape [2], values {0, 3}", candidates[1]);      // dim 1 left out: column 0
        Assert.Contains("shape [1, 3], values {0, 1, 2}", candidates);
        Assert.Contains("shape [2, 1], values {0, 3}", candidates);
        Assert.Contains("shape [2, 2], values {0, 1, 3, 4}", candidates);
        Assert.Contains("shape [2, 3], values {0, 0, 2, 3, 4, 5}", candidates); // then a value made simpler
        Assert.DoesNotContain("shape [2, 3], values {0, 1, 2, 3, 4, 5}", candidates);
    }

    [Fact]
    public void EveryShrunkCaseIsOneTheGeneratorCouldDraw()
    {
        var options = new GradPropertyOptions { EvenLastDim = true, Range = 2.5, SpecialValues = [20] };
        var arbitrary = GradProperties.Cases(options);
        var cases = new[]
        {
            new GradCase([3, 4], [0.25, -2.45, 2.5, 20, 1.75, -0.6, 2.44, 0, 1, 2, -1.3, 0.04]),
            new GradCase([2, 3, 2], Enumerable.Range(0, 12).Select(i => i / 5.0).ToArray()),
            new GradCase([6], [2.5, -2.5, 1.5, 0.5, 20, 0]),
        };
        foreach (var c in cases)
            foreach (var s in arbitrary.Shrinker(c))
            {
                Assert.InRange(s.Shape.Length, 1, c.Shape.Length);
                Assert.True(s.Shape[^1] % 2 == 0, $"odd last dimension in {s}");
                Assert.Equal(s.Shape.Aggregate(1, (a, b) => a * b), s.Values.Length);
                Assert.All(s.Values, v => Assert.True(Math.Abs(v) <= 2.5 || v == 20, $"{v} out of range in {s}"));
                Assert.NotEqual(c.ToString(), s.ToString());
            }
    }
}
