using MiniGrad.Nn;
using MiniGrad.Optim;
using MiniGrad.Optim.LrScheduler;

namespace MiniGrad.Tests.Optim;

/// <summary>Parameter groups, optimizer and scheduler state dicts (resume gives the same bits), clipping's edge cases.</summary>
public class ParamGroupAndStateDictTests
{
    private static Tensor<double> Param(int seed, params int[] shape) =>
        Tensor<double>.RandomNormal(new Generator((ulong)seed), shape).RequireGrad();

    private static Tensor<double> Gradient(int seed, params int[] shape) =>
        Tensor<double>.RandomNormal(new Generator((ulong)seed), shape);

    [Fact]
    public void GroupsTakeTheOptimizersValuesWhereTheyHaveNone()
    {
        var a = Param(1, 3);
        var b = Param(2, 2);
        var c = Param(3, 4);
        var g0 = new ParamGroup<double>([a, b], lr: 1e-2);
        var g1 = new ParamGroup<double>([c], weightDecay: 1e-4);
        Assert.Equal(-1, g0.Index);
        Assert.Throws<InvalidOperationException>(() => g1.LearningRate); // not known until an optimizer takes the group
        var adam = new Adam<double>([g0, g1], lr: 1e-3, weightDecay: 0.5);
        Assert.Same(g0, adam.ParamGroups[0]);
        Assert.Equal([a, b, c], adam.Parameters);
        Assert.Equal((1e-2, 0.5, 0), (g0.LearningRate, g0.WeightDecay, g0.Index));
        Assert.Equal((1e-3, 1e-4, 1), (g1.LearningRate, g1.WeightDecay, g1.Index));
        Assert.Equal(0.5, adam.WeightDecay);

        // LearningRate: reading needs a common rate; setting sets every group.
        var e = Assert.Throws<InvalidOperationException>(() => adam.LearningRate);
        Assert.Contains("different learning rates (0.01, 0.001)", e.Message);
        adam.LearningRate = 0.2;
        Assert.Equal([0.2, 0.2], adam.ParamGroups.Select(g => g.LearningRate));
        Assert.Equal(0.2, adam.LearningRate);
        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => adam.ParamGroups[1].LearningRate = -1);
        Assert.Contains("Adam: Invalid learning rate: -1 in parameter group 1", bad.Message);
        Assert.Equal(0.2, g1.LearningRate);
    }

    [Fact]
    public void AParameterInTwoGroupsAndAReusedGroupAreRefused()
    {
        var a = Param(1, 3);
        var b = Param(2, 3);
        var e = Assert.Throws<ArgumentException>(() => new Sgd<double>([new ParamGroup<double>([a, b]), new ParamGroup<double>([b])], 0.1));
        Assert.Contains("parameter 2 (shape [3]) appears more than once in the parameter groups (groups 0 and 1)", e.Message);
        var g = new ParamGroup<double>([a]);
        Assert.Contains("given twice", Assert.Throws<ArgumentException>(() => new Sgd<double>([g, g], 0.1)).Message);
        _ = new Sgd<double>([g], 0.1);
        Assert.Contains("already belongs to another optimizer", Assert.Throws<ArgumentException>(() => new Adam<double>([g])).Message);
        // A refused optimizer did not take its groups: they serve the next one.
        var h = new ParamGroup<double>([b]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<double>([h], eps: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp<double>([h], alpha: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adagrad<double>([h], lrDecay: -1));
        Assert.Throws<ArgumentException>(() => new Sgd<double>([h], 0.1, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<double>([h], -0.1));
        Assert.Equal(0, new AdamW<double>([h]).ParamGroups[0].Index);
        Assert.Contains("empty parameter list", Assert.Throws<ArgumentException>(() => new Adam<double>([new ParamGroup<double>([])])).Message);
        Assert.Contains("Invalid weightDecay value: -1", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<double>([new ParamGroup<double>([b])], weightDecay: -1)).Message);
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("adamw_amsgrad")]
    [InlineData("sgd")]
    [InlineData("rmsprop")]
    [InlineData("adagrad")]
    public void GroupsStepLikeSeparateOptimizers(string name)
    {
        // Two groups with their own rate and decay move exactly as two optimizers with those values.
        var a = Param(1, 9);
        var b = Param(2, 5);
        var a2 = Tensor<double>.FromArray(a.ToArray()).RequireGrad();
        var b2 = Tensor<double>.FromArray(b.ToArray()).RequireGrad();
        var together = Create(name, [new ParamGroup<double>([a], lr: 0.03), new ParamGroup<double>([b], weightDecay: 0.2)], 0.01, 0);
        var alone = new[] { Create(name, [new ParamGroup<double>([a2])], 0.03, 0), Create(name, [new ParamGroup<double>([b2])], 0.01, 0.2) };
        for (int k = 0; k < 4; k++)
        {
            a.Grad = Gradient(10 + k, 9);
            b.Grad = Gradient(20 + k, 5);
            a2.Grad = a.Grad.Clone();
            b2.Grad = b.Grad.Clone();
            together.Step();
            foreach (var o in alone) o.Step();
        }
        Assert.Equal(a2.ToArray(), a.ToArray());
        Assert.Equal(b2.ToArray(), b.ToArray());
    }

    private static Optimizer<double> Create(string name, List<ParamGroup<double>> groups, double lr, double weightDecay) => name switch
    {
        "adam" => new Adam<double>(groups, lr, weightDecay: weightDecay),
        "adamw_amsgrad" => new AdamW<double>(groups, lr, weightDecay: weightDecay, amsgrad: true),
        "sgd" => new Sgd<double>(groups, lr, momentum: 0.9, weightDecay: weightDecay),
        "rmsprop" => new RmsProp<double>(groups, lr, weightDecay: weightDecay, momentum: 0.5, centered: true),
        _ => new Adagrad<double>(groups, lr, lrDecay: 0.1, weightDecay: weightDecay, initialAccumulatorValue: 0.2),
    };

    [Theory]
    [InlineData("adam")]
    [InlineData("adamw_amsgrad")]
    [InlineData("sgd")]
    [InlineData("rmsprop")]
    [InlineData("adagrad")]
    public void ResumingFromAStateDictGivesTheSameBits(string name)
    {
        // Train k steps, save; continue n steps. Versus: a fresh optimizer over copies of the saved parameters loads the
        // state and takes the same n steps.
        var a = Param(1, 4, 3);
        var b = Param(2, 7);
        var optimizer = Create(name, [new ParamGroup<double>([a], lr: 0.02), new ParamGroup<double>([b], weightDecay: 0.1)], 0.01, 0);
        for (int k = 0; k < 5; k++)
        {
            a.Grad = Gradient(10 + k, 4, 3);
            b.Grad = k == 2 ? null : Gradient(20 + k, 7); // b skips a step: per-parameter step counts differ
            optimizer.Step();
        }
        optimizer.ParamGroups[1].LearningRate = 0.005; // a schedule's change is part of the state
        var saved = optimizer.StateDict();
        var a2 = Tensor<double>.FromArray(a.ToArray(), 4, 3).RequireGrad();
        var b2 = Tensor<double>.FromArray(b.ToArray()).RequireGrad();
        var resumed = Create(name, [new ParamGroup<double>([a2]), new ParamGroup<double>([b2])], 0.5, 0.3);
        resumed.LoadStateDict(saved);
        Assert.Equal(optimizer.StepCount, resumed.StepCount);
        Assert.Equal([0.02, 0.005], resumed.ParamGroups.Select(g => g.LearningRate));
        Assert.Equal([0.0, 0.1], resumed.ParamGroups.Select(g => g.WeightDecay));
        for (int k = 0; k < 4; k++)
        {
            a.Grad = Gradient(30 + k, 4, 3);
            b.Grad = Gradient(40 + k, 7);
            a2.Grad = a.Grad.Clone();
            b2.Grad = b.Grad.Clone();
            optimizer.Step();
            resumed.Step();
        }
        Assert.Equal(a.ToArray(), a2.ToArray());
        Assert.Equal(b.ToArray(), b2.ToArray());
        // The saved state is a copy: the later steps did not change it.
        Assert.NotEqual(optimizer.StateDict().Tensors.First().Value.ToArray(), saved.Tensors.First().Value.ToArray());
    }

    [Fact]
    public void TheStateDictUsesPytorchsNames()
    {
        var p = Param(1, 2);
        var adam = new Adam<double>([p], lr: 0.1, amsgrad: true);
        p.Grad = Gradient(2, 2);
        adam.Step();
        var s = adam.StateDict();
        Assert.Equal("Adam", s.Optimizer);
        Assert.Equal(["state.0.exp_avg", "state.0.exp_avg_sq", "state.0.max_exp_avg_sq"], s.Tensors.Keys.Order());
        Assert.Equal(1, s.Scalars["state.0.step"]);
        Assert.Equal(0.1, s.Scalars["param_groups.0.lr"]);
        Assert.Equal(1, s.Scalars["param_groups.0.params"]);
        Assert.Equal(0.9, s.Scalars["defaults.betas.0"]);
        Assert.Equal(1, s.Scalars["defaults.amsgrad"]);
        Assert.Equal(1, s.Scalars["step_count"]);
        var sgd = new Sgd<double>([Param(3, 2)], 0.1, momentum: 0.9);
        Assert.Empty(sgd.StateDict().Tensors); // no buffer before the first step, as PyTorch
    }

    public static TheoryData<string, string> BadStates() => new()
    {
        { "class", "the state was saved by Sgd, not Adam" },
        { "betas", "the state was saved with defaults.betas.0 = 0.5, this optimizer has 0.9" },
        { "shape", "tensor 'state.1.exp_avg' has shape [2], but parameter 1 (shape [3]) has shape [3]" },
        { "missing", "parameter 1 (shape [3]): the state tensor 'exp_avg_sq' is missing" },
        { "unknown tensor", "unknown tensor 'state.7.exp_avg'" },
        { "unknown state", "parameter 0 (shape [4]): unknown state tensor 'momentum_buffer'" },
        { "step", "parameter 1 (shape [3]): the state number 'step' is 1.5; it must be a whole number >= 0" },
        { "group count", "the number 'param_groups.1.lr' is missing (this optimizer has 2 parameter group(s))" },
        { "group params", "parameter group 0 had 2 parameters, this optimizer's has 1" },
        { "group lr", "'param_groups.0.lr' is -1; it must be finite and >= 0" },
        { "extra group", "unknown number 'param_groups.2.lr'" },
        { "step_count", "'step_count' is missing" },
    };

    [Theory]
    [MemberData(nameof(BadStates))]
    public void LoadingABadStateChangesNothing(string which, string message)
    {
        var a = Param(1, 4);
        var b = Param(2, 3);
        var adam = new Adam<double>([new ParamGroup<double>([a], lr: 0.1), new ParamGroup<double>([b])], lr: 0.01);
        a.Grad = Gradient(3, 4);
        b.Grad = Gradient(4, 3);
        adam.Step();
        var good = adam.StateDict();
        var tensors = good.Tensors.ToDictionary();
        var scalars = good.Scalars.ToDictionary();
        string type = "Adam";
        switch (which)
        {
            case "class": type = "Sgd"; break;
            case "betas": scalars["defaults.betas.0"] = 0.5; break;
            case "shape": tensors["state.1.exp_avg"] = Tensor<double>.Zeros(2); break;
            case "missing": tensors.Remove("state.1.exp_avg_sq"); break;
            case "unknown tensor": tensors["state.7.exp_avg"] = Tensor<double>.Zeros(4); break;
            case "unknown state": tensors["state.0.momentum_buffer"] = Tensor<double>.Zeros(4); break;
            case "step": scalars["state.1.step"] = 1.5; break;
            case "group count": scalars.Remove("param_groups.1.lr"); break;
            case "group params": scalars["param_groups.0.params"] = 2; break;
            case "group lr": scalars["param_groups.0.lr"] = -1; break;
            case "extra group": scalars["param_groups.2.lr"] = 0.1; break;
            case "step_count": scalars.Remove("step_count"); break;
        }
        // The state to protect: another step, another rate, then the bad load (whose good parts differ from now).
        adam.Step();
        adam.ParamGroups[0].LearningRate = 0.7;
        var before = adam.StateDict();
        var e = Assert.Throws<ArgumentException>(() => adam.LoadStateDict(new OptimizerStateDict<double>(type, tensors, scalars)));
        Assert.StartsWith("Adam.LoadStateDict: " + message, e.Message);
        Assert.EndsWith("; nothing was changed. (Parameter 'stateDict')", e.Message);
        var after = adam.StateDict();
        Assert.Equal(before.Scalars, after.Scalars);
        foreach (var (key, t) in before.Tensors) Assert.Equal(t.ToArray(), after.Tensors[key].ToArray());
    }

    [Fact]
    public void LoadingBumpsTheStateTensorsVersions()
    {
        var p = Param(1, 3);
        var adam = new Adam<double>([p]);
        p.Grad = Gradient(2, 3);
        adam.Step();
        var state = adam.StateDict();
        int version = adam.State[0].M.Version;
        adam.LoadStateDict(state);
        Assert.True(adam.State[0].M.Version > version);
    }

    [Fact]
    public void SchedulerStateDictResumesTheSchedule()
    {
        // Run a cosine schedule 13 epochs, save optimizer and scheduler; a fresh pair loads both and continues: same rates.
        var p = Param(1, 2);
        var sgd = new Sgd<double>([new ParamGroup<double>([p], lr: 0.1)], 0.1, momentum: 0.9);
        var cosine = new CosineAnnealingLR<double>(sgd, tMax: 10, etaMin: 0.001);
        for (int k = 0; k < 13; k++)
        {
            p.Grad = Gradient(k, 2);
            sgd.Step();
            cosine.Step();
        }
        var (os, ss) = (sgd.StateDict(), cosine.StateDict());
        Assert.Equal(13, ss.Values["last_epoch"]);
        Assert.Equal(0.1, ss.Values["base_lrs.0"]);
        var q = Param(1, 2);
        var sgd2 = new Sgd<double>([q], 0.5, momentum: 0.9);
        var cosine2 = new CosineAnnealingLR<double>(sgd2, tMax: 10, etaMin: 0.001);
        sgd2.LoadStateDict(os);
        cosine2.LoadStateDict(ss);
        Assert.Equal(cosine.GetLastLr(), cosine2.GetLastLr());
        Assert.Equal(cosine.BaseLrs, cosine2.BaseLrs);
        for (int k = 0; k < 20; k++)
        {
            sgd.Step();
            cosine.Step();
            cosine2.Step();
            Assert.Equal(sgd.LearningRate, sgd2.LearningRate);
        }

        var other = new CosineAnnealingLR<double>(new Sgd<double>([Param(2, 2)], 0.1), tMax: 11);
        var e = Assert.Throws<ArgumentException>(() => other.LoadStateDict(ss));
        Assert.Contains("CosineAnnealingLR.LoadStateDict: the state was saved with T_max = 10, this scheduler has 11; nothing was changed", e.Message);
        Assert.Equal(0, other.LastEpoch);
        Assert.Contains("saved by CosineAnnealingLR, not StepLR",
            Assert.Throws<ArgumentException>(() => new StepLR<double>(new Sgd<double>([Param(3, 1)], 0.1), 3).LoadStateDict(ss)).Message);
    }

    [Fact]
    public void PlateauStateDictResumes()
    {
        var sgd = new Sgd<double>([Param(1, 1)], 0.1);
        var plateau = new ReduceLROnPlateau<double>(sgd, patience: 1, cooldown: 1);
        double[] metrics = [1, 2, 3, 0.5, 0.6, 0.7, 0.8, 0.9];
        foreach (double m in metrics[..5]) plateau.Step(m);
        var (os, ss) = (sgd.StateDict(), plateau.StateDict());
        var sgd2 = new Sgd<double>([Param(1, 1)], 0.1);
        var plateau2 = new ReduceLROnPlateau<double>(sgd2, patience: 1, cooldown: 1);
        sgd2.LoadStateDict(os);
        plateau2.LoadStateDict(ss);
        Assert.Equal((plateau.Best, plateau.NumBadEpochs, plateau.CooldownCounter), (plateau2.Best, plateau2.NumBadEpochs, plateau2.CooldownCounter));
        foreach (double m in metrics[5..])
        {
            plateau.Step(m);
            plateau2.Step(m);
            Assert.Equal(plateau.GetLastLr(), plateau2.GetLastLr());
        }
        Assert.Equal(0.001, sgd2.LearningRate, 15);
        Assert.Contains("patience = 1, this scheduler has 2",
            Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau<double>(sgd2, patience: 2).LoadStateDict(ss)).Message);
    }

    [Fact]
    public void SchedulersCheckTheirArguments()
    {
        var sgd = new Sgd<double>([Param(1, 1)], 0.1);
        Assert.Contains("StepLR: Invalid stepSize value: 0", Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR<double>(sgd, 0)).Message);
        Assert.Contains("ExponentialLR: Invalid gamma value: -0.5", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialLR<double>(sgd, -0.5)).Message);
        Assert.Contains("MultiStepLR: Invalid milestones value: 0", Assert.Throws<ArgumentOutOfRangeException>(() => new MultiStepLR<double>(sgd, [3, 0])).Message);
        Assert.Contains("CosineAnnealingLR: Invalid tMax value: 0", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingLR<double>(sgd, 0)).Message);
        Assert.Contains("LinearLR: Invalid startFactor value: 0", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearLR<double>(sgd, startFactor: 0)).Message);
        Assert.Contains("LinearLR: Invalid endFactor value: 1.5", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearLR<double>(sgd, endFactor: 1.5)).Message);
        Assert.Contains("OneCycleLR: Invalid pctStart value: 1.2", Assert.Throws<ArgumentOutOfRangeException>(() => new OneCycleLR<double>(sgd, 0.1, 10, pctStart: 1.2)).Message);
        Assert.Contains("expected 1 values for maxLr, got 2", Assert.Throws<ArgumentException>(() => new OneCycleLR<double>(sgd, [0.1, 0.2], 10)).Message);
        Assert.Contains("ReduceLROnPlateau: Invalid factor value: 1", Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau<double>(sgd, factor: 1)).Message);
        // A rejected scheduler left the rate alone (checks come before the first step).
        Assert.Equal(0.1, sgd.LearningRate);
    }

    [Fact]
    public void OneCycleStopsAfterItsTotalSteps()
    {
        var sgd = new Sgd<double>([Param(1, 1)], 0.1);
        var one = new OneCycleLR<double>(sgd, maxLr: 1.0, totalSteps: 10, annealStrategy: AnnealStrategy.Linear);
        Assert.Equal(0.04, sgd.LearningRate, 15);
        Assert.Equal(0.04, sgd.ParamGroups[0].InitialLearningRate!.Value, 15);
        for (int k = 0; k < 10; k++) one.Step();
        Assert.True(sgd.LearningRate >= 0);
        var e = Assert.Throws<InvalidOperationException>(one.Step);
        Assert.Contains("Tried to step 12 times. The specified number of total steps is 10", e.Message);
        Assert.Equal(10, one.LastEpoch);
    }

    [Fact]
    public void ASecondSchedulerStartsFromTheFirstsBaseRate()
    {
        // PyTorch's initial_lr: the base rate is the group's rate when the first scheduler was attached.
        var sgd = new Sgd<double>([Param(1, 1)], 0.1);
        var warmup = new LinearLR<double>(sgd, startFactor: 0.5, totalIters: 2);
        Assert.Equal(0.05, sgd.LearningRate);
        var decay = new ExponentialLR<double>(sgd, 0.5);
        Assert.Equal([0.1], decay.BaseLrs);
        warmup.Step();
        decay.Step();
        Assert.Equal(0.075 * 0.5, sgd.LearningRate, 15);
    }

    [Fact]
    public void ClipGradNormEdgeCases()
    {
        var a = Tensor<double>.Zeros(3).RequireGrad();
        var b = Tensor<double>.Zeros(2).RequireGrad();
        Assert.Equal(0, GradClipping.ClipGradNorm([a, b], 1.0)); // no gradients
        a.Grad = Tensor<double>.FromArray([3.0, 0.0, -4.0]);
        b.Grad = Tensor<double>.FromArray([double.PositiveInfinity, 1.0]);
        var e = Assert.Throws<InvalidOperationException>(() => GradClipping.ClipGradNorm([a, b], 1.0, errorIfNonfinite: true));
        Assert.Contains("The total norm of order 2 for gradients from `parameters` is non-finite", e.Message);
        Assert.Equal([3.0, 0.0, -4.0], a.Grad.ToArray()); // nothing changed
        Assert.Equal(double.PositiveInfinity, GradClipping.ClipGradNorm([a, b], 1.0)); // scaled by 1 / inf = 0, as PyTorch
        Assert.Equal([0.0, 0.0, -0.0], a.Grad.ToArray());
        a.Grad = Tensor<double>.FromArray([3.0, 0.0, -4.0]);
        Assert.Equal(5.0, GradClipping.ClipGradNorm([a], 1.0));
        Assert.Equal(0.6 * 5 / (5 + 1e-6), a.Grad[0], 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradClipping.ClipGradNorm([a], -1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradClipping.ClipGradNorm([a], 1.0, normType: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradClipping.ClipGradValue([a], double.NaN));

        var f = Tensor<float>.Zeros(2).RequireGrad();
        f.Grad = Tensor<float>.FromArray([6f, -8f]);
        Assert.Equal(10.0, GradClipping.ClipGradNorm([f], 5.0), 12);
        Assert.Equal(3f, f.Grad[0], 5);
        f.Grad = Tensor<float>.FromArray([float.NaN, -8f]);
        GradClipping.ClipGradValue([f], 1.0);
        Assert.True(float.IsNaN(f.Grad[0]));
        Assert.Equal(-1f, f.Grad[1]);
    }
}
