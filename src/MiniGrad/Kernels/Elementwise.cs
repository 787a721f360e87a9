using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace MiniGrad.Kernels;

/// <summary>
/// Elementwise kernels over equal-length spans that TensorPrimitives lacks, or that need PyTorch's conventions.
/// Lengths are checked before any element is touched.
/// </summary>
internal static class Elementwise
{
    /// <summary><c>y = x^p</c> for a scalar exponent; squares and square roots take the exact paths.</summary>
    public static void Pow<T>(ReadOnlySpan<T> x, T p, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckLengths("pow", x.Length, y.Length);
        if (p == T.CreateChecked(2)) TensorPrimitives.Multiply(x, x, y);
        else if (p == T.One) x.CopyTo(y);
        else if (p == T.CreateChecked(0.5)) TensorPrimitives.Sqrt(x, y);
        else TensorPrimitives.Pow(x, p, y);
    }

    /// <summary>
    /// <c>y = e^x</c>: float through double, so it is correctly rounded, and double through the C runtime's exp.
    /// TensorPrimitives.Exp is off by up to 2 ulps in both types (its float exp(0) is 1.0000001, so tanh(0) built on
    /// it is not 0 and prints in scientific mode); PyTorch's exp gives 1 at 0 and is within an ulp elsewhere.
    /// </summary>
    public static void Exp<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckLengths("exp", x.Length, y.Length);
        if (typeof(T) == typeof(float))
        {
            var xs = MemoryMarshal.Cast<T, float>(x);
            var ys = MemoryMarshal.Cast<T, float>(y);
            for (int i = 0; i < xs.Length; i++) ys[i] = (float)Math.Exp(xs[i]);
        }
        else
        {
            var xs = MemoryMarshal.Cast<T, double>(x);
            var ys = MemoryMarshal.Cast<T, double>(y);
            for (int i = 0; i < xs.Length; i++) ys[i] = Math.Exp(xs[i]);
        }
    }

    /// <summary><c>y = ln(x)</c>, for the same reason as <see cref="Exp{T}"/> (TensorPrimitives.Log is off by up to 2 ulps).</summary>
    public static void Log<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckLengths("log", x.Length, y.Length);
        if (typeof(T) == typeof(float))
        {
            var xs = MemoryMarshal.Cast<T, float>(x);
            var ys = MemoryMarshal.Cast<T, float>(y);
            for (int i = 0; i < xs.Length; i++) ys[i] = (float)Math.Log(xs[i]);
        }
        else
        {
            var xs = MemoryMarshal.Cast<T, double>(x);
            var ys = MemoryMarshal.Cast<T, double>(y);
            for (int i = 0; i < xs.Length; i++) ys[i] = Math.Log(xs[i]);
        }
    }

    /// <summary><c>y = sign(x)</c> with sign(0) = 0 and sign(NaN) = NaN, as <c>torch.sign</c>.</summary>
    public static void Sign<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckLengths("sign", x.Length, y.Length);
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            y[i] = T.IsNaN(v) ? v : v > T.Zero ? T.One : v < T.Zero ? -T.One : T.Zero;
        }
    }

    /// <summary>
    /// <c>y = min(max(x, min), max)</c> in that order, as <c>torch.clamp</c>: NaN stays NaN, and a min above max gives
    /// max everywhere.
    /// </summary>
    public static void Clamp<T>(ReadOnlySpan<T> x, T min, T max, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckLengths("clamp", x.Length, y.Length);
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i] < min ? min : x[i];
            y[i] = v > max ? max : v;
        }
    }

    /// <summary><c>y = 1</c> where <c>min &lt;= x &lt;= max</c>, else 0: the pass-through mask of clamp's backward.</summary>
    public static void InRangeMask<T>(ReadOnlySpan<T> x, T min, T max, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckLengths("clamp", x.Length, y.Length);
        for (int i = 0; i < x.Length; i++)
            y[i] = x[i] >= min && x[i] <= max ? T.One : T.Zero;
    }

    /// <summary><c>y = condition != 0 ? a : b</c>.</summary>
    public static void Where<T>(ReadOnlySpan<T> condition, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckLengths("where", condition.Length, y.Length);
        CheckLengths("where", a.Length, y.Length);
        CheckLengths("where", b.Length, y.Length);
        for (int i = 0; i < y.Length; i++)
            y[i] = condition[i] != T.Zero ? a[i] : b[i];
    }

    /// <summary>Throws when an output span is not as long as its input.</summary>
    public static void CheckLengths(string op, int input, int output)
    {
        if (input != output)
            throw new ArgumentException($"{op}: input has {input} elements but the output span has {output}.");
    }
}
