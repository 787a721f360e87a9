using Xunit.Abstractions;

namespace MiniGrad.Tests.GradChecking;

/// <summary>
/// Second derivatives of every primitive op, checked by GradGradCheck: the gradient computed with createGraph is
/// differentiated again and compared with central differences of the gradient itself.
/// </summary>
public class SecondOrderTests(ITestOutputHelper output)
{
    private static Tensor<double> Uniform(ulong seed, double lo, double hi, params int[] shape) =>
        Tensor<double>.RandomUniform(new Generator(seed), lo, hi, shape);

    /// <summary>Values in [lo, hi] with a random sign: kept away from 0 and kinks.</summary>
    private static Tensor<double> AwayFromZero(ulong seed, double lo, double hi, params int[] shape)
    {
        var t = Uniform(seed, lo, hi, shape);
        var g = new Generator(seed + 99);
        var s = t.Span;
        for (int i = 0; i < s.Length; i++) if (g.NextDouble() < 0.5) s[i] = -s[i];
        return t;
    }

    public static TheoryData<string> PrimitiveOps =>
    [
        "add", "add-broadcast", "sub", "mul", "mul-broadcast", "div", "neg", "exp", "log", "pow3", "pow2.5", "pow0", "sqrt",
        "abs", "clamp", "sum", "sum-dim", "mean", "mean-dim", "max-dim", "matmul", "matmul-At", "matmul-Bt", "matmul-AtBt",
        "reshape", "transpose", "sumto", "expand", "where", "slice-rows", "reused-input",
    ];

    private static (Func<Tensor<double>[], Tensor<double>[]> F, Tensor<double>[] Inputs) Case(string op)
    {
        var a = Uniform(1, -2, 2, 3, 4);
        var b = Uniform(2, -2, 2, 3, 4);
        var pos = Uniform(3, 0.5, 3, 3, 4);
        return op switch
        {
            "add" => (xs => [xs[0] + xs[1]], [a, b]),
            "add-broadcast" => (xs => [xs[0] + xs[1]], [a, Uniform(4, -1, 1, 4)]),
            "sub" => (xs => [xs[0] - xs[1]], [a, b]),
            "mul" => (xs => [xs[0] * xs[1]], [a, b]),
            "mul-broadcast" => (xs => [xs[0] * xs[1]], [a, Uniform(5, -1, 1, 3, 1)]),
            "div" => (xs => [xs[0] / xs[1]], [a, AwayFromZero(6, 0.5, 2, 3, 4)]),
            "neg" => (xs => [-xs[0]], [a]),
            "exp" => (xs => [xs[0].Exp()], [a]),
            "log" => (xs => [xs[0].Log()], [pos]),
            "pow3" => (xs => [xs[0].Pow(3.0)], [a]),
            "pow2.5" => (xs => [xs[0].Pow(2.5)], [pos]),
            "pow0" => (xs => [xs[0].Pow(0.0)], [a]),
            "sqrt" => (xs => [xs[0].Sqrt()], [pos]),
            "abs" => (xs => [xs[0].Abs() * xs[0]], [AwayFromZero(7, 0.2, 2, 3, 4)]),
            "clamp" => (xs => [xs[0].Clamp(-1.0, 1.0) * xs[0]], [Tensor.FromArray(new[] { -1.7, -0.6, 0.3, 0.8, 1.4, 2.2 })]),
            "sum" => (xs => [(xs[0] * xs[0]).Sum()], [a]),
            "sum-dim" => (xs => [(xs[0] * xs[0]).Sum(1)], [a]),
            "mean" => (xs => [(xs[0] * xs[0]).Mean()], [a]),
            "mean-dim" => (xs => [(xs[0] * xs[0]).Mean(0, keepDim: true)], [a]),
            "max-dim" => (xs => [(xs[0] * xs[0]).Max(1)], [Tensor.FromArray(new[] { 0.3, -1.5, 0.9, 2.0, -0.1, 0.7 }, 2, 3)]),
            "matmul" => (xs => [xs[0].MatMul(xs[1]) * xs[0].MatMul(xs[1])], [a, Uniform(8, -1, 1, 4, 2)]),
            "matmul-At" => (xs => [Tensor<double>.MatMul(xs[0], xs[1], transposeA: true).Pow(2.0)], [a, Uniform(9, -1, 1, 3, 2)]),
            "matmul-Bt" => (xs => [Tensor<double>.MatMul(xs[0], xs[1], transposeB: true).Pow(2.0)], [a, Uniform(10, -1, 1, 2, 4)]),
            "matmul-AtBt" => (xs => [Tensor<double>.MatMul(xs[0], xs[1], true, true).Pow(2.0)], [a, Uniform(11, -1, 1, 2, 3)]),
            "reshape" => (xs => [xs[0].Reshape(2, 6) * xs[0].Reshape(2, 6)], [a]),
            "transpose" => (xs => [xs[0].Transpose() * xs[0].Transpose()], [a]),
            "sumto" => (xs => [(xs[0] * xs[0]).SumTo(new TensorShape(1, 4))], [a]),
            "expand" => (xs => [(xs[0] * xs[0]).Expand(new TensorShape(3, 4))], [Uniform(12, -1, 1, 1, 4)]),
            "where" => (xs => [Tensor.Where(Tensor.FromArray(new[] { 1.0, 0, 1, 0, 0, 1 }, 2, 3), xs[0] * xs[0], xs[1] * xs[0])],
                [Uniform(13, -1, 1, 2, 3), Uniform(14, -1, 1, 2, 3)]),
            "slice-rows" => (xs => [xs[0].SliceRows(1, 2) * xs[0].SliceRows(0, 2)], [a]),
            "reused-input" => (xs => [xs[0] * xs[0] * xs[0] + xs[0].Exp() * xs[0]], [a]),
            _ => throw new ArgumentException(op),
        };
    }

    [Theory]
    [MemberData(nameof(PrimitiveOps))]
    public void SecondDerivativeOfPrimitiveOp(string op)
    {
        var (f, inputs) = Case(op);
        var first = GradCheck.Check(f, inputs);
        Assert.True(first.Passed, first.Report);
        var second = GradCheck.GradGradCheck(f, inputs);
        output.WriteLine(second.Report);
        Assert.True(second.Passed, second.Report);
        // The upstream gradients are checked inputs too: one comparison per (input or upstream) and gradient.
        Assert.Equal(inputs.Length * (inputs.Length + 1), second.Comparisons.Count);
    }

    [Fact]
    public void GradGradCheckCatchesAWrongSecondDerivative()
    {
        var wrong = CustomActivation.Create("WrongSecond", Broken.Swish, Broken.SwishPrime, x => -Broken.SwishSecond(x));
        var r = GradCheck.GradGradCheck(wrong.Apply, Uniform(20, -4, 4, 12));
        output.WriteLine(r.Report);
        Assert.False(r.Passed);
        Assert.True(r.HasHint(GradCheckHintKind.OppositeSign), r.Report);
        Assert.True(GradCheck.Check(wrong.Apply, Uniform(20, -4, 4, 12)).Passed); // first order is fine
    }

    [Fact]
    public void HessianVectorProductOfSmallMlpMatchesNumericalDifferences()
    {
        var gen = new Generator(77);
        var x = Tensor<double>.RandomNormal(gen, 5, 3);
        var y = Tensor<double>.RandomNormal(gen, 5, 2);
        var parameters = new[]
        {
            Tensor<double>.RandomNormal(gen, 0, 0.7, 3, 4).RequireGrad(), Tensor<double>.RandomNormal(gen, 0, 0.3, 4).RequireGrad(),
            Tensor<double>.RandomNormal(gen, 0, 0.7, 4, 2).RequireGrad(), Tensor<double>.RandomNormal(gen, 0, 0.3, 2).RequireGrad(),
        };
        var v = parameters.Select(p => Tensor<double>.RandomNormal(gen, p.Shape.Dims.ToArray())).ToArray();

        Tensor<double> Loss(Tensor<double>[] p)
        {
            var h = Functional.Tanh(x.MatMul(p[0]) + p[1]);
            var o = Functional.Sigmoid(h.MatMul(p[2]) + p[3]);
            return (o - y).Pow(2.0).Mean();
        }

        // Analytic: H v = d/dθ (∇L(θ) · v), with the first gradient recorded.
        var grads = Autograd.Grad(Loss(parameters), parameters, createGraph: true);
        Tensor<double>? dot = null;
        for (int k = 0; k < grads.Length; k++)
        {
            var term = (grads[k]! * v[k]).Sum();
            dot = dot is null ? term : dot + term;
        }
        var hv = Autograd.Grad(dot!, parameters);

        // Numerical: (∇L(θ + εv) - ∇L(θ - εv)) / 2ε.
        const double eps = 1e-5;
        Tensor<double>[] Shifted(double sign) => parameters.Select((p, k) =>
        {
            var q = p.Clone();
            var qs = q.Span;
            var vs = v[k].ReadOnlySpan;
            for (int i = 0; i < qs.Length; i++) qs[i] += sign * eps * vs[i];
            return q.RequireGrad();
        }).ToArray();
        var plus = Shifted(+1);
        var minus = Shifted(-1);
        var gPlus = Autograd.Grad(Loss(plus), plus);
        var gMinus = Autograd.Grad(Loss(minus), minus);
        for (int k = 0; k < parameters.Length; k++)
        {
            var a = hv[k]!.ReadOnlySpan;
            var gp = gPlus[k]!.ReadOnlySpan;
            var gm = gMinus[k]!.ReadOnlySpan;
            for (int i = 0; i < a.Length; i++)
            {
                double n = (gp[i] - gm[i]) / (2 * eps);
                Assert.True(Math.Abs(a[i] - n) <= 1e-7 + 1e-5 * Math.Abs(n), $"parameter {k}[{i}]: Hv {a[i]:R}, numerical {n:R}");
            }
        }

        // And the whole second-order structure through GradGradCheck (parameters and upstream gradient).
        var r = GradCheck.GradGradCheck(p => [Loss(p)], parameters.Select(p => p.Detach()).ToArray());
        Assert.True(r.Passed, r.Report);
    }

    [Fact]
    public void SecondOrderOfCustomActivations()
    {
        var x = Uniform(21, -6, 6, 2, 7);
        var viaDelegates = CustomActivation.Create("swish", Broken.Swish, Broken.SwishPrime, Broken.SwishSecond);
        Assert.True(GradCheck.GradGradCheck(viaDelegates.Apply, x).Passed);
        var viaStruct = CustomActivation.Of<Swish15<double>, double>();
        Assert.True(viaStruct.HasSecondDerivative);
        var r = GradCheck.GradGradCheck(viaStruct.Apply, x);
        Assert.True(r.Passed, r.Report);
        Assert.True(GradCheck.GradGradCheck(t => t * Functional.Sigmoid(t * 1.5), x).Passed);

        var sin = CustomActivation.Of<ExplicitSin, double>();
        Assert.True(sin.HasSecondDerivative);
        Assert.Equal("ExplicitSin", sin.Name);
        var rs = GradCheck.GradGradCheck(sin.Apply, x);
        Assert.True(rs.Passed, rs.Report);
    }

    [Fact]
    public void MissingSecondDerivativeSaysSo()
    {
        var firstOnly = CustomActivation.Of<FirstOrderSwish, double>();
        Assert.False(firstOnly.HasSecondDerivative);
        var r = GradCheck.GradGradCheck(firstOnly.Apply, Uniform(22, -2, 2, 5));
        Assert.False(r.Passed);
        Assert.True(r.HasHint(GradCheckHintKind.BackwardError));
        Assert.Contains("second derivative", r.Report, StringComparison.Ordinal);

        var check = GradCheck.CheckActivation(firstOnly);
        Assert.True(check.Passed, check.Report);
        Assert.Null(check.SecondOrder);
        Assert.Contains("no second derivative", check.SecondOrderNote, StringComparison.Ordinal);

        // Third order of a custom activation with f'' is not available either, and says so.
        var x = Uniform(23, -2, 2, 4).RequireGrad();
        var act = CustomActivation.Create("swish", Broken.Swish, Broken.SwishPrime, Broken.SwishSecond);
        var g1 = Autograd.Grad(act.Apply(x).Sum(), [x], createGraph: true)[0]!;
        var g2 = Autograd.Grad(g1.Sum(), [x], createGraph: true)[0]!;
        var e = Assert.Throws<NotSupportedException>(() => Autograd.Grad(g2.Sum(), [x]));
        Assert.Contains("order 3", e.Message, StringComparison.Ordinal);
    }
}
