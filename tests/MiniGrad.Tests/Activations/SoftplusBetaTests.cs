namespace MiniGrad.Tests.Activations;

/// <summary>
/// Softplus's beta: 0 (whose limit is +∞ everywhere: PyTorch silently returns inf), an infinite beta (NaN at 0) and a
/// float beta that rounds to 0 are refused, naming the op, the parameter and the value (issue 13); a negative beta is
/// accepted as in PyTorch, and gives the smooth minimum <c>log(1 + e^(βx))/β</c>, finite at every finite input.
/// </summary>
public class SoftplusBetaTests
{
    private static readonly Tensor<double> X = Tensor.FromArray(new[] { -2.0, 0.0, 3.0 });

    private static void Refused(Action call, params string[] inMessage)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(call);
        Assert.Equal("beta", e.ParamName);
        foreach (string s in inMessage) Assert.Contains(s, e.Message);
    }

    [Fact]
    public void ZeroBetaIsRefused()
    {
        Refused(() => Functional.Softplus(X, beta: 0), "softplus", "beta = 0");
        Refused(() => Functional.Softplus(X, beta: -0.0), "softplus", "beta = 0");
        Refused(() => Functional.Softplus(Tensor.FromArray(new[] { 1f }), beta: 0), "softplus", "beta = 0");
        Refused(() => new MiniGrad.Nn.Softplus<double>(beta: 0).Forward(X), "softplus", "beta = 0");
    }

    [Fact]
    public void InfiniteOrVanishingBetaIsRefused()
    {
        Refused(() => Functional.Softplus(X, beta: double.PositiveInfinity), "softplus", "beta = +Infinity");
        Refused(() => Functional.Softplus(X, beta: double.NegativeInfinity), "softplus", "beta = -Infinity");
        Refused(() => Functional.Softplus(Tensor.FromArray(new[] { 1f }), beta: 1e-50), "softplus", "1E-50", "Single");
        Assert.True(double.IsFinite(Functional.Softplus(X, beta: 1e-50).ToArray()[0])); // fine in double
    }

    [Fact]
    public void NegativeBetaIsTheSmoothMinimumAsInPyTorch()
    {
        // torch.nn.functional.softplus(torch.tensor([-2., 0., 3.], dtype=torch.float64), beta=-1)
        // = log1p(exp(-x))/(-1) = [-2.126928, -0.693147, -0.048587]; the threshold keeps x where βx > 20.
        var x = Tensor.FromArray(new[] { -2.0, 0.0, 3.0, -1e300, 1e300 }).RequireGrad();
        var y = Functional.Softplus(x, beta: -1);
        y.Sum().Backward();
        var v = y.ToArray();
        Assert.Equal(-Math.Log(1 + Math.Exp(2)), v[0], 14);
        Assert.Equal(-Math.Log(2), v[1], 14);
        Assert.Equal(-Math.Log(1 + Math.Exp(-3)), v[2], 14);
        Assert.Equal(-1e300, v[3]);
        Assert.Equal(0.0, v[4]);
        Assert.All(x.Grad!.ToArray(), g => Assert.True(double.IsFinite(g)));
    }
}
