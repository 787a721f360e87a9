using MiniGrad.Nn;
using MiniGrad.Optim;
using MiniGrad.Study;

namespace MiniGrad.Tests.Study;

public class TrainingDiagnosticsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static Tensor<double> Inputs(int rows, int cols, ulong seed = 7) =>
        Tensor<double>.RandomNormal(new Generator(seed), rows, cols);

    private static EpochHealth OneEpoch(Sequential<double> model, Tensor<double> x, TrainingDiagnostics<double> diag, int batches = 1)
    {
        for (int b = 0; b < batches; b++)
        {
            model.ZeroGrad();
            var loss = diag.Forward(x).Pow(2.0).Mean();
            loss.Backward();
            diag.AfterBackward();
        }
        return diag.EndEpoch(1);
    }

    [Fact]
    public void LayerForcedDeadByALargeNegativeBiasReportsEveryUnitDead()
    {
        var g = new Generator(1);
        var first = new Linear<double>(3, 5, g);
        first.Bias!.Span.Fill(-100);
        var model = new Sequential<double>(first, new Relu<double>(), new Linear<double>(5, 1, g));
        var health = OneEpoch(model, Inputs(16, 3), new TrainingDiagnostics<double>(model));

        var l0 = health.Layers[0];
        Assert.Equal("Relu", l0.Activation);
        Assert.Equal(1.0, l0.DeadFraction);
        Assert.Null(l0.SaturatedFraction);
        Assert.Equal(0.0, l0.GradNorm); // a dead layer gets no gradient at all
        Assert.Null(health.Layers[1].Activation);
        Assert.True(health.Layers[1].GradNorm > 0); // its bias still learns
    }

    [Fact]
    public void DeadFractionCountsUnitsThatNeverFireOverTheWholeEpoch()
    {
        var g = new Generator(2);
        var first = new Linear<double>(2, 4, g);
        // Units 0 and 1 see x0 and -x0, unit 2 is always off, unit 3 always on.
        first.Weight.Span.Clear();
        first.Weight[0, 0] = 1;
        first.Weight[1, 0] = -1;
        first.Bias!.Span[2] = -5;
        first.Bias!.Span[3] = 5;
        first.Bias!.Span[0] = first.Bias!.Span[1] = 0;
        var model = new Sequential<double>(first, new Relu<double>(), new Linear<double>(4, 1, g));
        var diag = new TrainingDiagnostics<double>(model);

        // Epoch 1 in two batches: x0 > 0, then x0 < 0. Only unit 2 never fires.
        diag.Forward(Tensor.FromArray(new[] { 1.0, 0.0, 2.0, 0.0 }, 2, 2));
        diag.Forward(Tensor.FromArray(new[] { -1.0, 0.0 }, 1, 2));
        Assert.Equal(0.25, diag.EndEpoch(1).Layers[0].DeadFraction);
        // Epoch 2 sees only positive x0: unit 1 is dead too. Counting restarts each epoch.
        diag.Forward(Tensor.FromArray(new[] { 3.0, 0.0 }, 1, 2));
        Assert.Equal(0.5, diag.EndEpoch(2).Layers[0].DeadFraction);
        Assert.Equal([1, 2], diag.History.Select(h => h.Epoch));
    }

    [Fact]
    public void SaturationCountsOutputsBeyondTheThreshold()
    {
        var g = new Generator(3);
        var first = new Linear<double>(1, 2, g);
        first.Weight.Span.Clear();
        first.Bias!.Span[0] = 10;   // sigmoid(10) = 0.99995: saturated
        first.Bias!.Span[1] = 0.5;  // sigmoid(0.5) = 0.62: not
        var model = new Sequential<double>(first, new Sigmoid<double>(), new Linear<double>(2, 1, g));
        var h = OneEpoch(model, Inputs(8, 1), new TrainingDiagnostics<double>(model)).Layers[0];
        Assert.Equal("Sigmoid", h.Activation);
        Assert.Equal(0.5, h.SaturatedFraction);
        Assert.Null(h.DeadFraction);

        var tanhFirst = new Linear<double>(1, 4, g);
        tanhFirst.Weight.Span.Clear();
        new[] { -3.0, 3.0, 0.1, 2.0 }.CopyTo(tanhFirst.Bias!.Span); // tanh: -0.995, 0.995, 0.0997, 0.964
        var tanhModel = new Sequential<double>(tanhFirst, new Tanh<double>(), new Linear<double>(4, 1, g));
        var t = OneEpoch(tanhModel, Inputs(5, 1), new TrainingDiagnostics<double>(tanhModel)).Layers[0];
        Assert.Equal(0.5, t.SaturatedFraction);
        var strict = OneEpoch(tanhModel, Inputs(5, 1), new TrainingDiagnostics<double>(tanhModel, saturationThreshold: 0.9)).Layers[0];
        Assert.Equal(0.75, strict.SaturatedFraction);
    }

    [Fact]
    public void GradNormIsTheL2NormOfTheLayersGradientsAveragedOverBatches()
    {
        var g = new Generator(4);
        var first = new Linear<double>(3, 4, g);
        var model = new Sequential<double>(first, new Tanh<double>(), new Linear<double>(4, 2, g));
        var diag = new TrainingDiagnostics<double>(model);
        var x1 = Inputs(6, 3, 11);
        var x2 = Inputs(6, 3, 12);
        var norms = new List<double>();
        foreach (var x in new[] { x1, x2 })
        {
            model.ZeroGrad();
            diag.Forward(x).Pow(2.0).Mean().Backward();
            diag.AfterBackward();
            double sq = first.Weight.Grad!.ToArray().Concat(first.Bias!.Grad!.ToArray()).Sum(v => v * v);
            norms.Add(Math.Sqrt(sq));
        }
        var health = diag.EndEpoch(1);
        Assert.Equal(norms.Average(), health.Layers[0].GradNorm, 12);
        Assert.Equal("0 Linear [4, 3]", health.Layers[0].Layer);
        Assert.Equal("2 Linear [2, 4]", health.Layers[1].Layer);
    }

    [Fact]
    public void ForwardGivesTheSameOutputAsTheModel()
    {
        var g = new Generator(5);
        var model = new Sequential<double>(new Linear<double>(3, 4, g), new Relu<double>(), new Linear<double>(4, 2, g));
        var x = Inputs(5, 3);
        Assert.Equal(model.Forward(x).ToArray(), new TrainingDiagnostics<double>(model).Forward(x).ToArray());
    }

    [Fact]
    public void DeepSigmoidNetworkShowsVanishingGradientsWhereReluDoesNot()
    {
        // The tutorials' claim, measured: through eight sigmoid layers (derivative at most 1/4) the first layer's
        // gradient is far smaller than the last's; through ReLUs it is not.
        static double FirstOverLast(Func<Module<double>> activation)
        {
            var g = new Generator(6);
            var model = new Sequential<double>();
            int width = 16;
            model.Append(new Linear<double>(4, width, g)).Append(activation());
            for (int i = 0; i < 7; i++) model.Append(new Linear<double>(width, width, g)).Append(activation());
            model.Append(new Linear<double>(width, 1, g));
            var diag = new TrainingDiagnostics<double>(model);
            var x = Inputs(64, 4, 8);
            var y = Inputs(64, 1, 9);
            var optimizer = new Adam<double>(model.Parameters(), 1e-3);
            optimizer.ZeroGrad();
            (diag.Forward(x) - y).Pow(2.0).Mean().Backward();
            diag.AfterBackward();
            var layers = diag.EndEpoch(1).Layers;
            return layers[0].GradNorm / layers[^2].GradNorm;
        }
        double sigmoid = FirstOverLast(() => new Sigmoid<double>());
        double relu = FirstOverLast(() => new Relu<double>());
        output.WriteLine($"first/last layer gradient norm: sigmoid {sigmoid:E2}, relu {relu:E2}");
        Assert.True(sigmoid < 1e-3, $"sigmoid first/last gradient norm ratio {sigmoid}");
        Assert.True(relu > 100 * sigmoid, $"relu ratio {relu} vs sigmoid {sigmoid}");
    }

    [Fact]
    public void TextTableShowsPercentagesAndNorms()
    {
        var health = new EpochHealth(3, [new LayerHealth("0 Linear [18, 10]", 0.000123, "Relu", 0.25, null)]);
        string text = health.ToString();
        Assert.Contains("epoch 3", text, StringComparison.Ordinal);
        Assert.Contains("1.23e-04", text, StringComparison.Ordinal);
        Assert.Contains("25.0%", text, StringComparison.Ordinal);
    }
}
