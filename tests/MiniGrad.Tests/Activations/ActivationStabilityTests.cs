namespace MiniGrad.Tests.Activations;

/// <summary>
/// No NaN or infinity from finite inputs where the mathematics is finite, in double and float, for values and
/// gradients; and the exact limits PyTorch gives at ±1000.
/// </summary>
public class ActivationStabilityTests
{
    private static readonly double[] Extremes = [-1000, -100, -30, -20, 0, 20, 30, 100, 1000];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var a in ActivationSpec.All.Where(a => !a.EvenLastDim)) data.Add(a.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ValuesAndGradientsStayFiniteAtExtremes(string name)
    {
        var spec = ActivationSpec.All.Single(a => a.Name == name);
        var x = Tensor.FromArray(Extremes).RequireGrad();
        var y = spec.Apply(x);
        (y * Tensor.FromArray(Extremes.Select((_, i) => 0.5 + i).ToArray())).Sum().Backward();
        Assert.All(y.ToArray(), v => Assert.True(double.IsFinite(v), $"{name}: value {v}"));
        Assert.All(x.Grad!.ToArray(), v => Assert.True(double.IsFinite(v), $"{name}: gradient {v}"));
    }

    [Fact]
    public void GluStaysFiniteAtExtremes()
    {
        var x = Tensor.FromArray(new[] { -1000.0, 1000.0, 5.0, 1000.0, -1000.0, -1000.0 }, 3, 2).RequireGrad();
        var y = Functional.Glu(x);
        y.Sum().Backward();
        Assert.Equal(new[] { -1000.0, 5.0, -0.0 }, y.ToArray()); // a·σ(b) per row: σ(1000) = 1, σ(-1000) = 0
        Assert.All(x.Grad!.ToArray(), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void SigmoidAndLogSigmoidLimits()
    {
        var x = Tensor.FromArray(new[] { -1000.0, 1000.0 });
        Assert.Equal(new[] { 0.0, 1.0 }, Functional.Sigmoid(x).ToArray());
        Assert.Equal(new[] { -1000.0, 0.0 }, Functional.LogSigmoid(x).ToArray());
        Assert.Equal(new[] { -1000f, 0f }, Functional.LogSigmoid(Tensor.FromArray(new[] { -1000f, 1000f })).ToArray());
        Assert.Equal(new[] { 0f, 1f }, Functional.Sigmoid(Tensor.FromArray(new[] { -1000f, 1000f })).ToArray());
    }

    [Fact]
    public void SoftmaxOfHugeSpreadIsExact()
    {
        var x = Tensor.FromArray(new[] { 1000.0, 999.0, -1000.0 });
        var y = Functional.Softmax(x, 0).ToArray();
        double e = Math.Exp(-1.0);
        Assert.Equal(1 / (1 + e), y[0], 15);
        Assert.Equal(e / (1 + e), y[1], 15);
        Assert.Equal(0.0, y[2]);
        var logY = Functional.LogSoftmax(x, 0).ToArray();
        Assert.Equal(-2000 - Math.Log(1 + e), logY[2], 10);
        var yf = Functional.Softmax(Tensor.FromArray(new[] { 1000f, 999f, -1000f }), 0).ToArray();
        Assert.All(yf, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(0.7310586f, yf[0], 6);
    }

    [Fact]
    public void SoftplusAboveAndFarBelowItsThreshold()
    {
        var x = Tensor.FromArray(new[] { -1000.0, 25.0, 1000.0 });
        Assert.Equal(new[] { 0.0, 25.0, 1000.0 }, Functional.Softplus(x).ToArray());
        // Below the threshold but where e^x alone would overflow in float: the log form must not give infinity.
        var xf = Tensor.FromArray(new[] { 100f }).RequireGrad();
        var yf = Functional.Softplus(xf, beta: 1, threshold: 200);
        yf.Sum().Backward();
        Assert.Equal(100f, yf.Item());
        Assert.Equal(1f, xf.Grad!.Item());
    }

    [Fact]
    public void SmoothUnitsAtPlusMinusOneThousand()
    {
        var x = Tensor.FromArray(new[] { -1000.0, 1000.0 });
        foreach (var f in new Func<Tensor<double>, Tensor<double>>[]
                 { Functional.Silu, Functional.Mish, t => Functional.Gelu(t), t => Functional.Gelu(t, GeluApproximation.Tanh) })
        {
            var y = f(x).ToArray();
            Assert.Equal(0.0, y[0]);
            Assert.Equal(1000.0, y[1]);
        }
    }

    [Fact]
    public void ExponentialUnitsSaturateAtMinusOneThousand()
    {
        var x = Tensor.FromArray(new[] { -1000.0 });
        Assert.Equal(-1.0, Functional.Elu(x).Item());
        Assert.Equal(-0.5, Functional.Elu(x, 0.5).Item());
        Assert.Equal(-2.0, Functional.Celu(x, 2.0).Item());
        Assert.Equal(-1.6732632423543772 * 1.0507009873554805, Functional.Selu(x).Item(), 15);
        Assert.Equal(-1f, Functional.Elu(Tensor.FromArray(new[] { -1000f })).Item());
    }

    [Fact]
    public void TanhMatchesTheRuntimesTanhToAFewUlps()
    {
        // A grid across both branches (|x| < 0.625 and above), odd length so the scalar tail runs too.
        var xs = Enumerable.Range(-20001, 40003).Select(i => i * 0.001).Append(1e-300).Append(-5e-324).Append(400).ToArray();
        var yd = Functional.Tanh(Tensor.FromArray(xs)).ToArray();
        for (int i = 0; i < xs.Length; i++)
        {
            double e = Math.Tanh(xs[i]);
            Assert.True(Math.Abs(yd[i] - e) <= 4e-16 * Math.Abs(e), $"tanh({xs[i]:R}) = {yd[i]:R}, runtime {e:R}");
        }
        var xf = xs.Select(v => (float)v).ToArray();
        var yf = Functional.Tanh(Tensor.FromArray(xf)).ToArray();
        for (int i = 0; i < xf.Length; i++)
        {
            float e = MathF.Tanh(xf[i]);
            Assert.True(Math.Abs(yf[i] - e) <= 3e-7f * Math.Abs(e), $"tanh({xf[i]:R}f) = {yf[i]:R}, runtime {e:R}");
        }
    }

    [Fact]
    public void EluFamilyKeepsEveryDigitNearZero()
    {
        // expm1(-1e-10) = -9.9999999995e-11; the naive exp(x) - 1 would give -1.000000082740371e-10.
        var x = Tensor.FromArray(new[] { -1e-10, -1e-5, -0.3 });
        var y = Functional.Elu(x).ToArray();
        Assert.Equal(-9.9999999995e-11, y[0], 1e-25);
        Assert.Equal(-9.9999500001666658e-06, y[1], 1e-20);
        Assert.Equal(-0.25918177931828212, y[2], 1e-16);
        var yf = Functional.Celu(Tensor.FromArray(new[] { -1e-6f }), 2.0).ToArray();
        Assert.Equal(-9.9999975e-07f, yf[0], 1e-12f);
    }

    [Fact]
    public void SoftplusKeepsEveryDigitOfItsTinyLeftTail()
    {
        // softplus(-30) = log1p(e^-30) = 9.357622968839737e-14 (30-digit value; a naive log(1 + e^x) loses about three digits).
        Assert.Equal(9.357622968839737e-14, Functional.Softplus(Tensor.FromArray(new[] { -30.0 })).Item(), 1e-27);
        Assert.Equal(-9.357622968839737e-14, Functional.LogSigmoid(Tensor.FromArray(new[] { 30.0 })).Item(), 1e-27);
    }
}
