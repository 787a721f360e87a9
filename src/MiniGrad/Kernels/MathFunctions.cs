using System.Numerics;

namespace MiniGrad.Kernels;

/// <summary>
/// The elementwise functions of the math ops (sin, log1p, ...), one scalar struct each for
/// <see cref="Simd.MapScalar{TOp, T}(TOp, ReadOnlySpan{T}, Span{T})"/>. Each is evaluated in double and rounded once,
/// so float results are as close to PyTorch's as its own libm; log1p and expm1 use the classic corrections because
/// .NET's <c>LogP1</c> and <c>ExpM1</c> are the naive <c>log(1 + x)</c> and <c>exp(x) - 1</c>, which lose every
/// digit for tiny x.
/// </summary>
internal static class MathFunctions
{
    /// <summary><c>log(1 + x)</c> to about one ulp: Goldberg's <c>log(u)·x/(u - 1)</c> with <c>u = fl(1 + x)</c>.</summary>
    public static double Log1p(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0) return x; // |x| below half an ulp of 1: log1p(x) = x to double precision
        if (double.IsInfinity(u)) return Math.Log(u);
        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary><c>e^x - 1</c> to about one ulp: Kahan's <c>(u - 1)·x/log(u)</c> with <c>u = fl(e^x)</c>.</summary>
    public static double Expm1(double x)
    {
        double u = Math.Exp(x);
        // Away from 0, u - 1 loses nothing; the correction's product (u - 1)·x would overflow near x = 709.
        if (Math.Abs(x) >= 0.5) return u - 1.0;
        if (u == 1.0) return x;
        return (u - 1.0) * x / Math.Log(u);
    }

    /// <summary><c>y = x^e</c> elementwise over equal-length spans, through double (C's <c>pow</c>: pow(0, 0) = 1).</summary>
    public static void Pow<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> e, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths("pow", x.Length, y.Length);
        Elementwise.CheckLengths("pow", e.Length, y.Length);
        for (int i = 0; i < y.Length; i++) y[i] = T.CreateTruncating(Math.Pow(double.CreateTruncating(x[i]), double.CreateTruncating(e[i])));
    }

    /// <summary>
    /// <c>y = max(a, b)</c> (or min) elementwise, NaN when either is NaN, as <c>torch.maximum</c>/<c>minimum</c>.
    /// </summary>
    public static void Extremum<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, bool maximum, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths("maximum", a.Length, y.Length);
        Elementwise.CheckLengths("maximum", b.Length, y.Length);
        for (int i = 0; i < y.Length; i++)
        {
            T x = a[i], z = b[i];
            y[i] = T.IsNaN(x) || T.IsNaN(z) ? T.NaN : maximum ? (x >= z ? x : z) : (x <= z ? x : z);
        }
    }

    /// <summary>A function of one double, applied to T through double.</summary>
    internal interface IDoubleFunction
    {
        static abstract double Invoke(double x);
    }

    /// <summary>Applies <typeparamref name="TF"/> to every element, through double.</summary>
    public static void Map<TF, T>(ReadOnlySpan<T> x, Span<T> y)
        where TF : IDoubleFunction
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Simd.MapScalar(default(Through<TF, T>), x, y);

    private readonly struct Through<TF, T> : IScalarOp<T>
        where TF : IDoubleFunction
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Invoke(T x) => T.CreateTruncating(TF.Invoke(double.CreateTruncating(x)));
    }

    internal readonly struct SinOf : IDoubleFunction
    {
        public static double Invoke(double x) => Math.Sin(x);
    }

    internal readonly struct CosOf : IDoubleFunction
    {
        public static double Invoke(double x) => Math.Cos(x);
    }

    internal readonly struct Log1pOf : IDoubleFunction
    {
        public static double Invoke(double x) => Log1p(x);
    }

    internal readonly struct Expm1Of : IDoubleFunction
    {
        public static double Invoke(double x) => Expm1(x);
    }

    internal readonly struct Log2Of : IDoubleFunction
    {
        public static double Invoke(double x) => Math.Log2(x);
    }

    internal readonly struct ReciprocalOf : IDoubleFunction
    {
        public static double Invoke(double x) => 1.0 / x;
    }

    internal readonly struct RsqrtOf : IDoubleFunction
    {
        public static double Invoke(double x) => 1.0 / Math.Sqrt(x);
    }

    internal readonly struct FloorOf : IDoubleFunction
    {
        public static double Invoke(double x) => Math.Floor(x);
    }

    internal readonly struct CeilOf : IDoubleFunction
    {
        public static double Invoke(double x) => Math.Ceiling(x);
    }

    /// <summary>Half to even, as <c>torch.round</c>.</summary>
    internal readonly struct RoundOf : IDoubleFunction
    {
        public static double Invoke(double x) => Math.Round(x, MidpointRounding.ToEven);
    }
}
