namespace MiniGrad.Tests.Activations;

/// <summary>
/// What a custom scalar activation puts on the tape (src/MiniGrad/Activations/CustomActivationFunction.cs): its node
/// and its backward's nodes by name, nothing for inputs without grad or for a backward pass that does not create a
/// graph, and the orders a delegate activation can be differentiated to.
/// </summary>
public class CustomActivationTapeTests
{
    private static ScalarActivation<double> Cube(bool withSecond) =>
        CustomActivation.Create<double>("Cube", v => v * v * v, v => 3 * v * v, withSecond ? v => 6 * v : null);

    [Fact]
    public void AnInputWithoutGradRecordsNothing()
    {
        var y = Cube(withSecond: true).Apply(Tensor.FromArray(new[] { 1.0, -2.0 }));
        Assert.Null(y.GradFn);
        Assert.Equal([1.0, -8.0], y.ToArray());
    }

    [Fact]
    public void TheActivationAndItsDerivativesAreNamedOnTheTape()
    {
        var x = Tensor.FromArray(new[] { 1.0, -2.0 }).RequireGrad();
        var y = Cube(withSecond: true).Apply(x);
        Assert.Equal("Cube", y.GradFn!.Name);
        var g = Autograd.Grad(y.Sum(), [x], createGraph: true)[0]!;
        Assert.Equal("CubeBackward", g.GradFn!.Name);
        Assert.Equal([3.0, 12.0], g.ToArray());
        var gg = Autograd.Grad(g.Sum(), [x], createGraph: true)[0]!;
        Assert.Equal("CubeBackward2", gg.GradFn!.Name);
        Assert.Equal([6.0, -12.0], gg.ToArray());
    }

    [Fact]
    public void ABackwardPassWithoutCreateGraphRecordsNothing()
    {
        var x = Tensor.FromArray(new[] { 1.0, -2.0 }).RequireGrad();
        Cube(withSecond: true).Apply(x).Sum().Backward();
        Assert.Equal([3.0, 12.0], x.Grad!.ToArray());
        Assert.Null(x.Grad.GradFn);
        Assert.False(x.Grad.RequiresGrad);
    }

    [Fact]
    public void WithoutASecondDerivativeTheFirstOrderWorksAndTheSecondIsRefused()
    {
        foreach (var cube in new[] { Cube(withSecond: false), CustomActivation.Create("Cube", v => v * v * v, v => 3 * v * v).For<double>() })
        {
            Assert.False(cube.HasSecondDerivative);
            var x = Tensor.FromArray(new[] { 2.0 }).RequireGrad();
            var g = Autograd.Grad(cube.Apply(x).Sum(), [x], createGraph: true)[0]!;
            Assert.Equal([12.0], g.ToArray());
            var e = Assert.Throws<NotSupportedException>(() => Autograd.Grad(g.Sum(), [x]));
            Assert.Contains("Cube: derivative of order 2 is not available", e.Message);
        }
        Assert.True(CustomActivation.Create("Cube", v => v * v * v, v => 3 * v * v, v => 6 * v).HasSecondDerivative);
    }
}
