using System.Numerics;

namespace MiniGrad.Kernels;

/// <summary>
/// <c>e^x - 1</c> accurate for small arguments (.NET's <c>ExpM1</c> and TensorPrimitives' are the naive
/// <c>Exp(x) - 1</c>, which loses every digit below the rounding of 1).
/// </summary>
internal static class ScalarMath
{
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
}
