namespace MiniGrad.Tests.GradChecking;

public class InputLeavesTests
{
    [Fact]
    public void WhenNoInputRequiresGradAllAreChecked()
    {
        var inputs = new InputLeaves<double>([Tensor<double>.Ones(2), Tensor<double>.Ones(3)]);
        Assert.Equal([true, true], inputs.IsChecked);
        Assert.Equal([0, 1], inputs.Checked);
    }

    [Fact]
    public void OtherwiseOnlyThoseRequiringGradAreChecked()
    {
        var inputs = new InputLeaves<double>([Tensor<double>.Ones(2), Tensor<double>.Ones(3).RequireGrad(), Tensor<double>.Ones(1)]);
        Assert.Equal([false, true, false], inputs.IsChecked);
        Assert.Equal([1], inputs.Checked);
    }

    [Fact]
    public void LeavesAreFreshCopiesThatAreDisposedTogether()
    {
        var a = Tensor.FromArray(new[] { 1.5, -2.0 });
        var b = Tensor.FromArray(new[] { 3.0 }).RequireGrad();
        var inputs = new InputLeaves<double>([a, b]);
        var analytic = inputs.Analytic();
        var numerical = inputs.Numerical<float>(requireGrad: true);

        Assert.NotSame(a, analytic[0]);
        Assert.Equal(a.ToArray(), analytic[0].ToArray());
        Assert.False(analytic[0].RequiresGrad);
        Assert.True(analytic[1].RequiresGrad);
        Assert.Equal([1.5f, -2f], numerical[0].ToArray());
        Assert.True(numerical[1].RequiresGrad);
        Assert.False(inputs.Numerical<float>(requireGrad: false)[1].RequiresGrad);

        inputs.DisposeLeaves();
        Assert.True(analytic[0].IsDisposed);
        Assert.True(numerical[1].IsDisposed);
        Assert.False(a.IsDisposed);
        Assert.False(b.IsDisposed);
    }
}
