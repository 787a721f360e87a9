using MiniGrad.Optim;

namespace MiniGrad.Tests.Optim;

/// <summary>
/// The optimizer paths that mutation testing found unchecked (issue 13): SGD with maximize, Adam's boundary betas and
/// eps, SGD's dampening check, a null parameter, and the order of Step's checks.
/// </summary>
public class OptimizerEdgeCaseTests
{
    private static Tensor<double> Param(int seed, params int[] shape) =>
        Tensor<double>.RandomNormal(new Generator((ulong)seed), shape).RequireGrad();

    private static Tensor<double> Gradient(int seed, params int[] shape) =>
        Tensor<double>.RandomNormal(new Generator((ulong)seed), shape);

    [Fact]
    public void SgdMaximizeFollowsPytorchsFormulaWithMomentumAndWeightDecay()
    {
        // PyTorch 1.13 _single_tensor_sgd: d = -g (maximize) + wd·p; buf = d on the first step, then
        // momentum·buf + (1 - dampening)·d; p -= lr·buf. 19 elements: whole vectors and a scalar tail.
        const double lr = 0.1, momentum = 0.5, dampening = 0.25, wd = 0.2;
        var p = Param(1, 19);
        var expected = p.ToArray();
        var buf = new double[19];
        var sgd = new Sgd<double>([p], lr, momentum, dampening, weightDecay: wd, maximize: true);
        Assert.True(sgd.Maximize);
        for (int step = 0; step < 3; step++)
        {
            var g = Gradient(10 + step, 19);
            p.Grad = g.Clone();
            sgd.Step();
            for (int i = 0; i < 19; i++)
            {
                double d = -g[i] + wd * expected[i];
                buf[i] = step == 0 ? d : momentum * buf[i] + (1 - dampening) * d;
                expected[i] -= lr * buf[i];
            }
            for (int i = 0; i < 19; i++) Assert.Equal(expected[i], p[i], 14);
            Assert.Equal(buf, sgd.MomentumBuffers[0]!.ToArray(), (a, b) => Math.Abs(a - b) < 1e-14);
        }
    }

    [Fact]
    public void SgdMaximizeWithoutMomentumClimbsTheGradient()
    {
        // Plain SGD: p += lr·g when maximizing, p -= lr·g when not; the same step otherwise.
        var up = Param(2, 21);
        var down = Tensor<double>.FromArray(up.ToArray()).RequireGrad();
        var start = up.ToArray();
        var g = Gradient(3, 21);
        up.Grad = g.Clone();
        down.Grad = g.Clone();
        new Sgd<double>([up], 0.5, maximize: true).Step();
        new Sgd<double>([down], 0.5).Step();
        for (int i = 0; i < 21; i++)
        {
            Assert.Equal(start[i] + 0.5 * g[i], up[i], 15);
            Assert.Equal(start[i] - 0.5 * g[i], down[i], 15);
        }
        Assert.False(new Sgd<double>([Param(4, 1)], 0.1).Maximize);
    }

    [Fact]
    public void SgdMaximizeIsMinimizingTheNegatedGradientInFloatToo()
    {
        var a = Tensor<float>.RandomNormal(new Generator(5), 11).RequireGrad();
        var b = Tensor<float>.FromArray(a.ToArray()).RequireGrad();
        var max = new Sgd<float>([a], 0.05f, momentum: 0.9, nesterov: true, maximize: true);
        var min = new Sgd<float>([b], 0.05f, momentum: 0.9, nesterov: true);
        for (int k = 0; k < 3; k++)
        {
            var g = Tensor<float>.RandomNormal(new Generator((ulong)(20 + k)), 11);
            a.Grad = g.Clone();
            b.Grad = -g;
            max.Step();
            min.Step();
        }
        Assert.Equal(b.ToArray(), a.ToArray());
    }

    [Theory]
    [InlineData(0.9, 1.0, "Invalid beta parameter at index 1: 1")]
    [InlineData(0.9, 1.5, "Invalid beta parameter at index 1: 1.5")]
    [InlineData(0.9, double.NaN, "Invalid beta parameter at index 1: NaN")]
    [InlineData(-0.1, 0.999, "Invalid beta parameter at index 0: -0.1")]
    [InlineData(double.NaN, 0.999, "Invalid beta parameter at index 0: NaN")]
    public void AdamRefusesBetasOutsideZeroToOne(double beta1, double beta2, string message)
    {
        // PyTorch: "if not 0.0 <= betas[i] < 1.0: raise ValueError(f'Invalid beta parameter at index {i}: ...')".
        Tensor<double>[] p = [Param(1, 3)];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<double>(p, betas: (beta1, beta2)));
        Assert.Contains(message, e.Message);
        Assert.Equal("betas", e.ParamName);
        var w = Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW<double>(p, betas: (beta1, beta2)));
        Assert.Contains("AdamW: " + message, w.Message);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "Invalid epsilon value: Infinity")]
    [InlineData(double.NaN, "Invalid epsilon value: NaN")]
    public void AdamRefusesANonFiniteEps(double eps, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<double>([Param(1, 3)], eps: eps));
        Assert.Contains(message, e.Message);
        Assert.Equal("eps", e.ParamName);
    }

    [Fact]
    public void AdamAcceptsTheBoundariesEpsZeroAndBeta1Zero()
    {
        // beta1 = 0 makes m the gradient itself (bias correction 1); with eps = 0 the first step is exactly
        // lr · g / |g| = lr · sign(g) (v / biasCorrection2 = g²).
        var p = Tensor<double>.FromArray([1.0, -2.0, 3.0, 0.5, -0.25]).RequireGrad();
        var adam = new Adam<double>([p], lr: 0.1, betas: (0.0, 0.9), eps: 0);
        Assert.Equal(0.0, adam.Beta1);
        Assert.Equal(0.0, adam.Eps);
        var g = new[] { 2.0, -4.0, 0.5, -1.0, 8.0 };
        p.Grad = Tensor<double>.FromArray(g);
        adam.Step();
        Assert.Equal(g, adam.State[0].M.ToArray());
        double[] expected = [0.9, -1.9, 2.9, 0.6, -0.35];
        for (int i = 0; i < 5; i++) Assert.Equal(expected[i], p[i], 14);

        // The second step: m = g2 still (beta1 = 0); v = 0.9 v + 0.1 g2², biasCorrection2 = 0.19.
        var g2 = new[] { 1.0, 1.0, -1.0, 2.0, 0.0 };
        p.Grad = Tensor<double>.FromArray(g2);
        adam.Step();
        Assert.Equal(g2, adam.State[0].M.ToArray());
        for (int i = 0; i < 5; i++)
        {
            double v = 0.9 * 0.1 * g[i] * g[i] + 0.1 * g2[i] * g2[i];
            expected[i] -= 0.1 * g2[i] / (Math.Sqrt(v) / Math.Sqrt(0.19));
            Assert.Equal(expected[i], p[i], 14);
        }
    }

    [Fact]
    public void AdamAcceptsBeta2ZeroAndZeroLearningRateAndWeightDecay()
    {
        var p = Param(6, 4);
        var start = p.ToArray();
        var adam = new Adam<double>([p], lr: 0, betas: (0.5, 0.0), eps: 1e-8, weightDecay: 0);
        Assert.Equal(0.0, adam.Beta2);
        p.Grad = Gradient(7, 4);
        adam.Step();
        Assert.Equal(start, p.ToArray()); // lr = 0 moves nothing
        // beta2 = 0: v is the latest squared gradient.
        Assert.Equal(p.Grad.ToArray().Select(x => x * x), adam.State[0].V.ToArray());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void SgdRefusesANonFiniteDampening(double dampening)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<double>([Param(1, 3)], 0.1, momentum: 0.9, dampening: dampening));
        Assert.Equal("dampening", e.ParamName);
        Assert.Contains("Invalid dampening value: " + dampening.ToString("R", System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void SgdTakesAnyFiniteDampeningAsPytorchDoes()
    {
        // PyTorch does not check dampening: a negative one amplifies the new gradient, buf = m·buf + (1 - d)·g.
        var p = Tensor<double>.Zeros(3).RequireGrad();
        var sgd = new Sgd<double>([p], 1.0, momentum: 0.5, dampening: -1.0);
        Assert.Equal(-1.0, sgd.Dampening);
        p.Grad = Tensor<double>.Ones(3);
        sgd.Step();
        sgd.Step();
        Assert.Equal([0.5 + 2.0, 0.5 + 2.0, 0.5 + 2.0], sgd.MomentumBuffers[0]!.ToArray());
        Assert.Equal([-3.5, -3.5, -3.5], p.ToArray());
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "momentum")]
    [InlineData(double.NaN, "momentum")]
    [InlineData(double.PositiveInfinity, "weightDecay")]
    [InlineData(double.NaN, "weightDecay")]
    public void SgdRefusesANonFiniteMomentumOrWeightDecay(double value, string which)
    {
        Tensor<double>[] p = [Param(1, 3)];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => which == "momentum"
            ? new Sgd<double>(p, 0.1, momentum: value)
            : new Sgd<double>(p, 0.1, weightDecay: value));
        Assert.Equal(which, e.ParamName);
        var w = which == "weightDecay" ? Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<double>(p, weightDecay: value)) : null;
        Assert.Equal(w is null ? null : "weightDecay", w?.ParamName);
    }

    [Fact]
    public void NesterovNeedsAPositiveMomentum()
    {
        Tensor<double>[] p = [Param(1, 3)];
        Assert.Contains("requires a momentum", Assert.Throws<ArgumentException>(() => new Sgd<double>(p, 0.1, momentum: 0, nesterov: true)).Message);
        var sgd = new Sgd<double>(p, 0.1, momentum: 1e-3, nesterov: true);
        Assert.True(sgd.Nesterov);
        Assert.Equal(1e-3, sgd.Momentum);
    }

    [Fact]
    public void AnOptimizerRefusesANullParameterOrList()
    {
        var a = Param(1, 2);
        var e = Assert.Throws<ArgumentException>(() => new Sgd<double>([a, null!], 0.1));
        Assert.Contains("Sgd: parameter 1 is null", e.Message);
        Assert.Equal("parameters", e.ParamName);
        Assert.Contains("Adam: parameter 0 is null", Assert.Throws<ArgumentException>(() => new Adam<double>([null!, a])).Message);
        Assert.Throws<ArgumentNullException>(() => new Adam<double>(null!));
    }

    [Fact]
    public void AnInfiniteLearningRateIsRefusedAndAFiniteOneAccepted()
    {
        var sgd = new Sgd<double>([Param(1, 2)], 0.1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = double.PositiveInfinity);
        Assert.Contains("Sgd: Invalid learning rate: Infinity", e.Message);
        Assert.Equal(0.1, sgd.LearningRate);
        sgd.LearningRate = 0;
        Assert.Equal(0.0, sgd.LearningRate);
    }

    [Fact]
    public void ANanInALaterParameterLeavesEarlierParametersAndTheStepCountUntouched()
    {
        // Every check before any change: the first parameter's gradient is fine, the third's is not.
        var a = Param(1, 9);
        var b = Param(2, 4); // no gradient: skipped by the checks and by the update
        var c = Param(3, 5);
        var sgd = new Sgd<double>([a, b, c], 0.1, momentum: 0.9);
        a.Grad = Gradient(4, 9);
        c.Grad = Gradient(5, 5);
        c.Grad.Span[4] = double.NegativeInfinity;
        var (a0, b0, c0) = (a.ToArray(), b.ToArray(), c.ToArray());
        var e = Assert.Throws<InvalidOperationException>(sgd.Step);
        Assert.Contains("Sgd.Step: parameter 2 (shape [5]) has a non-finite gradient (-Infinity) at index 4", e.Message);
        Assert.Equal(a0, a.ToArray());
        Assert.Equal(c0, c.ToArray());
        Assert.Null(sgd.MomentumBuffers[0]);
        Assert.Equal(0, sgd.StepCount);

        c.Grad.Span[4] = 1;
        sgd.Step();
        Assert.Equal(1, sgd.StepCount);
        Assert.NotEqual(a0, a.ToArray());
        Assert.Equal(b0, b.ToArray());
        Assert.NotEqual(c0, c.ToArray());
        Assert.NotNull(sgd.MomentumBuffers[0]);
        Assert.Null(sgd.MomentumBuffers[1]);
    }

    [Fact]
    public void StepCountCountsEveryStepAndTheAdamStateCountsPerParameter()
    {
        var a = Param(1, 3);
        var b = Param(2, 3);
        var adam = new Adam<double>([a, b], lr: 0.01);
        Assert.Equal(0, adam.StepCount);
        a.Grad = Gradient(3, 3);
        adam.Step();
        b.Grad = Gradient(4, 3);
        adam.Step();
        adam.Step();
        Assert.Equal(3, adam.StepCount);
        Assert.Equal(3, adam.StateOf(a).Step);
        Assert.Equal(2, adam.StateOf(b).Step);
    }

    [Fact]
    public void ALearningRateChangedBetweenStepsIsUsedWhenTheNextParameterIsAtTheSameStepCount()
    {
        // a takes step 1 at lr 0.1; then lr becomes 0.5 and b takes its own step 1: b moves as under a fresh Adam at 0.5.
        var a = Param(1, 5);
        var b = Param(2, 5);
        var twin = Tensor<double>.FromArray(b.ToArray()).RequireGrad();
        var adam = new Adam<double>([a, b], lr: 0.1);
        a.Grad = Gradient(3, 5);
        adam.Step();
        adam.LearningRate = 0.5;
        a.Grad = null;
        b.Grad = Gradient(4, 5);
        adam.Step();
        twin.Grad = Gradient(4, 5);
        new Adam<double>([twin], lr: 0.5).Step();
        Assert.Equal(twin.ToArray(), b.ToArray());
    }

    [Fact]
    public void AdamWWithoutWeightDecayIsAdam()
    {
        var a = Param(1, 13);
        var b = Tensor<double>.FromArray(a.ToArray()).RequireGrad();
        var adamw = new AdamW<double>([a], lr: 0.1, weightDecay: 0);
        var adam = new Adam<double>([b], lr: 0.1);
        for (int k = 0; k < 3; k++)
        {
            a.Grad = Gradient(10 + k, 13);
            b.Grad = Gradient(10 + k, 13);
            adamw.Step();
            adam.Step();
        }
        Assert.Equal(b.ToArray(), a.ToArray());
    }

    [Fact]
    public void AdamWeightDecayIsAddedToTheGradientNotTakenFromTheParameter()
    {
        // Adam (not AdamW) with weight decay: g + wd·p enters the moments; p is not shrunk first.
        var p = Tensor<double>.FromArray([2.0, -1.0]).RequireGrad();
        var adam = new Adam<double>([p], lr: 0.1, betas: (0.0, 0.0), eps: 0, weightDecay: 0.5);
        Assert.False(adam.DecoupledWeightDecay);
        p.Grad = Tensor<double>.FromArray([0.0, 0.0]);
        adam.Step();
        // beta1 = beta2 = 0: m = d, v = d², p -= lr · d / |d| = lr · sign(p).
        Assert.Equal([1.0, -0.5], adam.State[0].M.ToArray());
        Assert.Equal([1.9, -0.9], p.ToArray());
    }

    [Fact]
    public void AMessageNamesTheOptimizerWithoutItsGenericArity()
    {
        var p = Param(1, 3);
        var adamw = new AdamW<float>([Tensor<float>.Ones(2).RequireGrad()]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => adamw.LearningRate = -1);
        Assert.StartsWith("AdamW: Invalid learning rate: -1", e.Message);
        var adam = new Adam<double>([p]);
        Assert.StartsWith("Adam.StateOf: the tensor (shape [2]) is not one of this optimizer's parameters",
            Assert.Throws<ArgumentException>(() => adam.StateOf(Param(2, 2))).Message);
    }

    [Fact]
    public void ANanAtTheFirstElementIsFound()
    {
        var p = Param(1, 6);
        var sgd = new Sgd<double>([p], 0.1);
        p.Grad = Tensor<double>.Ones(6);
        p.Grad.Span[0] = double.NaN;
        Assert.Contains("at index 0", Assert.Throws<InvalidOperationException>(sgd.Step).Message);
    }

    private sealed class HalvingOptimizer(IEnumerable<Tensor<double>> parameters) : Optimizer<double>(parameters, 0.5)
    {
        protected override void Update(int index, Span<double> parameter, ReadOnlySpan<double> gradient)
        {
            for (int i = 0; i < parameter.Length; i++) parameter[i] -= LearningRate * gradient[i];
        }
    }

    [Fact]
    public void AnOptimizerOfYourOwnIsNamedByItsClassInMessages()
    {
        // A non-generic subclass has no `1 in its name to cut.
        var p = Tensor<double>.FromArray([1.0, 2.0]).RequireGrad();
        var mine = new HalvingOptimizer([p]);
        Assert.StartsWith("HalvingOptimizer: Invalid learning rate: -2",
            Assert.Throws<ArgumentOutOfRangeException>(() => mine.LearningRate = -2).Message);
        p.Grad = Tensor<double>.FromArray([2.0, 2.0]);
        mine.Step();
        Assert.Equal([0.0, 1.0], p.ToArray());
        Assert.Equal(1, mine.StepCount);
    }
}
