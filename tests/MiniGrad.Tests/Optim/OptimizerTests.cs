using MiniGrad.Optim;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Optim;

public class OptimizerTests
{
    private static Tensor<double> Param(int seed, params int[] shape) =>
        Tensor<double>.RandomNormal(new Generator((ulong)seed), shape).RequireGrad();

    public static TheoryData<string, string> BadHyperparameters() => new()
    {
        { "adam lr", "Invalid learning rate: -0.1" },
        { "adam beta1", "Invalid beta parameter at index 0: 1" },
        { "adam beta2", "Invalid beta parameter at index 1: -0.5" },
        { "adam eps", "Invalid epsilon value: -1E-08" },
        { "adam weightDecay", "Invalid weightDecay value: -0.01" },
        { "adamw lr nan", "Invalid learning rate: NaN" },
        { "sgd lr", "Invalid learning rate: -1" },
        { "sgd momentum", "Invalid momentum value: -0.9" },
        { "sgd weightDecay", "Invalid weightDecay value: -2" },
        { "sgd nesterov without momentum", "Nesterov momentum requires a momentum and zero dampening (got momentum 0, dampening 0)" },
        { "sgd nesterov with dampening", "Nesterov momentum requires a momentum and zero dampening (got momentum 0.9, dampening 0.1)" },
        { "rmsprop lr", "RmsProp: Invalid learning rate: -0.01" },
        { "rmsprop alpha", "RmsProp: Invalid alpha value: -0.5" },
        { "rmsprop eps", "RmsProp: Invalid epsilon value: NaN" },
        { "rmsprop momentum", "RmsProp: Invalid momentum value: -1" },
        { "rmsprop weightDecay", "RmsProp: Invalid weightDecay value: Infinity" },
        { "adagrad lrDecay", "Adagrad: Invalid lrDecay value: -0.1" },
        { "adagrad initialAccumulatorValue", "Adagrad: Invalid initialAccumulatorValue value: -1" },
        { "adagrad eps", "Adagrad: Invalid epsilon value: -1E-10" },
        { "adagrad weightDecay", "Adagrad: Invalid weightDecay value: -0.2" },
        { "group lr", "ParamGroup: Invalid learning rate: -0.5" },
        { "group weightDecay", "ParamGroup: Invalid weightDecay value: NaN" },
    };

    [Theory]
    [MemberData(nameof(BadHyperparameters))]
    public void ConstructorRejectsBadHyperparameterWithItsValue(string which, string message)
    {
        Tensor<double>[] p = [Param(1, 3)];
        Action create = which switch
        {
            "adam lr" => () => _ = new Adam<double>(p, lr: -0.1),
            "adam beta1" => () => _ = new Adam<double>(p, betas: (1.0, 0.999)),
            "adam beta2" => () => _ = new Adam<double>(p, betas: (0.9, -0.5)),
            "adam eps" => () => _ = new Adam<double>(p, eps: -1e-8),
            "adam weightDecay" => () => _ = new Adam<double>(p, weightDecay: -0.01),
            "adamw lr nan" => () => _ = new AdamW<double>(p, lr: double.NaN),
            "sgd lr" => () => _ = new Sgd<double>(p, lr: -1),
            "sgd momentum" => () => _ = new Sgd<double>(p, 0.1, momentum: -0.9),
            "sgd weightDecay" => () => _ = new Sgd<double>(p, 0.1, weightDecay: -2),
            "sgd nesterov without momentum" => () => _ = new Sgd<double>(p, 0.1, nesterov: true),
            "sgd nesterov with dampening" => () => _ = new Sgd<double>(p, 0.1, momentum: 0.9, dampening: 0.1, nesterov: true),
            "rmsprop lr" => () => _ = new RmsProp<double>(p, lr: -0.01),
            "rmsprop alpha" => () => _ = new RmsProp<double>(p, alpha: -0.5),
            "rmsprop eps" => () => _ = new RmsProp<double>(p, eps: double.NaN),
            "rmsprop momentum" => () => _ = new RmsProp<double>(p, momentum: -1),
            "rmsprop weightDecay" => () => _ = new RmsProp<double>(p, weightDecay: double.PositiveInfinity),
            "adagrad lrDecay" => () => _ = new Adagrad<double>(p, lrDecay: -0.1),
            "adagrad initialAccumulatorValue" => () => _ = new Adagrad<double>(p, initialAccumulatorValue: -1),
            "adagrad eps" => () => _ = new Adagrad<double>(p, eps: -1e-10),
            "adagrad weightDecay" => () => _ = new Adagrad<double>(p, weightDecay: -0.2),
            "group lr" => () => _ = new ParamGroup<double>(p, lr: -0.5),
            "group weightDecay" => () => _ = new ParamGroup<double>(p, weightDecay: double.NaN),
            _ => throw new InvalidOperationException(which),
        };
        var e = Assert.ThrowsAny<ArgumentException>(create);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ParameterListIsChecked()
    {
        var p = Param(1, 2);
        Assert.Contains("empty parameter list", Assert.Throws<ArgumentException>(() => new Adam<double>([])).Message);
        Assert.Contains("more than once", Assert.Throws<ArgumentException>(() => new Adam<double>([p, p])).Message);
        Assert.Contains("leaf", Assert.Throws<ArgumentException>(() => new Sgd<double>([p * 2.0], 0.1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<double>([p], 0.1).LearningRate = -1);
    }

    public static TheoryData<string> OptimizerNames() =>
        ["adam", "adamw", "adam_amsgrad", "sgd", "sgd_nesterov", "rmsprop", "rmsprop_centered_momentum", "adagrad"];

    private static Optimizer<T> Create<T>(string name, IEnumerable<Tensor<T>> p)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T> => name switch
        {
            "adam" => new Adam<T>(p, lr: 0.05, weightDecay: 0.1),
            "adamw" => new AdamW<T>(p, lr: 0.05),
            "adam_amsgrad" => new Adam<T>(p, lr: 0.05, amsgrad: true, maximize: true),
            "sgd" => new Sgd<T>(p, 0.05, momentum: 0.5, dampening: 0.3, weightDecay: 0.1),
            "rmsprop" => new RmsProp<T>(p, lr: 0.01, weightDecay: 0.1, maximize: true),
            "rmsprop_centered_momentum" => new RmsProp<T>(p, lr: 0.01, momentum: 0.9, centered: true),
            "adagrad" => new Adagrad<T>(p, lr: 0.1, lrDecay: 0.01, weightDecay: 0.1, initialAccumulatorValue: 0.1),
            _ => new Sgd<T>(p, 0.05, momentum: 0.9, nesterov: true),
        };

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void StepWithANanGradientChangesNothingAndNamesParameterAndIndex(string name)
    {
        var a = Param(1, 3, 4);
        var b = Param(2, 5);
        b.Name = "fc2.bias";
        var optimizer = Create(name, [a, b]);
        a.Grad = Tensor<double>.Ones(3, 4);
        b.Grad = Tensor<double>.Ones(5);
        optimizer.Step(); // a normal step first, so there is state to protect
        var before = (a.ToArray(), b.ToArray(), Snapshot(optimizer));

        b.Grad.Span[3] = double.NaN;
        var e = Assert.Throws<InvalidOperationException>(optimizer.Step);
        Assert.Contains("parameter 1 ('fc2.bias', shape [5])", e.Message);
        Assert.Contains("at index 3", e.Message);
        Assert.Equal(before.Item1, a.ToArray());
        Assert.Equal(before.Item2, b.ToArray());
        Assert.Equal(before.Item3, Snapshot(optimizer));
        Assert.Equal(1, optimizer.StepCount);

        b.Grad.Span[3] = double.PositiveInfinity;
        Assert.Contains("at index 3", Assert.Throws<InvalidOperationException>(optimizer.Step).Message);

        b.Grad.Span[3] = double.NaN;
        optimizer.CheckFinite = false; // without the check the NaN goes through
        optimizer.Step();
        Assert.True(double.IsNaN(b[3]));
    }

    [Fact]
    public void NanFoundByTheVectorizedScanInALongGradient()
    {
        var p = Param(1, 1000);
        var optimizer = new Adam<double>([p]);
        p.Grad = Tensor<double>.Ones(1000);
        p.Grad.Span[517] = double.NaN;
        Assert.Contains("at index 517", Assert.Throws<InvalidOperationException>(optimizer.Step).Message);
        p.Grad.Span[517] = 1;
        p.Grad.Span[999] = double.NegativeInfinity;
        Assert.Contains("at index 999", Assert.Throws<InvalidOperationException>(optimizer.Step).Message);
    }

    private static List<double[]> Snapshot(Optimizer<double> optimizer) => optimizer switch
    {
        Adam<double> adam => adam.State.SelectMany(s => new[] { s.M.ToArray(), s.V.ToArray(), s.MaxV?.ToArray() ?? [], [s.Step] }).ToList(),
        Sgd<double> sgd => sgd.MomentumBuffers.Select(bf => bf?.ToArray() ?? []).ToList(),
        RmsProp<double> rms => rms.State.SelectMany(s => new[] { s.SquareAvg.ToArray(), s.MomentumBuffer?.ToArray() ?? [], s.GradAvg?.ToArray() ?? [], [s.Step] }).ToList(),
        Adagrad<double> ada => ada.State.SelectMany(s => new[] { s.Sum.ToArray(), [s.Step] }).ToList(),
        _ => [],
    };

    [Fact]
    public void ZeroGradDropsGradientsAndParametersWithoutGradientAreSkipped()
    {
        var a = Param(1, 3);
        var b = Param(2, 3);
        var optimizer = new Adam<double>([a, b]);
        a.Grad = Tensor<double>.Ones(3);
        var bBefore = b.ToArray();
        optimizer.Step();
        Assert.Equal(bBefore, b.ToArray());
        Assert.Equal(1, optimizer.StateOf(a).Step);
        Assert.Equal(0, optimizer.StateOf(b).Step);
        optimizer.ZeroGrad(setToNone: false);
        Assert.Equal(new double[3], a.Grad!.ToArray());
        Assert.Null(b.Grad);
        optimizer.ZeroGrad();
        Assert.Null(a.Grad);
        Assert.Null(b.Grad);
        Assert.Throws<ArgumentException>(() => optimizer.StateOf(Param(3, 3)));
    }

    [Fact]
    public void AdamStateAfterOneStepFollowsTheFormulas()
    {
        var p = Param(1, 7);
        var start = p.ToArray();
        var g = Tensor<double>.RandomNormal(new Generator(2), 7);
        var adam = new Adam<double>([p], lr: 0.01, betas: (0.8, 0.9));
        p.Grad = g.Clone();
        adam.Step();
        var s = adam.State[0];
        Assert.Equal(1, s.Step);
        for (int i = 0; i < 7; i++)
        {
            double gi = g[i], m = 0.2 * gi, v = 0.1 * gi * gi;
            Assert.Equal(m, s.M[i], 15);
            Assert.Equal(v, s.V[i], 15);
            // Step 1: biasCorrection1 = 0.2, biasCorrection2 = 0.1, so the move is lr · m/0.2 / (sqrt(v/0.1) + eps) ≈ lr · sign(g).
            double expected = start[i] - 0.01 / 0.2 * m / (Math.Sqrt(v) / Math.Sqrt(0.1) + 1e-8);
            Assert.Equal(expected, p[i], 14);
        }
        Assert.Null(s.MaxV);
    }

    [Fact]
    public void SgdPlainStepAndMomentumBuffer()
    {
        var p = Param(1, 4);
        var start = p.ToArray();
        var sgd = new Sgd<double>([p], 0.1, momentum: 0.9);
        Assert.Null(sgd.MomentumBuffers[0]);
        p.Grad = Tensor<double>.Full(2.0, 4);
        sgd.Step();
        Assert.Equal(Enumerable.Repeat(2.0, 4), sgd.MomentumBuffers[0]!.ToArray());
        Assert.Equal(new TensorShape(4), sgd.MomentumBuffers[0]!.Shape);
        sgd.Step();
        Assert.Equal(Enumerable.Repeat(0.9 * 2 + 2, 4), sgd.MomentumBuffers[0]!.ToArray());
        for (int i = 0; i < 4; i++) Assert.Equal(start[i] - 0.1 * 2 - 0.1 * 3.8, p[i], 14);
    }

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void VectorizedPassAndScalarTailAgreeWithAnElementwiseRun(string name)
    {
        // 37 elements: whole vectors plus a tail. Each element must move as if it were optimized alone.
        var big = Param(5, 37);
        var gradients = Enumerable.Range(0, 3).Select(k => Tensor<double>.RandomNormal(new Generator((ulong)(10 + k)), 37)).ToArray();
        var singles = Enumerable.Range(0, 37).Select(i => Tensor<double>.FromArray([big[i]]).RequireGrad()).ToArray();
        var optimizer = Create(name, [big]);
        var perElement = singles.Select(s => Create(name, [s])).ToArray();
        foreach (var g in gradients)
        {
            big.Grad = g.Clone();
            optimizer.Step();
            for (int i = 0; i < 37; i++)
            {
                singles[i].Grad = Tensor<double>.FromArray([g[i]]);
                perElement[i].Step();
            }
        }
        for (int i = 0; i < 37; i++) Assert.Equal(singles[i][0], big[i], 15);
    }

    [Fact]
    public void MaximizeIsMinimizingTheNegatedGradient()
    {
        var a = Param(1, 9);
        var b = Tensor<double>.FromArray(a.ToArray()).RequireGrad();
        var max = new Adam<double>([a], lr: 0.1, maximize: true);
        var min = new Adam<double>([b], lr: 0.1);
        for (int k = 0; k < 3; k++)
        {
            var g = Tensor<double>.RandomNormal(new Generator((ulong)k), 9);
            a.Grad = g.Clone();
            b.Grad = -g;
            max.Step();
            min.Step();
        }
        Assert.Equal(b.ToArray(), a.ToArray());
    }

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void FloatTracksDouble(string name)
    {
        var pd = Param(3, 6, 5);
        var pf = Tensor<float>.FromArray(pd.ToArray().Select(v => (float)v).ToArray(), 6, 5).RequireGrad();
        var od = Create(name, [pd]);
        var of = Create(name, [pf]);
        for (int k = 0; k < 20; k++)
        {
            // Gradient of sum((p - 1)^2) / 2 = p - 1.
            pd.Grad = pd.Detach() - 1.0;
            pf.Grad = pf.Detach() - 1f;
            od.Step();
            of.Step();
        }
        Close.All(pd.ToArray(), pf.ReadOnlySpan, 1e-3, 1e-4, name);
    }

    [Fact]
    public void AdamWDecaysTheParameterNotTheGradient()
    {
        var p = Tensor<double>.Full(2.0, 3).RequireGrad();
        var adamw = new AdamW<double>([p], lr: 0.1, weightDecay: 0.5);
        Assert.Equal(0.5, adamw.WeightDecay);
        Assert.True(adamw.DecoupledWeightDecay);
        p.Grad = Tensor<double>.Zeros(3);
        adamw.Step();
        // A zero gradient leaves m = 0, so only the decay moves p: 2 · (1 - 0.1 · 0.5).
        Assert.All(p.ToArray(), v => Assert.Equal(2.0 * (1 - 0.05), v, 15));
        Assert.Equal(0.01, new AdamW<double>([Param(1, 1)]).WeightDecay);
    }
}
