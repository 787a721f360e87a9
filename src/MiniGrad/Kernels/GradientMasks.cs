using System.Numerics;

namespace MiniGrad.Kernels;

/// <summary>
/// The 0/½/1 masks that PyTorch's backward formulas use to pick where a gradient flows (pow at 0, ties of maximum
/// and minimum), over equal-length spans. Lengths are checked before any element is touched.
/// </summary>
internal static class GradientMasks
{
    /// <summary><c>mask = 1</c> where <c>x == 0</c>, else 0.</summary>
    public static void IsZero<T>(ReadOnlySpan<T> x, Span<T> mask)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths("mask", x.Length, mask.Length);
        for (int i = 0; i < x.Length; i++) mask[i] = x[i] == T.Zero ? T.One : T.Zero;
    }

    /// <summary>
    /// <c>mask = 1</c> where <c>base == 0</c> and <c>exponent &gt;= 0</c>: where PyTorch sets pow's gradient with
    /// respect to the exponent to 0 (the formula <c>y·ln(base)</c> would give 0·(-inf) = NaN there).
    /// </summary>
    public static void ZeroBaseNonNegativeExponent<T>(ReadOnlySpan<T> @base, ReadOnlySpan<T> exponent, Span<T> mask)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths("mask", @base.Length, mask.Length);
        Elementwise.CheckLengths("mask", exponent.Length, mask.Length);
        for (int i = 0; i < mask.Length; i++) mask[i] = @base[i] == T.Zero && exponent[i] >= T.Zero ? T.One : T.Zero;
    }

    /// <summary>
    /// How the gradient of <c>maximum(a, b)</c> (or <c>minimum</c>) splits: 1 to the operand that won, 0 to the other,
    /// ½ to each on a tie (PyTorch's rule); where either is NaN both get 1, as PyTorch's formula gives.
    /// </summary>
    public static void Extremum<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, bool maximum, Span<T> shareA, Span<T> shareB)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths("maximum", a.Length, shareA.Length);
        Elementwise.CheckLengths("maximum", b.Length, shareA.Length);
        Elementwise.CheckLengths("maximum", shareB.Length, shareA.Length);
        T half = T.CreateChecked(0.5);
        for (int i = 0; i < shareA.Length; i++)
        {
            T x = a[i], y = b[i];
            bool aLoses = maximum ? x < y : x > y, bLoses = maximum ? x > y : x < y;
            shareA[i] = x == y ? half : aLoses ? T.Zero : T.One;
            shareB[i] = x == y ? half : bLoses ? T.Zero : T.One;
        }
    }
}
