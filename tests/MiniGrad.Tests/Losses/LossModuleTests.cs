using MiniGrad.Nn;

namespace MiniGrad.Tests.Losses;

/// <summary>The loss modules' names, arguments and checks, and the functional Huber loss's delta check.</summary>
public class LossModuleTests
{
    [Fact]
    public void EveryLossModulePrintsItsReductionAsPytorchPrintsItsModule()
    {
        Assert.Equal("MseLoss(reduction: Sum)", new MseLoss(Reduction.Sum).ToString());
        Assert.Equal("L1Loss(reduction: None)", new L1Loss(Reduction.None).ToString());
        Assert.Equal("L1Loss(reduction: Mean)", new L1Loss().ToString());
        Assert.Equal("BceWithLogitsLoss(reduction: Mean)", new BceWithLogitsLoss().ToString());
        Assert.Equal("BceWithLogitsLoss(reduction: Sum)", new BceWithLogitsLoss(Reduction.Sum).ToString());
        Assert.Equal("CrossEntropyLoss(reduction: Mean)", new CrossEntropyLoss().ToString());
        Assert.Equal("HuberLoss(delta: 1, reduction: Mean)", new HuberLoss().ToString());
        Assert.Equal(Reduction.None, new BceWithLogitsLoss(Reduction.None).Reduction);
        Assert.Equal(0.25, new HuberLoss(0.25).Delta);
    }

    [Fact]
    public void EveryLossModuleRefusesAReductionOutsideTheEnum()
    {
        var bad = (Reduction)5;
        Assert.Throws<ArgumentOutOfRangeException>(() => new L1Loss(bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BceWithLogitsLoss(bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(bad));
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => new HuberLoss(1.0, bad)).ParamName);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void HuberRefusesADeltaThatIsNotPositiveAndFinite(double delta)
    {
        var p = Tensor<double>.Zeros(2);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Functional.HuberLoss(p, p, delta));
        Assert.Equal("delta", e.ParamName);
        Assert.Contains("HuberLoss: delta must be positive and finite", e.Message);
        Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => new HuberLoss(delta)).ParamName);
    }

    [Fact]
    public void HuberAtExactlyDeltaIsContinuousInValueAndGradient()
    {
        // |d| = delta: both branches give 0.5·delta² and gradient ±delta (PyTorch takes the linear branch there).
        var p = Tensor<double>.FromArray([0.5, -0.5, 0.25]).RequireGrad();
        var loss = Functional.HuberLoss(p, Tensor<double>.Zeros(3), 0.5, Reduction.None);
        Assert.Equal([0.125, 0.125, 0.03125], loss.ToArray());
        loss.Sum().Backward();
        Assert.Equal([0.5, -0.5, 0.25], p.Grad!.ToArray());
    }

    [Theory]
    [InlineData("mse", "MseLoss")]
    [InlineData("bce", "BceWithLogits")]
    [InlineData("cross_entropy", "CrossEntropy")]
    public void FusedLossesAreOneNamedTapeEntry(string name, string entry)
    {
        using var tape = MiniGrad.Tape.Begin();
        var p = Tensor<double>.RandomNormal(new Generator(1), 2, 3).RequireGrad();
        var t = Tensor<double>.RandomUniform(new Generator(2), 0, 1, 2, 3);
        _ = name switch
        {
            "mse" => Functional.MseLoss(p, t, Reduction.Sum),
            "bce" => Functional.BinaryCrossEntropyWithLogits(p, t, Reduction.None),
            _ => Functional.CrossEntropy(p, new[] { 1, 2 }, Reduction.None),
        };
        var e = Assert.Single(tape.Entries);
        Assert.Equal(entry, e.Name);
        Assert.Equal(name == "mse" ? "MseLoss(reduction: Sum)" : entry, e.ToString());
    }

    [Fact]
    public void MseLossMeanEntryHasNoArguments()
    {
        using var tape = MiniGrad.Tape.Begin();
        _ = Functional.MseLoss(Tensor<double>.Ones(3).RequireGrad(), Tensor<double>.Zeros(3));
        Assert.Equal("MseLoss", Assert.Single(tape.Entries).ToString());
    }

    [Fact]
    public void MseLossGradientOnlyWithRespectToTheTarget()
    {
        var p = Tensor<double>.FromArray([1.0, 2.0]);
        var t = Tensor<double>.FromArray([0.0, 4.0]).RequireGrad();
        Functional.MseLoss(p, t).Backward();
        Assert.Equal([-1.0, 2.0], t.Grad!.ToArray());
        Assert.Null(p.Grad);
    }
}
