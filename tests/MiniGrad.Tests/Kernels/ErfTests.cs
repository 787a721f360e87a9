using MiniGrad.Kernels;

namespace MiniGrad.Tests.Kernels;

/// <summary>erf and erfc against values computed with 30-digit arithmetic (mpmath), covering every branch of the kernel.</summary>
public class ErfTests
{
    // x, erf(x), erfc(x) to 20 significant digits.
    public static TheoryData<double, double, double> KnownValues() => new()
    {
        { 1e-10, 1.128379167095512615e-10, 0.99999999988716208329 },
        { 0.1, 0.1124629160182848984, 0.8875370839817151016 },
        { 0.5, 0.52049987781304653768, 0.47950012218695346232 },
        { 0.8, 0.74210096470766051259, 0.25789903529233948741 },
        { 0.84375, 0.76722566123234163346, 0.23277433876765836654 },
        { 1.0, 0.84270079294971486934, 0.15729920705028513066 },
        { 1.2, 0.91031397822963536837, 0.089686021770364631634 },
        { 1.25, 0.92290012825645823014, 0.077099871743541769863 },
        { 1.5, 0.96610514647531072707, 0.033894853524689272933 },
        { 2.0, 0.99532226501895273416, 0.0046777349810472658379 },
        { 2.5, 0.99959304798255504106, 0.00040695201744495893956 },
        { 2.857, 0.99994664173991315363, 0.000053358260086846371124 },
        { 3.0, 0.99997790950300141456, 0.000022090496998585441373 },
        { 4.0, 0.99999998458274209972, 1.5417257900280018852e-8 },
        { 5.0, 0.99999999999846254021, 1.5374597944280348502e-12 },
        { 5.9, 0.9999999999999999281, 7.1904097835504777249e-17 },
        { 6.1, 0.99999999999999999369, 6.3146021501937181345e-18 },
    };

    [Theory]
    [MemberData(nameof(KnownValues))]
    public void ErfIsAccurateToAboutOneUlp(double x, double erf, double erfc)
    {
        AssertRelative(erf, Erf.Evaluate(x), 1e-15);
        AssertRelative(-erf, Erf.Evaluate(-x), 1e-15);
        AssertRelative(erfc, Erf.Complement(x), 1e-14);
        AssertRelative(1 + erf, Erf.Complement(-x), 1e-15);
    }

    [Theory]
    [InlineData(5.0, 1.5374597944280348502e-12)]
    [InlineData(10.0, 2.088487583762544757e-45)]
    [InlineData(20.0, 5.3958656116079009289e-176)]
    [InlineData(26.5, 2.2109076642637342759e-307)]
    public void ErfcKeepsRelativeAccuracyInTheTail(double x, double erfc) => AssertRelative(erfc, Erf.Complement(x), 1e-13);

    [Fact]
    public void SpecialValues()
    {
        Assert.Equal(0.0, Erf.Evaluate(0.0));
        Assert.True(double.IsNegative(Erf.Evaluate(-0.0)));
        Assert.Equal(1.0, Erf.Evaluate(double.PositiveInfinity));
        Assert.Equal(-1.0, Erf.Evaluate(double.NegativeInfinity));
        Assert.Equal(1.0, Erf.Evaluate(1000.0));
        Assert.Equal(-1.0, Erf.Evaluate(-1000.0));
        Assert.True(double.IsNaN(Erf.Evaluate(double.NaN)));
        Assert.Equal(1.0, Erf.Complement(0.0));
        Assert.Equal(0.0, Erf.Complement(1000.0));
        Assert.Equal(2.0, Erf.Complement(-1000.0));
        Assert.True(double.IsNaN(Erf.Complement(double.NaN)));
    }

    [Fact]
    public void ErfIsOddAndMonotoneOnAGrid()
    {
        double previous = -1.0;
        for (double x = -7; x <= 7; x += 0.001)
        {
            double e = Erf.Evaluate(x);
            Assert.Equal(-e, Erf.Evaluate(-x));
            Assert.True(e >= previous, $"erf decreases at {x}: {e} < {previous}");
            Assert.Equal(1.0, e + Erf.Complement(x), 14);
            previous = e;
        }
    }

    [Fact]
    public void SpanFormMatchesScalarForFloatAndDouble()
    {
        double[] xs = [-3, -1, -0.5, 0, 0.25, 1, 2.5];
        var yd = new double[xs.Length];
        Erf.Evaluate<double>(xs, yd);
        var xf = xs.Select(v => (float)v).ToArray();
        var yf = new float[xs.Length];
        Erf.Evaluate<float>(xf, yf);
        for (int i = 0; i < xs.Length; i++)
        {
            Assert.Equal(Erf.Evaluate(xs[i]), yd[i]);
            Assert.Equal((float)Erf.Evaluate(xs[i]), yf[i]);
        }
    }

    private static void AssertRelative(double expected, double actual, double rel) =>
        Assert.True(Math.Abs(actual - expected) <= rel * Math.Abs(expected), $"got {actual:R}, expected {expected:R} (rel {rel})");
}
