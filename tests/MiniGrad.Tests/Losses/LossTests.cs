using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MiniGrad.Nn;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Losses;

public class LossTests
{
    private static Tensor<double> Random(int seed, params int[] shape) => Tensor<double>.RandomNormal(new Generator((ulong)seed), shape);

    [Fact]
    public void ShapeMismatchThrowsNamingLossAndBothShapes()
    {
        var p = Tensor<double>.Zeros(10, 1);
        var t = Tensor<double>.Zeros(10);
        foreach (var (name, act) in new (string, Action)[]
                 {
                     ("MseLoss", () => new MseLoss().Forward(p, t)),
                     ("L1Loss", () => new L1Loss().Forward(p, t)),
                     ("HuberLoss", () => new HuberLoss().Forward(p, t)),
                     ("BceWithLogitsLoss", () => new BceWithLogitsLoss().Forward(p, t)),
                 })
        {
            var e = Assert.Throws<ArgumentException>(act);
            Assert.Contains(name, e.Message);
            Assert.Contains("[10, 1]", e.Message);
            Assert.Contains("[10]", e.Message);
        }
        var ce = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(Tensor<double>.Zeros(3, 4), new[] { 0, 1 }));
        Assert.Contains("[3, 4]", ce.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss().Forward(Tensor<double>.Zeros(2, 4), new[] { 0, 4 }));
    }

    /// <summary>Rows and columns (1 to 6) and a seed; shrinks to a 1 x 1 batch.</summary>
    private static Arbitrary<(int Rows, int Cols, int Seed)> Batches() =>
        (from rows in Gen.Choose(1, 6)
         from cols in Gen.Choose(1, 6)
         from seed in Gen.Choose(0, 1000)
         select (rows, cols, seed))
        .ShrinkingWith(c => Shrinks.Each(c, r => Shrinks.Int(r, 1), k => Shrinks.Int(k, 1), Shrinks.None));

    [Property(MaxTest = 100)]
    public Property ReductionsRelateAsMeanSumAndNone() =>
        Prop.ForAll(Batches(), c =>
        {
            var (rows, cols, seed) = c;
            var p = Random(seed, rows, cols);
            var t = Random(seed + 1, rows, cols);
            foreach (Func<Reduction, Tensor<double>> loss in new Func<Reduction, Tensor<double>>[]
                     {
                         r => Functional.MseLoss(p, t, r), r => Functional.L1Loss(p, t, r),
                         r => Functional.HuberLoss(p, t, 0.7, r), r => Functional.BinaryCrossEntropyWithLogits(p, t, r),
                     })
            {
                var none = loss(Reduction.None);
                Assert.Equal(p.Shape, none.Shape);
                double sum = none.ToArray().Sum();
                Assert.Equal(sum, loss(Reduction.Sum).Item(), 1e-12);
                Assert.Equal(sum / (rows * cols), loss(Reduction.Mean).Item(), 1e-12);
            }
        });

    public static TheoryData<string> LossNames() => ["mse", "l1", "huber", "bce", "cross_entropy"];

    private static Tensor<double> Loss(string name, Tensor<double> p, Tensor<double> t) => name switch
    {
        "mse" => new MseLoss().Forward(p, t),
        "l1" => new L1Loss(Reduction.Sum).Forward(p, t),
        "huber" => new HuberLoss(0.8).Forward(p, t),
        "bce" => new BceWithLogitsLoss().Forward(p, t),
        _ => new CrossEntropyLoss().Forward(p, new[] { 0, 2, 1, 2 }),
    };

    [Theory]
    [MemberData(nameof(LossNames))]
    public void GradientMatchesCentralDifferences(string name)
    {
        var p = Random(1, 4, 3) * 2.0;
        var t = name == "bce" ? Tensor<double>.RandomUniform(new Generator(2), 0, 1, 4, 3) : Random(2, 4, 3);
        var numeric = NumericGradient.Compute(x => Loss(name, x[0], t), [p]);
        p.RequiresGrad = true;
        Loss(name, p, t).Backward();
        Close.All(numeric[0], p.Grad!.ReadOnlySpan, 1e-6, 1e-8, name);
    }

    [Theory]
    [InlineData("bce")]
    [InlineData("cross_entropy")]
    public void FusedBackwardIsDifferentiableAgain(string name)
    {
        // d/dp of sum(dLoss/dp · w), from createGraph, against central differences of the analytic gradient.
        var p = Random(3, 4, 3);
        var t = name == "bce" ? Tensor<double>.RandomUniform(new Generator(4), 0, 1, 4, 3) : Random(4, 4, 3);
        var w = Random(5, 4, 3);
        double GradDotW(Tensor<double> x)
        {
            var leaf = x.Clone().RequireGrad();
            var g = Autograd.Grad(Loss(name, leaf, t), [leaf])[0]!;
            return (g * w).Sum().Item();
        }
        // Central differences by hand: NumericGradient evaluates under NoGrad, and this function needs the tape.
        var numeric = new double[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            const double h = 1e-5;
            double original = p.Span[i];
            p.Span[i] = original + h;
            double plus = GradDotW(p);
            p.Span[i] = original - h;
            double minus = GradDotW(p);
            p.Span[i] = original;
            numeric[i] = (plus - minus) / (2 * h);
        }
        p.RequiresGrad = true;
        var first = Autograd.Grad(Loss(name, p, t), [p], createGraph: true)[0]!;
        (first * w).Sum().Backward();
        Close.All(numeric, p.Grad!.ReadOnlySpan, 1e-5, 1e-7, name);
    }

    [Fact]
    public void CrossEntropyIsStableForLargeLogitsAndShiftInvariant()
    {
        var logits = Tensor<double>.FromArray([1000.0, -1000.0, 999.0, 5e4, 5e4, 0.0], 2, 3).RequireGrad();
        int[] labels = [2, 1];
        var loss = new CrossEntropyLoss(Reduction.None).Forward(logits, labels);
        Assert.All(loss.ToArray(), v => Assert.True(double.IsFinite(v)));
        var small = Tensor<double>.FromArray([1.0, -1999.0, 0.0, 0.0, 0.0, -5e4], 2, 3);
        Close.All(new CrossEntropyLoss(Reduction.None).Forward(small, labels).ToArray(), loss.ReadOnlySpan, 1e-12, 1e-12, "shifted");
        loss.Sum().Backward();
        Assert.All(logits.Grad!.ToArray(), v => Assert.True(double.IsFinite(v)));
        // Each row of softmax - onehot sums to zero.
        var g = logits.Grad.ToArray();
        Assert.Equal(0, g[0] + g[1] + g[2], 12);
        Assert.True(Math.Abs(g[3] + g[4] + g[5]) < 1e-12, string.Join(", ", g));
    }

    [Fact]
    public void CrossEntropyTakesLabelsAsATensorOfWholeNumbers()
    {
        var logits = Random(8, 3, 4);
        var a = new CrossEntropyLoss().Forward(logits, new[] { 3, 0, 1 });
        var b = new CrossEntropyLoss().Forward(logits, Tensor<double>.FromArray([3.0, 0.0, 1.0]));
        Assert.Equal(a.Item(), b.Item());
        Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(logits, Tensor<double>.FromArray([0.5, 0.0, 1.0])));
    }

    [Fact]
    public void BceWithLogitsIsStableAtExtremesAndHasTheSigmoidGradientAtZero()
    {
        var x = Tensor<double>.FromArray([-1000.0, 1000.0, 0.0, 40.0]).RequireGrad();
        var y = Tensor<double>.FromArray([1.0, 0.0, 0.25, 1.0]);
        var loss = new BceWithLogitsLoss(Reduction.None).Forward(x, y);
        Assert.Equal(1000.0, loss[0], 9);
        Assert.Equal(1000.0, loss[1], 9);
        Assert.Equal(Math.Log(2), loss[2], 14);
        loss.Sum().Backward();
        Assert.Equal([-1.0, 1.0, 0.5 - 0.25], x.Grad!.ToArray()[..3]);
    }

    [Fact]
    public void HuberIsQuadraticInsideDeltaAndLinearOutside()
    {
        var p = Tensor<double>.FromArray([0.1, -0.3, 2.0, -5.0]);
        var t = Tensor<double>.Zeros(4);
        const double delta = 0.5;
        var loss = new HuberLoss(delta, Reduction.None).Forward(p, t).ToArray();
        for (int i = 0; i < 4; i++)
        {
            double z = Math.Abs(p[i]);
            Assert.Equal(z < delta ? 0.5 * z * z : delta * (z - 0.5 * delta), loss[i], 14);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new HuberLoss(0));
    }

    [Fact]
    public void LossesWorkInFloatAndPrint()
    {
        var p = Tensor<float>.FromArray([1f, 2f, 3f]);
        var t = Tensor<float>.FromArray([1f, 0f, 5f]);
        Assert.Equal((0 + 4 + 4) / 3f, new MseLoss().Forward(p, t).Item(), 6);
        Assert.Equal("MseLoss(reduction: Mean)", new MseLoss().ToString());
        Assert.Equal("CrossEntropyLoss(reduction: Sum)", new CrossEntropyLoss(Reduction.Sum).ToString());
        Assert.Equal("HuberLoss(delta: 1.5, reduction: None)", new HuberLoss(1.5, Reduction.None).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new MseLoss((Reduction)7));
    }
}
