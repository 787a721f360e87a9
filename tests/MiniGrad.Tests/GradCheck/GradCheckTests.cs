using Xunit.Abstractions;

namespace MiniGrad.Tests.GradChecking;

public class GradCheckTests(ITestOutputHelper output)
{
    private static Tensor<double> Points(int n = 40, ulong seed = 3, double range = 8) =>
        Tensor<double>.RandomUniform(new Generator(seed), -range, range, n);

    [Fact]
    public void ComposedActivationPassesWithPyTorchDefaults()
    {
        var r = GradCheck.Check(x => x * (1.0 / (1.0 + (-(x * 1.5)).Exp())), Points());
        output.WriteLine(r.Report);
        Assert.True(r.Passed, r.Report);
        Assert.Equal(1e-6, r.Eps);
        Assert.Equal(1e-5, r.Atol);
        Assert.Equal(1e-3, r.Rtol);
        Assert.Empty(r.Kinks);
        Assert.All(r.Checks, c => Assert.True(c.Passed, c.Name));
        Assert.Contains(r.Checks, c => c.Name.Contains("twice", StringComparison.Ordinal));
        Assert.Contains(r.Checks, c => c.Name.Contains("zero upstream", StringComparison.Ordinal));
        Assert.Contains(r.Checks, c => c.Name.Contains("shapes", StringComparison.Ordinal));
    }

    [Fact]
    public void InputsAreNotModified()
    {
        var x = Points();
        var before = x.ToArray();
        GradCheck.Check(t => t * t, x);
        Assert.Equal(before, x.ToArray());
        Assert.Null(x.Grad);
    }

    [Fact]
    public void WrongSignIsCaughtWithOppositeSignHint()
    {
        var r = GradCheck.CheckActivation(Broken.WrongSign).Gradient;
        output.WriteLine(r.Report);
        Assert.False(r.Passed);
        Assert.True(r.HasHint(GradCheckHintKind.OppositeSign), r.Report);
        Assert.False(r.HasHint(GradCheckHintKind.AccumulatedTwice));
        Assert.Contains("sign", r.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFactorIsCaughtWithConstantFactorHint()
    {
        var r = GradCheck.CheckActivation(Broken.MissingFactor).Gradient;
        output.WriteLine(r.Report);
        Assert.False(r.Passed);
        var hint = Assert.Single(r.Hints, h => h.Kind == GradCheckHintKind.ConstantFactor);
        Assert.Contains("0.5 ×", hint.Message, StringComparison.Ordinal);
        Assert.False(r.HasHint(GradCheckHintKind.WrongInRange), r.Report);
    }

    [Fact]
    public void GradientAccumulatedTwiceIsCaught()
    {
        var r = GradCheck.Check(x => SwishFunction.Apply(x, accumulateTwice: true), Points());
        output.WriteLine(r.Report);
        Assert.False(r.Passed);
        Assert.True(r.HasHint(GradCheckHintKind.AccumulatedTwice), r.Report);
        Assert.Contains("accumulated twice", r.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void CorrectCustomFunctionPasses()
    {
        var r = GradCheck.Check(x => SwishFunction.Apply(x), Points());
        Assert.True(r.Passed, r.Report);
    }

    [Fact]
    public void DerivativeWrongOnlyAboveFiveIsLocated()
    {
        var r = GradCheck.CheckActivation(Broken.WrongAbove5).Gradient;
        output.WriteLine(r.Report);
        Assert.False(r.Passed);
        var hint = Assert.Single(r.Hints, h => h.Kind == GradCheckHintKind.WrongInRange);
        Assert.Contains("x ≥ 5.1", hint.Message, StringComparison.Ordinal);
        Assert.All(r.Comparisons[0].Worst.Where(e => !e.Passed), e => Assert.True(e.X > 5));
    }

    [Fact]
    public void MissingBackwardIsCaught()
    {
        var r = GradCheck.CheckActivation(Broken.ZeroBackward).Gradient;
        Assert.False(r.Passed);
        Assert.True(r.HasHint(GradCheckHintKind.MissingBackward), r.Report);

        // A detached path: the output does not depend on the input as far as the tape knows.
        var d = GradCheck.Check(x => x.Detach() * 2.0 + x * 0.0, Points());
        Assert.False(d.Passed);
        Assert.True(d.HasHint(GradCheckHintKind.MissingBackward), d.Report);
    }

    [Fact]
    public void ReluAtZeroIsAKinkNotAFailure()
    {
        var x = Tensor.FromArray(new[] { -2.0, -0.5, 0.0, 0.5, 2.0 });
        var r = GradCheck.Check(Broken.Relu.Apply, x);
        output.WriteLine(r.Report);
        Assert.True(r.Passed, r.Report);
        var kink = Assert.Single(r.Kinks);
        Assert.Equal(2, kink.InputElement);
        Assert.Equal(0.0, kink.X);
        Assert.Equal(0.0, kink.LeftSlope, 6);
        Assert.Equal(1.0, kink.RightSlope, 6);
        Assert.True(kink.Accepted);
        Assert.Contains("kink", r.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutKinkDetectionReluAtZeroFailsWithHalfHint()
    {
        var x = Tensor.FromArray(new[] { -2.0, 0.0, 2.0 });
        var relu1 = CustomActivation.Create("ReluOneAtZero", v => Math.Max(0, v), v => v >= 0 ? 1 : 0);
        var r = GradCheck.Check(relu1.Apply, x, new GradCheckOptions { DetectKinks = false });
        output.WriteLine(r.Report);
        Assert.False(r.Passed);
        Assert.True(r.HasHint(GradCheckHintKind.HalfAtKink), r.Report);
        Assert.False(r.HasHint(GradCheckHintKind.AccumulatedTwice), r.Report);
    }

    [Fact]
    public void AnalyticOutsideTheSlopesAtAKinkFails()
    {
        var x = Tensor.FromArray(new[] { -1.0, 0.0, 1.0 });
        var r = GradCheck.Check(Broken.ReluWrongAtKink.Apply, x);
        Assert.False(r.Passed);
        Assert.False(Assert.Single(r.Kinks).Accepted);
        Assert.True(r.HasHint(GradCheckHintKind.HalfAtKink), r.Report);
    }

    [Fact]
    public void KinkWithinTheStepIsNotMistakenForAnError()
    {
        // 3e-7 is within eps of ReLU's kink: the central difference straddles it, the smaller step does not.
        var x = Tensor.FromArray(new[] { 3e-7, -4e-7 });
        var r = GradCheck.Check(Broken.Relu.Apply, x);
        Assert.True(r.Passed, r.Report);
    }

    [Fact]
    public void NondeterministicBackwardIsCaught()
    {
        var r = GradCheck.Check(DriftingFunction.Apply, Points(8));
        Assert.False(r.Passed);
        Assert.True(r.HasHint(GradCheckHintKind.Nondeterministic), r.Report);
        Assert.True(GradCheck.Check(DriftingFunction.Apply, Points(8), new GradCheckOptions { NondetTol = 1e-6 }).Passed);
    }

    [Fact]
    public void BackwardIgnoringTheUpstreamGradientIsCaught()
    {
        var r = GradCheck.Check(IgnoresUpstreamFunction.Apply, Points(6));
        output.WriteLine(r.Report);
        Assert.False(r.Passed);
        Assert.True(r.HasHint(GradCheckHintKind.NotScaledByUpstream), r.Report);
    }

    [Fact]
    public void WrongGradientShapeIsReported()
    {
        var r = GradCheck.Check(WrongShapeFunction.Apply, Points(4));
        Assert.False(r.Passed);
        Assert.Contains(r.Checks, c => c.Name == "gradient shapes" && !c.Passed);
        Assert.True(r.HasHint(GradCheckHintKind.BackwardError));
    }

    [Fact]
    public void ThrowsOnRequestWithTheReport()
    {
        var e = Assert.Throws<GradCheckException>(() =>
            GradCheck.Check(Broken.WrongSign.Apply, Points(5), new GradCheckOptions { ThrowOnFailure = true }));
        Assert.Contains("FAILED", e.Message, StringComparison.Ordinal);
        Assert.False(e.Result.Passed);
    }

    [Fact]
    public void SeveralInputsAndOutputs()
    {
        var gen = new Generator(5);
        var a = Tensor<double>.RandomNormal(gen, 3, 4);
        var b = Tensor<double>.RandomNormal(gen, 4, 2);
        var c = Tensor<double>.RandomNormal(gen, 2);
        var r = GradCheck.Check(xs => [xs[0].MatMul(xs[1]) + xs[2], (xs[0] * xs[0]).Sum(1)], [a, b, c]);
        output.WriteLine(r.Report);
        Assert.True(r.Passed, r.Report);
        Assert.Equal(6, r.Comparisons.Count);
    }

    [Fact]
    public void OnlyInputsRequiringGradAreChecked()
    {
        var a = Points(3).RequireGrad();
        var b = Points(3, seed: 9);
        var r = GradCheck.Check(xs => xs[0] * xs[1], [a, b]);
        Assert.True(r.Passed, r.Report);
        Assert.Single(r.Comparisons);
        Assert.Equal(0, r.Comparisons[0].InputIndex);
    }

    [Fact]
    public void ReportNamesTheWorstElements()
    {
        var r = GradCheck.Check(Broken.WrongAbove5.Apply, Tensor.FromArray(new[] { 1.0, 6.0, 7.0 }));
        string report = r.Report;
        output.WriteLine(report);
        Assert.Contains("worst elements", report, StringComparison.Ordinal);
        Assert.Contains("analytic", report, StringComparison.Ordinal);
        Assert.Contains("numerical", report, StringComparison.Ordinal);
        Assert.Contains("[1]", report, StringComparison.Ordinal);
        var worst = r.Comparisons[0].Worst[0];
        Assert.False(worst.Passed);
        Assert.Equal(1.1, worst.Analytic / worst.Numerical, 4);
    }

    [Fact]
    public void FastModeAgreesWithFullMode()
    {
        var x = Points(50);
        Func<Tensor<double>, Tensor<double>> f = t => t * (1.0 / (1.0 + (-(t * 1.5)).Exp()));
        var full = GradCheck.Check(f, x);
        var fast = GradCheck.Check(f, x, new GradCheckOptions { FastMode = true });
        Assert.True(full.Passed, full.Report);
        Assert.True(fast.Passed, fast.Report);
        Assert.StartsWith("fast", fast.Mode, StringComparison.Ordinal);
        var e = fast.Comparisons[0].Worst[0];
        Assert.Equal(e.Numerical, e.Analytic, 6);

        var gen = new Generator(2);
        var w = Tensor<double>.RandomNormal(gen, 5, 3);
        var b = Tensor<double>.RandomNormal(gen, 3);
        var mlp = GradCheck.Check(xs => (xs[0].MatMul(xs[1]) + xs[2]).Pow(2.0), [Tensor<double>.RandomNormal(gen, 4, 5), w, b],
            new GradCheckOptions { FastMode = true });
        Assert.True(mlp.Passed, mlp.Report);
    }

    [Fact]
    public void FastModeCatchesABrokenOpAndLocatesIt()
    {
        var r = GradCheck.Check(Broken.WrongAbove5.Apply, Tensor.FromArray(new[] { -3.0, 0.5, 2.0, 6.0, 8.0 }),
            new GradCheckOptions { FastMode = true });
        output.WriteLine(r.Report);
        Assert.False(r.Passed);
        Assert.Contains("then full", r.Mode, StringComparison.Ordinal);
        Assert.Equal(2, r.Comparisons[0].Mismatches);
        Assert.All(r.Comparisons[0].Worst.Where(e => !e.Passed), e => Assert.True(e.X > 5));
    }

    [Fact]
    public void FastModeAtAKinkFallsBackAndPasses()
    {
        var r = GradCheck.Check(Broken.Relu.Apply, Tensor.FromArray(new[] { -1.0, 0.0, 1.0 }), new GradCheckOptions { FastMode = true });
        Assert.True(r.Passed, r.Report);
        Assert.Single(r.Kinks);
    }

    [Fact]
    public void Float32IsCheckedAgainstDoubleTwin()
    {
        var x = Tensor<float>.RandomUniform(new Generator(4), -6, 6, 30);
        var act = CustomActivation.Of<Swish15<float>, float>();
        var r = GradCheck.Check(act.Apply, CustomActivation.Of<Swish15<double>, double>().Apply, x);
        output.WriteLine(r.Report);
        Assert.True(r.Passed, r.Report);
        Assert.Contains("float32 analytic, float64 numerical", r.Report, StringComparison.Ordinal);

        var f32 = GradCheck.Check(act.Apply, x);
        output.WriteLine(f32.Report);
        Assert.True(f32.Passed, f32.Report);
        Assert.Contains("differences in float32", f32.Precision, StringComparison.Ordinal);

        var broken = GradCheck.Check(t => Broken.WrongSign.Apply(t), x);
        Assert.False(broken.Passed);
        Assert.True(broken.HasHint(GradCheckHintKind.OppositeSign), broken.Report);
    }

    [Fact]
    public void CheckActivationFindsTheNaiveSigmoidsNaNAtMinus1000()
    {
        // 1 / (1 + exp(1500)): the forward is 0, but backward multiplies 0 by exp(1500) = inf.
        var r = GradCheck.CheckActivation(x => x * (1.0 / (1.0 + (-(x * 1.5)).Exp())), new ActivationCheckOptions { CheckSecondOrder = false });
        output.WriteLine(r.Report);
        Assert.False(r.Passed);
        Assert.Contains(r.NonFinite, p => p.StartsWith("x = -1000", StringComparison.Ordinal));
        Assert.True(r.Gradient.HasHint(GradCheckHintKind.NotFinite), r.Report);
    }

    [Fact]
    public void CheckActivationReportsPlotAndSecondOrder()
    {
        var options = new ActivationCheckOptions { Extremes = [-100, 100] };
        var r = GradCheck.CheckActivation(x => x * (1.0 / (1.0 + (-(x * 1.5)).Exp())), options, name: "swish1.5");
        output.WriteLine(r.Report);
        Assert.True(r.Passed, r.Report);
        Assert.NotNull(r.SecondOrder);
        Assert.True(r.SecondOrder!.Passed);
        Assert.Empty(r.NonFinite);
        Assert.Contains("* f(x)", r.Plot, StringComparison.Ordinal);
        Assert.Equal(GradCheck.ActivationPoints(options).Length, r.Points);
        Assert.Contains(1000.0, GradCheck.ActivationPoints());
        Assert.Contains(0.0, GradCheck.ActivationPoints());
    }

    [Fact]
    public void CheckActivationFindsNonFiniteValues()
    {
        // exp overflows at 1000: f and f' are infinite there.
        var r = GradCheck.CheckActivation(x => x.Exp(), new ActivationCheckOptions { CheckSecondOrder = false });
        Assert.False(r.Passed);
        Assert.NotEmpty(r.NonFinite);
        Assert.Contains("1000", r.NonFinite[0] + string.Join(" ", r.NonFinite), StringComparison.Ordinal);
    }
}

public class DiagonalShortcutTests(ITestOutputHelper output)
{
    private static readonly Tensor<double> X = Tensor<double>.RandomUniform(new Generator(8), -6, 6, 64);

    private static Tensor<double> Swish(Tensor<double> t) => t * Functional.Sigmoid(t * 1.5);

    [Fact]
    public void ElementwiseGraphTakesTheShortcutWithTheSameVerdict()
    {
        var fast = GradCheck.Check(Swish, X);
        var slow = GradCheck.Check(Swish, X, new GradCheckOptions { UseStructure = false });
        Assert.Equal("full Jacobian (diagonal)", fast.Mode);
        Assert.Equal("full Jacobian", slow.Mode);
        Assert.True(fast.Passed, fast.Report);
        Assert.True(slow.Passed, slow.Report);
        Assert.Equal(slow.Comparisons[0].Compared, fast.Comparisons[0].Compared);
        Assert.Equal(64L * 64, fast.Comparisons[0].Compared);
    }

    [Fact]
    public void KinksAndLocalBugsAreRecomputedExactly()
    {
        var points = Tensor.FromArray(GradCheck.ActivationPoints());
        var relu = GradCheck.Check(x => Functional.Relu(x), points);
        var reluSlow = GradCheck.Check(x => Functional.Relu(x), points, new GradCheckOptions { UseStructure = false });
        Assert.True(relu.Passed, relu.Report);
        Assert.Equal(reluSlow.Kinks.Select(k => k.InputElement), relu.Kinks.Select(k => k.InputElement));

        var broken = GradCheck.Check(Broken.WrongAbove5.Apply, points);
        var brokenSlow = GradCheck.Check(Broken.WrongAbove5.Apply, points, new GradCheckOptions { UseStructure = false });
        output.WriteLine(broken.Report);
        Assert.Equal(brokenSlow.Comparisons[0].Mismatches, broken.Comparisons[0].Mismatches);
        Assert.Equal(brokenSlow.Comparisons[0].Worst.Select(e => e.InputElement), broken.Comparisons[0].Worst.Select(e => e.InputElement));
        Assert.True(broken.HasHint(GradCheckHintKind.WrongInRange));
    }

    [Fact]
    public void DependencyTheTapeDoesNotSeeIsStillCaught()
    {
        // Output j also depends on input j + 1 through values read from the span: the tape sees an elementwise graph.
        Tensor<double> Coupled(Tensor<double> x)
        {
            var v = x.ToArray();
            var shifted = Tensor.FromArray(v.Select((_, j) => 1e-4 * v[(j + 1) % v.Length]).ToArray(), x.Shape.Dims.ToArray());
            return Swish(x) + shifted;
        }

        var r = GradCheck.Check(Coupled, X);
        output.WriteLine(r.Report);
        Assert.False(r.Passed);
        Assert.Equal(64, r.Comparisons[0].Mismatches);
        Assert.All(r.Comparisons[0].Worst, e => Assert.Equal((e.OutputElement + 1) % 64, e.InputElement));
        Assert.Equal("full Jacobian", r.Mode);
    }

    [Fact]
    public void GraphAnalysisRecognisesElementwiseAndCoupledGraphs()
    {
        using var tape = MiniGrad.Tape.Begin();
        var x = X.Clone().RequireGrad();
        Assert.True(ElementwiseGraph.IsElementwise(Swish(x), x));
        var g = Autograd.Grad((Swish(x) * 2.0).Sum(), [x], createGraph: true)[0]!;
        Assert.True(ElementwiseGraph.IsElementwise(g, x)); // a gradient recorded with createGraph
        Assert.True(ElementwiseGraph.IsElementwise(x.Exp() * 2.0 - x.Abs() / 3.0, x));
        Assert.False(ElementwiseGraph.IsElementwise(x * x.Sum(), x));
        Assert.False(ElementwiseGraph.IsElementwise(x.Reshape(8, 8).Transpose().Reshape(64), x));
        Assert.False(ElementwiseGraph.IsElementwise(SwishFunction.Apply(x), x)); // a user op: no proof
    }
}

public class EdgeCaseTests
{
    [Fact]
    public void IdentityAndConstantFunctions()
    {
        var x = Tensor.FromArray(new[] { 1.0, -2.0, 3.0 });
        var id = GradCheck.Check(t => t, x);
        Assert.True(id.Passed, id.Report);
        Assert.Equal(x.ToArray(), new[] { 1.0, -2.0, 3.0 });

        var constant = GradCheck.Check(_ => Tensor<double>.Ones(2), x);
        Assert.True(constant.Passed, constant.Report);
        Assert.Equal(0, constant.MaxAbsError);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => GradCheck.Check(xs => xs[0], Array.Empty<Tensor<double>>()));
        Assert.Throws<ArgumentException>(() => GradCheck.Check(t => t, Tensor.FromArray(new[] { 1.0 }), new GradCheckOptions { Eps = 0 }));
        Assert.Throws<InvalidOperationException>(() => GradCheck.Check(xs => Array.Empty<Tensor<double>>(), [Tensor.FromArray(new[] { 1.0 })]));
    }

    [Fact]
    public void RelativeErrorIgnoresNumericalNoiseBelowAtol()
    {
        // tanh'(9) = 6e-8: any rounding is a large fraction of it, but it is far below atol.
        var r = GradCheck.Check(t => Functional.Tanh(t), Tensor.FromArray(new[] { 0.5, 9.0 }));
        Assert.True(r.Passed, r.Report);
        Assert.True(r.MaxRelError < 1e-6, r.Report);
    }
}

public class NondeterminismToleranceTests
{
    [Fact]
    public void UlpSlackAllowsLastBitJitterButNotRealDrift()
    {
        // DriftingFunction changes its gradient by 1e-9 relative per call: far more than 4 ulps.
        var x = Tensor<double>.RandomUniform(new Generator(3), -2, 2, 8);
        var r = GradCheck.Check(DriftingFunction.Apply, x, new GradCheckOptions { NondetUlps = 4 });
        Assert.False(r.Passed);
        Assert.True(r.HasHint(GradCheckHintKind.Nondeterministic));
        Assert.Equal(4, ActivationCheckOptions.Default.Check.NondetUlps);
        Assert.Equal(0, GradCheckOptions.Default.NondetUlps);
    }
}
