using MiniGrad.Nn;

namespace MiniGrad.Tests.Losses;

/// <summary>
/// The loss paths that mutation testing found unchecked (issue 13): BCE-with-logits' gradient with respect to the
/// target, cross entropy on infinite or NaN logits and its shape check, the functional MSE with Reduction.None and its
/// argument checks, and that a loss of inputs without grad records nothing.
/// </summary>
public class LossEdgeCaseTests
{
    private static Tensor<double> Random(int seed, params int[] shape) => Tensor<double>.RandomNormal(new Generator((ulong)seed), shape);

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void BceWithLogitsGradientWithRespectToTheTargetIsMinusTheLogit(Reduction reduction)
    {
        // PyTorch's binary_cross_entropy_with_logits_target_backward (no weights): grad_target = -x · grad_output,
        // divided by the number of elements for the mean. The logit's gradient is (σ(x) - y) · grad_output.
        var x = Random(1, 3, 4).RequireGrad();
        var y = Tensor<double>.RandomUniform(new Generator(2), 0, 1, 3, 4).RequireGrad();
        var upstream = Random(3, 3, 4);
        var loss = Functional.BinaryCrossEntropyWithLogits(x, y, reduction);
        if (reduction == Reduction.None) loss.Backward(upstream);
        else loss.Backward();
        double n = reduction == Reduction.Mean ? 12 : 1;
        var (xs, ys, ws, gx, gy) = (x.ToArray(), y.ToArray(), upstream.ToArray(), x.Grad!.ToArray(), y.Grad!.ToArray());
        for (int i = 0; i < 12; i++)
        {
            double w = reduction == Reduction.None ? ws[i] : 1;
            Assert.Equal(-xs[i] * w / n, gy[i], 14);
            Assert.Equal((1 / (1 + Math.Exp(-xs[i])) - ys[i]) * w / n, gx[i], 14);
        }
    }

    [Fact]
    public void BceWithLogitsRecordedBackwardGivesTheSameTargetGradient()
    {
        // createGraph takes the tensor-op branch of the backward; d/dy of the gradient w.r.t. y is 0 and d/dx is -1/N.
        var x = Random(4, 5).RequireGrad();
        var y = Tensor<double>.RandomUniform(new Generator(5), 0, 1, 5).RequireGrad();
        var grads = Autograd.Grad(Functional.BinaryCrossEntropyWithLogits(x, y), [x, y], createGraph: true);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(-x[i] / 5, grads[1]![i], 15);
            Assert.Equal((1 / (1 + Math.Exp(-x[i])) - y[i]) / 5, grads[0]![i], 14);
        }
        Assert.NotNull(grads[1]!.GradFn);
        var second = Autograd.Grad(grads[1]!.Sum(), [x]);
        Assert.All(second[0]!.ToArray(), v => Assert.Equal(-1.0 / 5, v, 15));
    }

    [Fact]
    public void BceWithLogitsGradientOnlyWithRespectToTheTarget()
    {
        // Only the target requires grad: the logits get nothing, the target gets -x / N.
        var x = Tensor<double>.FromArray([2.0, -1.0, 0.0, 30.0]);
        var y = Tensor<double>.FromArray([0.0, 1.0, 0.5, 1.0]).RequireGrad();
        var loss = Functional.BinaryCrossEntropyWithLogits(x, y);
        Assert.NotNull(loss.GradFn);
        loss.Backward();
        Assert.Equal([-0.5, 0.25, 0.0, -7.5], y.Grad!.ToArray());
        Assert.Null(x.Grad);
    }

    [Fact]
    public void CrossEntropyOfInfiniteOrNanLogitsIsWhatPytorchGives()
    {
        // PyTorch's log_softmax subtracts the row maximum: a NaN anywhere in the row, or a row whose maximum is
        // infinite and taken as the target, gives NaN; -inf at the target of a finite row gives +inf.
        var logits = Tensor<double>.FromArray(
            [double.NaN, 0.0, 1.0,
             0.0, double.NaN, 1.0,
             double.PositiveInfinity, 0.0, 1.0,
             double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity,
             double.NegativeInfinity, 0.0, 0.0,
             double.NegativeInfinity, 0.0, 0.0], 6, 3);
        int[] target = [1, 0, 0, 2, 0, 1];
        var loss = Functional.CrossEntropy(logits, target, Reduction.None).ToArray();
        Assert.True(double.IsNaN(loss[0]), $"NaN in the row: {loss[0]}");
        Assert.True(double.IsNaN(loss[1]), $"NaN in the row: {loss[1]}");
        Assert.True(double.IsNaN(loss[2]), $"+inf at the target: {loss[2]}");
        Assert.True(double.IsNaN(loss[3]), $"every logit -inf: {loss[3]}");
        Assert.Equal(double.PositiveInfinity, loss[4]);
        Assert.Equal(Math.Log(2), loss[5], 15);
        Assert.True(double.IsNaN(Functional.CrossEntropy(logits, target).Item()));
    }

    [Fact]
    public void CrossEntropyGradientOfARowWithMinusInfinityGivesThatLogitNothing()
    {
        // softmax of [-inf, 0, 0] is [0, 1/2, 1/2]: the gradient is softmax - onehot, finite.
        var logits = Tensor<double>.FromArray([double.NegativeInfinity, 0.0, 0.0, 1.0, 2.0, 3.0], 2, 3).RequireGrad();
        Functional.CrossEntropy(logits, new[] { 2, 0 }, Reduction.Sum).Backward();
        var g = logits.Grad!.ToArray();
        Assert.Equal([0.0, 0.5, -0.5], g[..3]);
        double z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Assert.Equal(Math.Exp(1) / z - 1, g[3], 15);
        Assert.Equal(Math.Exp(2) / z, g[4], 15);
        Assert.Equal(Math.Exp(3) / z, g[5], 15);
    }

    [Fact]
    public void CrossEntropyBackwardOfANanRowIsNan()
    {
        var logits = Tensor<double>.FromArray([double.NaN, 0.0, 1.0, 2.0], 2, 2).RequireGrad();
        Functional.CrossEntropy(logits, new[] { 1, 1 }).Backward();
        var g = logits.Grad!.ToArray();
        Assert.True(double.IsNaN(g[0]) && double.IsNaN(g[1]), string.Join(", ", g));
        double p = Math.Exp(1) / (Math.Exp(1) + Math.Exp(2));
        Assert.Equal(p / 2, g[2], 15);
        Assert.Equal((1 - p - 1) / 2, g[3], 15);
    }

    [Fact]
    public void CrossEntropyRefusesLogitsWithoutAClassDimAndTargetsOfTheWrongCount()
    {
        // Logits [C] take one target and [N, C, d1, ...] take N·d1·... (issue 14, as PyTorch); a 0-d tensor has no classes.
        var e = Assert.Throws<ArgumentException>(() => Functional.CrossEntropy(Tensor<double>.Zeros(), new[] { 0 }));
        Assert.Contains("CrossEntropyLoss: the logits must have shape [C], [N, C] or [N, C, d1, ...] (classes along dim 1), got a 0-d tensor []", e.Message);
        Assert.Equal("logits", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Functional.CrossEntropy(Tensor<double>.Zeros(2, 3, 2), new[] { 0, 1, 2 }));
        Assert.Contains("CrossEntropyLoss: logits of shape [2, 3, 2] needs 4 target class indices (one per element of shape [2, 2], row-major), got 3", e.Message);
        Assert.Equal("target", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Functional.CrossEntropy(Tensor<double>.Zeros(6), new[] { 0, 1 }));
        Assert.Contains("logits of shape [6] needs 1 target class indices", e.Message);
        Assert.Throws<ArgumentNullException>(() => Functional.CrossEntropy<double>(null!, new[] { 0 }));
        Assert.Equal(Math.Log(6), Functional.CrossEntropy(Tensor<double>.Zeros(6), new[] { 4 }).Item(), 14);
    }

    [Fact]
    public void CrossEntropyRefusesATargetOfTheWrongLengthOrOutOfRange()
    {
        var logits = Tensor<double>.Zeros(2, 3);
        var e = Assert.Throws<ArgumentException>(() => Functional.CrossEntropy(logits, new[] { 0, 1, 2 }));
        Assert.Contains("has 2 rows but the target holds 3 class indices", e.Message);
        Assert.Equal("target", e.ParamName);
        var low = Assert.Throws<ArgumentOutOfRangeException>(() => Functional.CrossEntropy(logits, new[] { 0, -1 }));
        Assert.Contains("target[1] = -1 is not a class index in [0, 3)", low.Message);
        var high = Assert.Throws<ArgumentOutOfRangeException>(() => Functional.CrossEntropy(logits, new[] { 3, 0 }));
        Assert.Contains("target[0] = 3", high.Message);
        Assert.Equal(Math.Log(3), Functional.CrossEntropy(logits, new[] { 2, 0 }).Item(), 15);
    }

    [Fact]
    public void FunctionalMseLossWithReductionNoneGivesEachSquaredErrorAndItsGradient()
    {
        var p = Tensor<double>.FromArray([1.0, -2.0, 3.5, 0.0, 2.0, 5.0], 2, 3).RequireGrad();
        var t = Tensor<double>.FromArray([0.0, 1.0, 3.0, 0.0, -2.0, 5.5], 2, 3).RequireGrad();
        var loss = Functional.MseLoss(p, t, Reduction.None);
        Assert.Equal(new TensorShape(2, 3), loss.Shape);
        Assert.Equal([1.0, 9.0, 0.25, 0.0, 16.0, 0.25], loss.ToArray());
        var w = Tensor<double>.FromArray([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2, 3);
        loss.Backward(w);
        // d/dp (p - t)² · w = 2 (p - t) w; d/dt is its negative.
        Assert.Equal([2.0, -12.0, 3.0, 0.0, 40.0, -6.0], p.Grad!.ToArray());
        Assert.Equal([-2.0, 12.0, -3.0, 0.0, -40.0, 6.0], t.Grad!.ToArray());
        Assert.Equal(loss.ToArray(), new MseLoss(Reduction.None).Forward(p, t).ToArray());
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void FunctionalMseLossRefusesMismatchedShapes(Reduction reduction)
    {
        var e = Assert.Throws<ArgumentException>(() => Functional.MseLoss(Tensor<double>.Zeros(4, 1), Tensor<double>.Zeros(4), reduction));
        Assert.Contains("MseLoss: prediction shape [4, 1] and target shape [4] differ", e.Message);
        Assert.Throws<ArgumentNullException>(() => Functional.MseLoss(null!, Tensor<double>.Zeros(4), reduction));
        Assert.Throws<ArgumentNullException>(() => Functional.MseLoss(Tensor<double>.Zeros(4), null!, reduction));
    }

    public static TheoryData<string> FunctionalLosses() => ["mse", "l1", "huber", "bce", "cross_entropy"];

    private static Tensor<double> FunctionalLoss(string name, Tensor<double> p, Tensor<double> t, Reduction reduction) => name switch
    {
        "mse" => Functional.MseLoss(p, t, reduction),
        "l1" => Functional.L1Loss(p, t, reduction),
        "huber" => Functional.HuberLoss(p, t, 1.0, reduction),
        "bce" => Functional.BinaryCrossEntropyWithLogits(p, t, reduction),
        _ => Functional.CrossEntropy(p, new[] { 0, 2 }, reduction),
    };

    [Theory]
    [MemberData(nameof(FunctionalLosses))]
    public void FunctionalLossesRefuseAReductionOutsideTheEnum(string name)
    {
        var p = Random(1, 2, 3);
        var t = Random(2, 2, 3);
        foreach (var bad in new[] { (Reduction)3, (Reduction)(-1) })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => FunctionalLoss(name, p, t, bad));
            Assert.Equal("reduction", e.ParamName);
            Assert.Contains($"unknown reduction {(int)bad}; use Mean, Sum or None", e.Message);
        }
    }

    [Theory]
    [MemberData(nameof(FunctionalLosses))]
    public void ALossOfInputsWithoutGradRecordsNothing(string name)
    {
        // As in PyTorch: no input requires grad, so the loss has no grad_fn and nothing goes on the tape.
        var p = Random(1, 2, 3);
        var t = Random(2, 2, 3);
        using var tape = MiniGrad.Tape.Begin();
        foreach (var reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.None })
        {
            var loss = FunctionalLoss(name, p, t, reduction);
            Assert.Null(loss.GradFn);
            Assert.False(loss.RequiresGrad);
            Assert.True(loss.IsLeaf);
        }
        Assert.Empty(tape.Entries);

        // With the prediction requiring grad the loss is recorded, ending in the loss's own entry.
        p.RequiresGrad = true;
        var recorded = FunctionalLoss(name, p, t, Reduction.Mean);
        Assert.NotNull(recorded.GradFn);
        Assert.True(recorded.RequiresGrad);
    }

    [Theory]
    [MemberData(nameof(FunctionalLosses))]
    public void ALossUnderNoGradRecordsNothing(string name)
    {
        var p = Random(1, 2, 3).RequireGrad();
        var t = Random(2, 2, 3);
        using (MiniGrad.Tape.NoGrad())
        {
            var loss = FunctionalLoss(name, p, t, Reduction.Mean);
            Assert.Null(loss.GradFn);
            Assert.False(loss.RequiresGrad);
        }
    }
}
