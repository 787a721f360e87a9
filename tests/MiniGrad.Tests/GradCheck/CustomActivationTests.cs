using MiniGrad.Nn;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.GradChecking;

/// <summary>The three ways to write an activation, each checked with GradCheck.</summary>
public class CustomActivationTests
{
    private static readonly Tensor<double> X = Tensor<double>.RandomUniform(new Generator(31), -6, 6, 3, 5);

    private static Tensor<double> Composed(Tensor<double> x) => x * Functional.Sigmoid(x * 1.5);

    [Fact]
    public void ComposingOpsJustWorks()
    {
        var r = GradCheck.CheckActivation(Composed, name: "x * sigmoid(1.5 x)");
        Assert.True(r.Passed, r.Report);
        Assert.NotNull(r.SecondOrder);

        var module = new CustomActivation<double>("swish1.5", Composed);
        Assert.Equal("CustomActivation(swish1.5)", module.ToString());
        Assert.Empty(module.Parameters());
        Assert.Equal(Composed(X).ToArray(), module.Forward(X).ToArray());
    }

    [Fact]
    public void DelegatesMakeOneDifferentiableOp()
    {
        var act = CustomActivation.Create("Swish15", Broken.Swish, Broken.SwishPrime, Broken.SwishSecond);
        Assert.True(act.HasSecondDerivative);
        var x = X.Clone().RequireGrad();
        var y = act.Apply(x);
        Assert.Equal("Swish15", y.GradFn!.Name);
        Close.All(Composed(X), y, 1e-14, 1e-15);
        var r = GradCheck.CheckActivation(act);
        Assert.True(r.Passed, r.Report);
        Assert.True(r.SecondOrder!.Passed);

        // The same delegates on float tensors, checked against the double version.
        var xf = Tensor<float>.RandomUniform(new Generator(32), -6, 6, 10);
        var rf = GradCheck.Check(act.Apply, act.Apply, xf);
        Assert.True(rf.Passed, rf.Report);

        // Generic delegates over float.
        var actF = CustomActivation.Create<float>("SoftsignF", v => v / (1 + MathF.Abs(v)), v => 1 / ((1 + MathF.Abs(v)) * (1 + MathF.Abs(v))));
        var rs = GradCheck.Check(actF.Apply, xf);
        Assert.True(rs.Passed, rs.Report);
    }

    [Fact]
    public void GenericMathStructIsAnOpAndAModule()
    {
        var act = CustomActivation.Of<Swish15<double>, double>();
        Assert.Same(act, CustomActivation.Of<Swish15<double>, double>());
        Assert.Equal("Swish15", act.Name);
        var y = Functional.Custom<Swish15<double>, double>(X);
        Close.All(Composed(X), y, 1e-14, 1e-15);
        Assert.Equal(Swish15<double>.Value(2.0), act.Value(2.0));
        Assert.Equal(Swish15<double>.Derivative(2.0), act.Derivative(2.0));
        var r = GradCheck.CheckActivation(act);
        Assert.True(r.Passed, r.Report);

        var module = new CustomActivation<double>(act);
        Assert.Equal("CustomActivation(Swish15)", module.ToString());
        var net = new Sequential<double>(new Linear<double>(5, 3, new Generator(1)), module, new Linear<double>(3, 1, new Generator(2)));
        var loss = net.Forward(X).Pow(2.0).Mean();
        loss.Backward();
        Assert.All(net.Parameters(), p => Assert.NotNull(p.Grad));

        // Float32 through the same struct, written once with generic math.
        var xf = Tensor<float>.RandomUniform(new Generator(33), -6, 6, 8);
        var rf = GradCheck.Check(CustomActivation.Of<Swish15<float>, float>().Apply, CustomActivation.Of<Swish15<double>, double>().Apply, xf);
        Assert.True(rf.Passed, rf.Report);
    }

    [Fact]
    public void FullCustomFunctionIsTheThirdWay()
    {
        var x = X.Clone().RequireGrad();
        var y = SwishFunction.Apply(x);
        Assert.Equal("Swish", y.GradFn!.Name);
        Close.All(Composed(X), y, 1e-14, 1e-15);
        var r = GradCheck.CheckActivation(t => SwishFunction.Apply(t), new ActivationCheckOptions { CheckSecondOrder = false });
        Assert.True(r.Passed, r.Report);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => CustomActivation.Create(" ", Math.Sin, Math.Cos));
        Assert.Throws<ArgumentNullException>(() => CustomActivation.Create("sin", Math.Sin, null!));
        Assert.ThrowsAny<ArgumentException>(() => new CustomActivation<double>("", Composed));
    }
}
