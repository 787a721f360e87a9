using System.Numerics;

namespace MiniGrad.Kernels;

/// <summary>
/// <c>log(1 + u)</c> and <c>e^x - 1</c> accurate for small arguments (.NET's <c>LogP1</c>/<c>ExpM1</c> are the naive
/// <c>Log(1 + u)</c> and <c>Exp(x) - 1</c>, which lose every digit below the rounding of 1), plus the logistic
/// function in a form that never overflows.
/// </summary>
internal static class ScalarMath
{
    /// <summary>
    /// <c>log(1 + u)</c> by Goldberg's correction: with <c>v = fl(1 + u)</c>, <c>log(v) · u / (v - 1)</c> cancels the
    /// rounding of <c>v</c> to first order.
    /// </summary>
    public static T Log1p<T>(T u)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T v = T.One + u;
        if (v == T.One) return u;
        if (T.IsPositiveInfinity(v)) return v;
        return T.Log(v) * (u / (v - T.One));
    }

    /// <summary><c>e^x - 1</c> by Kahan's correction <c>(u - 1) · x / log(u)</c>, <c>u = fl(e^x)</c>.</summary>
    public static T Expm1<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T u = T.Exp(x);
        if (u == T.One) return x;
        T um1 = u - T.One;
        if (um1 == -T.One || T.IsPositiveInfinity(u)) return um1;
        return um1 * x / T.Log(u);
    }

    /// <summary><c>1 / (1 + e^(-x))</c>: for very negative x, <c>e^(-x)</c> is +∞ and the result 0, never NaN.</summary>
    public static T Sigmoid<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));

    /// <summary><c>log(1 + e^x)</c> without overflow: <c>max(x, 0) + log1p(e^(-|x|))</c>.</summary>
    public static T Softplus<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        T.Max(x, T.Zero) + Log1p(T.Exp(-T.Abs(x)));
}
