using MiniGrad.Kernels;

namespace MiniGrad.Tests.Kernels;

/// <summary>The vectorized tanh and softplus kernels: accuracy across both branches, and in-place use (y aliasing x).</summary>
public class ActivationKernelsTests
{
    private static double[] Grid() => Enumerable.Range(-4001, 8003).Select(i => i * 0.005).ToArray();

    [Fact]
    public void TanhInPlaceEqualsOutOfPlaceAndTheRuntime()
    {
        var x = Grid();
        var outOfPlace = new double[x.Length];
        ActivationKernels.Tanh<double>(x, outOfPlace);
        var inPlace = x.ToArray();
        ActivationKernels.Tanh<double>(inPlace, inPlace);
        Assert.Equal(outOfPlace, inPlace);
        for (int i = 0; i < x.Length; i++)
            Assert.True(Math.Abs(outOfPlace[i] - Math.Tanh(x[i])) <= 4e-16 * Math.Abs(Math.Tanh(x[i])), $"tanh({x[i]})");
    }

    [Fact]
    public void SoftplusInPlaceEqualsOutOfPlaceAndTheStableFormula()
    {
        var x = Grid().Select(v => v * 10).Append(-1000).Append(1000).ToArray();
        var outOfPlace = new double[x.Length];
        ActivationKernels.Softplus<double>(x, outOfPlace);
        var inPlace = x.ToArray();
        ActivationKernels.Softplus<double>(inPlace, inPlace);
        Assert.Equal(outOfPlace, inPlace);
        for (int i = 0; i < x.Length; i++)
        {
            // log1p(e^-|x|) by its series where u < 1e-3 (truncation below 2e-16 relative), else by the runtime's
            // log(1 + u), whose absolute error is a few 1e-16 (the rounding of 1 + u).
            double u = Math.Exp(-Math.Abs(x[i]));
            bool series = u < 1e-3;
            double log1p = series ? u * (1 - u * (1.0 / 2 - u * (1.0 / 3 - u * (1.0 / 4 - u / 5)))) : Math.Log(1 + u);
            double expected = Math.Max(x[i], 0) + log1p;
            double tolerance = 1e-15 * Math.Abs(expected) + (series ? 0 : 5e-16);
            Assert.True(Math.Abs(outOfPlace[i] - expected) <= tolerance, $"softplus({x[i]}) = {outOfPlace[i]:R}, expected {expected:R}");
        }
    }
}
