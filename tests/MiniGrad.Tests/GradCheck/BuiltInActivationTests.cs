using MiniGrad.Testing;
using Xunit.Abstractions;

namespace MiniGrad.Tests.GradChecking;

/// <summary>Every built-in activation passes CheckActivation, the float32 check and the reusable FsCheck property.</summary>
public class BuiltInActivationTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names => [.. BuiltInActivations.All.Select(a => a.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void PassesCheckActivation(string name)
    {
        var a = BuiltInActivations.Find(name)!;
        var options = ActivationCheckOptions.Default;
        if (a.EvenLastDim && GradCheck.ActivationPoints(options).Length % 2 == 1)
            options = options with { Extremes = [.. options.Extremes, 0.25] };
        var r = GradCheck.CheckActivation(a.Double, options, a.Description);
        output.WriteLine(r.Report);
        Assert.True(r.Passed, r.Report);
        Assert.NotNull(r.SecondOrder);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Float32GradientMatchesDoubleDifferences(string name)
    {
        var a = BuiltInActivations.Find(name)!;
        var x = Tensor<float>.RandomUniform(new Generator(5), -8, 8, 4, 6);
        var r = GradCheck.Check(a.Float, a.Double, x);
        Assert.True(r.Passed, r.Report);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void HoldsAsAProperty(string name)
    {
        var a = BuiltInActivations.Find(name)!;
        GradProperties.Check(a.Double, new GradPropertyOptions { MaxTest = 12, EvenLastDim = a.EvenLastDim, SecondOrder = true });
    }

    [Fact]
    public void ReluIsAKinkAtZeroNotAFailure()
    {
        var r = GradCheck.Check(x => Functional.Relu(x), Tensor.FromArray(new[] { -1.0, 0.0, 1.0 }));
        Assert.True(r.Passed, r.Report);
        var k = Assert.Single(r.Kinks);
        Assert.Equal(0.0, k.X);
        Assert.Equal(0.0, k.Analytic);
    }

    [Fact]
    public void PropertyCatchesABrokenActivation()
    {
        var e = Assert.ThrowsAny<Exception>(() => GradProperties.Check(Broken.WrongSign.Apply, new GradPropertyOptions { MaxTest = 5 }));
        Assert.Contains("FAILED", e.Message, StringComparison.Ordinal);
        Assert.Contains("sign", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PropertyHoldsForCustomActivations()
    {
        GradProperties.Check(CustomActivation.Of<Swish15<double>, double>(), new GradPropertyOptions { MaxTest = 10, SecondOrder = true });
        GradProperties.Check(Broken.Relu.For<double>(), new GradPropertyOptions { MaxTest = 10 });
    }
}

public class KinkKindTests
{
    [Fact]
    public void JumpsAreToldFromKinks()
    {
        var x = Tensor.FromArray(new[] { -1.0, -0.5, 0.0, 0.5, 1.0 });
        var shrink = GradCheck.Check(t => Functional.Hardshrink(t), x);
        Assert.True(shrink.Passed, shrink.Report);
        Assert.Equal(2, shrink.Kinks.Count);
        Assert.All(shrink.Kinks, k => Assert.True(k.IsJump));
        Assert.Contains("a jump of f", shrink.Report, StringComparison.Ordinal);

        var soft = GradCheck.Check(t => Functional.Softshrink(t), x);
        Assert.True(soft.Passed, soft.Report);
        Assert.Equal(new[] { -0.5, 0.5 }, soft.Kinks.Select(k => k.X));
        Assert.All(soft.Kinks, k => Assert.False(k.IsJump));
    }
}
