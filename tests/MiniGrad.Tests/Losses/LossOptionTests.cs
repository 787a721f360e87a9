using MiniGrad.Nn;

namespace MiniGrad.Tests.Losses;

/// <summary>
/// The options of issue 14's losses: every bad hyperparameter, shape or target is refused with the loss's name and the
/// bad value, before anything is recorded; and the conventions the reference cases cannot hold (NaN when every target
/// is ignored, a -inf log-probability of another class, which path cross entropy takes, the modules' printouts).
/// </summary>
public class LossOptionTests
{
    private static Tensor<double> Grad(Tensor<double> t) => t.RequireGrad();

    /// <summary>Runs <paramref name="call"/> on a fresh tape: it must throw <typeparamref name="TException"/> naming every fragment, recording nothing.</summary>
    private static TException Refused<TException>(Action call, params string[] fragments)
        where TException : Exception
    {
        using var tape = MiniGrad.Tape.Begin();
        var e = Assert.ThrowsAny<TException>(call);
        foreach (string f in fragments) Assert.Contains(f, e.Message, StringComparison.Ordinal);
        Assert.Empty(tape.Entries);
        return e;
    }

    private static Tensor<double> Probabilities(params int[] shape) =>
        Tensor<double>.Full(0.25, shape).RequireGrad();

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void BceRefusesInputsThatAreNotProbabilities(double bad)
    {
        var x = Grad(Tensor.FromArray(new[] { 0.5, bad, 0.25 }));
        var t = Tensor.FromArray(new[] { 1.0, 0.0, 1.0 });
        var e = Refused<ArgumentOutOfRangeException>(() => Functional.BinaryCrossEntropy(x, t),
            "BceLoss: all elements of input should be between 0 and 1", $"element 1 is {bad}", "BinaryCrossEntropyWithLogits");
        Assert.Equal("input", e.ParamName);
        Refused<ArgumentOutOfRangeException>(() => new BceLoss().Forward(x, t), "BceLoss: all elements of input");
    }

    [Fact]
    public void BceRefusesBadShapesAndWeights()
    {
        var x = Probabilities(3, 4);
        var t = Tensor<double>.Full(1.0, 3, 4);
        Refused<ArgumentException>(() => Functional.BinaryCrossEntropy(x, Tensor<double>.Zeros(4, 3)), "BceLoss", "[3, 4]", "[4, 3]");
        Refused<ArgumentException>(() => Functional.BinaryCrossEntropy(x, t, Tensor<double>.Full(1.0, 5)),
            "BceLoss: weight of shape [5] does not broadcast to the input's shape [3, 4]");
        Refused<ArgumentException>(() => Functional.BinaryCrossEntropy(x, t, Tensor<double>.Full(1.0, 2, 3, 4)), "does not broadcast");
        Refused<ArgumentOutOfRangeException>(() => Functional.BinaryCrossEntropy(x, t, Tensor.FromArray(new[] { 1.0, -1, 1, 1 })),
            "BceLoss: weight[1] = -1; every weight must be finite and non-negative");
        Refused<ArgumentOutOfRangeException>(() => Functional.BinaryCrossEntropy(x, t, Tensor.FromArray(new[] { 1.0, 1, double.PositiveInfinity, 1 })),
            "weight[2] = Infinity");
        Refused<ArgumentException>(() => Functional.BinaryCrossEntropy(x, t, Tensor<double>.Full(1.0, 4).RequireGrad()),
            "BceLoss: weight requires grad", "weight.Detach()");
        Refused<ArgumentException>(() => Functional.BinaryCrossEntropy(Probabilities(0, 4), Tensor<double>.Zeros(0, 4)), "BceLoss: the input is empty");
        Assert.Equal(0.0, Functional.BinaryCrossEntropy(Probabilities(0, 4), Tensor<double>.Zeros(0, 4), reduction: Reduction.Sum).Item());
        Assert.Throws<ArgumentOutOfRangeException>(() => new BceLoss(Tensor.FromArray(new[] { double.NaN })));
        Assert.Throws<ArgumentException>(() => new BceLoss(Tensor<double>.Full(1.0, 2).RequireGrad()));
        // A weight of shape [N, 1] scales whole rows.
        var rows = Functional.BinaryCrossEntropy(x, t, Tensor.FromArray(new[] { 1.0, 0, 2 }, 3, 1), Reduction.None);
        Assert.Equal(new[] { Math.Log(4), 0, 2 * Math.Log(4) }, rows.ToArray().Where((_, i) => i % 4 == 0).ToArray());
    }

    [Fact]
    public void BceClampsTheLogsAtMinus100AndKeepsTheGradientFinite()
    {
        var x = Grad(Tensor.FromArray(new[] { 0.0, 1.0, 0.0, 1.0 }));
        var t = Tensor.FromArray(new[] { 1.0, 0.0, 0.0, 1.0 });
        var y = Functional.BinaryCrossEntropy(x, t, reduction: Reduction.None);
        Assert.Equal(new[] { 100.0, 100, 0, 0 }, y.ToArray());
        y.Sum().Backward();
        // (x - t) / max(x(1 - x), ε), ε = 1e-12 rounded to float as in PyTorch's Loss.cpp.
        Assert.Equal(new[] { -1 / (double)1e-12f, 1 / (double)1e-12f, 0, 0 }, x.Grad!.ToArray());
    }

    [Fact]
    public void BceTargetGradientIsInfiniteAtProbabilitiesZeroAndOneAsInPyTorch()
    {
        var x = Tensor.FromArray(new[] { 0.0, 1.0, 0.5 });
        var t = Grad(Tensor.FromArray(new[] { 0.5, 0.5, 0.5 }));
        Functional.BinaryCrossEntropy(x, t, reduction: Reduction.Sum).Backward();
        Assert.Equal(new[] { double.PositiveInfinity, double.NegativeInfinity, 0 }, t.Grad!.ToArray());
    }

    [Fact]
    public void BceSecondDerivativeIsPyTorchsAwayFromTheClamp()
    {
        // PyTorch 1.13: x = [0.3, 0.7], t = [0.2, 0.9], h = d/dx sum(d/dx sum(binary_cross_entropy(x, t, reduction='sum'))),
        // binary_cross_entropy_double_backward's (x² - 2xt + t)/((x + ε)²(1 - x + ε)²). MiniGrad differentiates its own
        // backward, (x² - 2xt + t)/(x(1 - x))² here: the same to ~1e-11.
        var x = Grad(Tensor.FromArray(new[] { 0.3, 0.7 }));
        var t = Tensor.FromArray(new[] { 0.2, 0.9 });
        var g = Autograd.Grad(Functional.BinaryCrossEntropy(x, t, reduction: Reduction.Sum), [x], createGraph: true)[0]!;
        g.Sum().Backward();
        Assert.Equal(3.8548752834100006, x.Grad!.ToArray()[0], 1e-9 * 3.85);
        Assert.Equal(2.947845804960587, x.Grad!.ToArray()[1], 1e-9 * 2.95);
    }

    [Fact]
    public void ModuleWeightsServeFloatToo()
    {
        var x = Tensor.FromArray(new[] { 0.25f, 0.5f, 0.75f, 0.5f }, 2, 2);
        var t = Tensor.FromArray(new[] { 1f, 0f, 1f, 1f }, 2, 2);
        var w = Tensor.FromArray(new[] { 2.0, 0.5 });
        var viaModule = new BceLoss(w, Reduction.None).Forward(x, t).ToArray();
        var viaFunction = Functional.BinaryCrossEntropy(x, t, Tensor.FromArray(new[] { 2f, 0.5f }), Reduction.None).ToArray();
        Assert.Equal(viaFunction, viaModule);
        var logits = Tensor.FromArray(new[] { 1f, -1f, 0.5f, 2f }, 2, 2);
        Assert.Equal(Functional.CrossEntropy(logits, [1, 0], weight: Tensor.FromArray(new[] { 2f, 0.5f })).Item(),
            new CrossEntropyLoss(weight: w).Forward(logits, [1, 0]).Item());
    }

    [Fact]
    public void NllRefusesBadTargetsWeightsAndShapes()
    {
        var x = Grad(Tensor<double>.Zeros(3, 4));
        var e = Refused<ArgumentOutOfRangeException>(() => Functional.NllLoss(x, [0, 4, 1]),
            "NllLoss: target[1] = 4 is not a class index in [0, 4) for input of shape [3, 4], nor the ignoreIndex (-100)");
        Assert.Equal("target", e.ParamName);
        Refused<ArgumentOutOfRangeException>(() => Functional.NllLoss(x, [0, -1, 1]), "target[1] = -1");
        Refused<ArgumentOutOfRangeException>(() => Functional.NllLoss(x, [0, -100, 1], ignoreIndex: -1), "target[1] = -100", "ignoreIndex (-1)");
        Refused<ArgumentException>(() => Functional.NllLoss(x, [0, 1]), "NllLoss: input of shape [3, 4] needs 3 target class indices", "got 2");
        Refused<ArgumentException>(() => Functional.NllLoss(Grad(Tensor<double>.Zeros(2, 3, 5)), [0, 1]), "needs 10 target class indices (one per element of shape [2, 5]");
        Refused<ArgumentException>(() => Functional.NllLoss(Grad(Tensor<double>.Zeros()), [0]), "NllLoss: the input must have shape [C], [N, C] or [N, C, d1, ...]");
        Refused<ArgumentException>(() => Functional.NllLoss(x, [0, 1, 2], Tensor<double>.Full(1.0, 3)),
            "NllLoss: weight must hold one number per class, shape [4], got shape [3]");
        Refused<ArgumentException>(() => Functional.NllLoss(x, [0, 1, 2], Tensor<double>.Full(1.0, 1, 4)), "shape [4], got shape [1, 4]");
        Refused<ArgumentOutOfRangeException>(() => Functional.NllLoss(x, [0, 1, 2], Tensor.FromArray(new[] { 1.0, 1, 1, -0.5 })), "NllLoss: weight[3] = -0.5");
        Refused<ArgumentOutOfRangeException>(() => Functional.NllLoss(x, [0, 1, 2], reduction: (Reduction)7), "unknown reduction 7");
        Refused<ArgumentException>(() => Functional.NllLoss(Grad(Tensor<double>.Zeros(0, 4)), []), "NllLoss: the batch is empty");
        Assert.Equal(0.0, Functional.NllLoss(Grad(Tensor<double>.Zeros(0, 4)), [], reduction: Reduction.Sum).Item());
        Assert.Throws<ArgumentException>(() => new NllLoss(Tensor<double>.Full(1.0, 2, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NllLoss(Tensor.FromArray(new[] { 1.0, double.NaN })));
        Refused<ArgumentException>(() => new NllLoss().Forward(x, Tensor.FromArray(new[] { 0.0, 1.5, 2 })), "NllLoss: target element 1 is 1.5, not a class index");
    }

    [Fact]
    public void NllWithEveryTargetIgnoredIsNaNWithAZeroGradientAsInPyTorch()
    {
        var x = Grad(Tensor.FromArray(new[] { -1.0, -2, -0.5, -3, -0.1, -4 }, 3, 2));
        var mean = Functional.NllLoss(x, [-100, -100, -100]);
        Assert.True(double.IsNaN(mean.Item()));
        mean.Backward();
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(0.0, g));
        Assert.Equal(0.0, Functional.NllLoss(x, [-100, -100, -100], reduction: Reduction.Sum).Item());
        Assert.Equal(new[] { 0.0, 0, 0 }, Functional.NllLoss(x, [-100, -100, -100], reduction: Reduction.None).ToArray());
        Assert.True(double.IsNaN(Functional.CrossEntropy(x, [-100, -100, -100], labelSmoothing: 0.1).Item()));
    }

    [Fact]
    public void NllReadsOnlyTheTargetEntriesSoMinusInfinityElsewhereIsHarmless()
    {
        // log-probabilities of a masked class are -inf: -inf · 0 would be NaN if every entry were multiplied.
        var x = Grad(Tensor.FromArray(new[] { double.NegativeInfinity, -0.5, -1.5, double.NegativeInfinity }, 2, 2));
        var loss = Functional.NllLoss(x, [1, 0], Tensor.FromArray(new[] { 2.0, 3.0 }));
        Assert.Equal((3 * 0.5 + 2 * 1.5) / 5, loss.Item(), 15);
        loss.Backward();
        var expected = new[] { 0, -3.0 / 5, -2.0 / 5, 0 };
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], x.Grad!.ToArray()[i], 15);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void CrossEntropyRefusesLabelSmoothingOutsideZeroToOne(double bad)
    {
        var x = Grad(Tensor<double>.Zeros(2, 3));
        var e = Refused<ArgumentOutOfRangeException>(() => Functional.CrossEntropy(x, [0, 1], labelSmoothing: bad),
            $"CrossEntropyLoss: labelSmoothing must be between 0.0 and 1.0, got {bad.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        Assert.Equal("labelSmoothing", e.ParamName);
        Refused<ArgumentOutOfRangeException>(() => Functional.CrossEntropy(x, Tensor<double>.Full(0.5, 2, 3), labelSmoothing: bad), "labelSmoothing");
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(labelSmoothing: bad));
    }

    [Fact]
    public void CrossEntropyRefusesBadWeightsTargetsAndIgnoreIndexWithProbabilities()
    {
        var x = Grad(Tensor<double>.Zeros(2, 3));
        Refused<ArgumentException>(() => Functional.CrossEntropy(x, [0, 1], weight: Tensor<double>.Full(1.0, 2)),
            "CrossEntropyLoss: weight must hold one number per class, shape [3], got shape [2]");
        Refused<ArgumentException>(() => Functional.CrossEntropy(x, Tensor<double>.Full(0.5, 2, 3), weight: Tensor<double>.Full(1.0, 4)), "shape [3], got shape [4]");
        Refused<ArgumentOutOfRangeException>(() => Functional.CrossEntropy(x, [0, 1], weight: Tensor.FromArray(new[] { 1.0, -2, 1 })), "CrossEntropyLoss: weight[1] = -2");
        Refused<ArgumentOutOfRangeException>(() => Functional.CrossEntropy(x, [0, 3], labelSmoothing: 0.1),
            "CrossEntropyLoss: target[1] = 3 is not a class index in [0, 3) for logits of shape [2, 3]");
        Refused<ArgumentOutOfRangeException>(() => Functional.CrossEntropy(Grad(Tensor<double>.Zeros(1, 3, 2)), [0, 7]), "target[1] = 7");
        var e = Refused<ArgumentException>(() => Functional.CrossEntropy(x, Tensor<double>.Full(0.5, 2, 3), ignoreIndex: 0),
            "CrossEntropyLoss: ignoreIndex (0) is not supported with class-probability targets");
        Assert.Equal("ignoreIndex", e.ParamName);
        Refused<ArgumentException>(() => Functional.CrossEntropy(x, Tensor.FromArray(new[] { 0.0, 0.5 })), "CrossEntropyLoss: target element 1 is 0.5, not a class index");
        Refused<ArgumentException>(() => Functional.CrossEntropy(Grad(Tensor<double>.Zeros(0, 3)), Tensor<double>.Zeros(0, 3)), "CrossEntropyLoss: the batch is empty");
        Refused<ArgumentException>(() => Functional.CrossEntropy(Grad(Tensor<double>.Zeros(0, 3, 2)), []), "CrossEntropyLoss: the batch is empty");
        Assert.Throws<ArgumentException>(() => new CrossEntropyLoss(weight: Tensor<double>.Full(1.0, 3).RequireGrad()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(weight: Tensor.FromArray(new[] { double.NegativeInfinity })));
    }

    [Fact]
    public void CrossEntropyTakesTheFusedOpOnlyInThePlainCase()
    {
        var x = Grad(Tensor.FromArray(new[] { 1.0, 2, 0.5, -1, 0, 3 }, 2, 3));
        string Last(Func<Tensor<double>> loss)
        {
            using var tape = MiniGrad.Tape.Begin();
            loss();
            return string.Join(" ", tape.Entries.Select(e => ((Function<double>)e).Name));
        }
        Assert.Equal("CrossEntropy Mean", Last(() => Functional.CrossEntropy(x, [2, 0])));
        Assert.Equal("CrossEntropy Mean", Last(() => new CrossEntropyLoss().Forward(x, Tensor.FromArray(new[] { 2.0, 0 }))));
        Assert.StartsWith("LogSoftmax", Last(() => Functional.CrossEntropy(x, [2, -100])));
        Assert.StartsWith("LogSoftmax", Last(() => Functional.CrossEntropy(x, [2, 0], labelSmoothing: 0.1)));
        Assert.StartsWith("LogSoftmax", Last(() => Functional.CrossEntropy(x, [2, 0], weight: Tensor<double>.Full(1.0, 3))));
        // The composed path gives the fused path's numbers where both apply.
        var fused = Functional.CrossEntropy(x, [2, 0], Reduction.None).ToArray();
        var composed = Functional.CrossEntropy(x, [2, 0], Reduction.None, Tensor<double>.Full(1.0, 3)).ToArray();
        for (int i = 0; i < 2; i++) Assert.Equal(fused[i], composed[i], 14);
    }

    [Fact]
    public void ATensorTargetOfTheLogitsShapeHoldsProbabilities()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2, 0.5, -1, 0, 3 }, 2, 3);
        var onehot = Tensor.FromArray(new[] { 0.0, 0, 1, 1, 0, 0 }, 2, 3);
        Assert.Equal(Functional.CrossEntropy(x, [2, 0]).Item(), Functional.CrossEntropy(x, onehot).Item(), 14);
        Assert.Equal(Functional.CrossEntropy(x, [2, 0]).Item(), new CrossEntropyLoss().Forward(x, onehot).Item(), 14);
        // Any other shape: class indices, as before.
        Assert.Equal(Functional.CrossEntropy(x, [2, 0]).Item(), Functional.CrossEntropy(x, Tensor.FromArray(new[] { 2.0, 0 })).Item(), 15);
    }

    [Fact]
    public void Softmax2dRefusesRanksOtherThanThreeAndFour()
    {
        foreach (var shape in new[] { new[] { 2, 3 }, new[] { 2, 3, 2, 2, 2 }, new[] { 5 } })
        {
            var x = Grad(Tensor<double>.Zeros(shape));
            var e = Refused<ArgumentException>(() => new Softmax2d<double>().Forward(x),
                $"Softmax2d: the input must be [N, C, H, W] or [C, H, W]", $"got shape {x.Shape}");
            Assert.Equal("input", e.ParamName);
        }
        var y = new Softmax2d<double>().Forward(Tensor<double>.Zeros(3, 1, 2));
        Assert.All(y.ToArray(), v => Assert.Equal(1.0 / 3, v, 15));
        Assert.Equal("Softmax2d()", new Softmax2d<float>().ToString());
    }

    [Fact]
    public void ModulesPrintTheirOptions()
    {
        Assert.Equal("BceLoss(reduction: Mean)", new BceLoss().ToString());
        Assert.Equal("BceLoss(weight: [3, 1], reduction: Sum)", new BceLoss(Tensor<double>.Full(1.0, 3, 1), Reduction.Sum).ToString());
        Assert.Equal("NllLoss(reduction: Mean)", new NllLoss().ToString());
        Assert.Equal("NllLoss(weight: [4], ignoreIndex: 0, reduction: None)", new NllLoss(Tensor<double>.Full(1.0, 4), 0, Reduction.None).ToString());
        Assert.Equal("CrossEntropyLoss(reduction: Mean)", new CrossEntropyLoss().ToString());
        Assert.Equal("CrossEntropyLoss(weight: [3], ignoreIndex: 1, labelSmoothing: 0.1, reduction: Sum)",
            new CrossEntropyLoss(Reduction.Sum, Tensor<double>.Full(1.0, 3), 1, 0.1).ToString());
    }

    [Fact]
    public void ModulesKeepACopyOfTheirWeight()
    {
        var w = Tensor.FromArray(new[] { 1.0, 1.0 });
        var loss = new NllLoss(w);
        w.Span[0] = 100; // changing the caller's tensor afterwards does not change the loss
        var x = Tensor.FromArray(new[] { -1.0, -2.0, -3.0, -4.0 }, 2, 2);
        Assert.Equal(Functional.NllLoss(x, [0, 1]).Item(), loss.Forward(x, [0, 1]).Item(), 15);
        Assert.Equal(2, loss.WeightClasses);
    }
}
