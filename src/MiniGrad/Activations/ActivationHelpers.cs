using System.Globalization;
using System.Numerics;

namespace MiniGrad.Activations;

/// <summary>Argument checks, constant masks and printing shared by the activations.</summary>
internal static class ActivationHelpers
{
    /// <summary>Prints a parameter as Python prints a float (<c>1.0</c>, <c>0.01</c>), so module printouts read like PyTorch's.</summary>
    public static string Number(double v)
    {
        string s = v.ToString("R", CultureInfo.InvariantCulture);
        return double.IsFinite(v) && !s.Contains('.') && !s.Contains('E') ? s + ".0" : s;
    }

    /// <summary>Throws when <paramref name="value"/> is NaN (no activation has a meaning for a NaN parameter).</summary>
    public static void NotNaN(double value, string op, string name)
    {
        if (double.IsNaN(value))
            throw new ArgumentException($"{op}: {name} is NaN; pass a number.", name);
    }

    /// <summary>
    /// A constant tensor (no gradient) with 1 where <paramref name="predicate"/> holds for <paramref name="s"/>'s
    /// element and 0 elsewhere: the piecewise parts of second derivatives.
    /// </summary>
    public static Tensor<T> Mask<T>(Tensor<T> s, Func<T, bool> predicate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var m = Tensor<T>.Allocate(s.Shape, clear: false);
        ReadOnlySpan<T> src = s.ReadOnlySpan;
        Span<T> dst = m.Span;
        for (int i = 0; i < dst.Length; i++) dst[i] = predicate(src[i]) ? T.One : T.Zero;
        return m;
    }

    /// <summary>A zero gradient of <paramref name="like"/>'s shape: the second derivative of a piecewise-linear activation.</summary>
    public static Tensor<T> Zero<T>(Tensor<T> like)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Tensor<T>.ZerosLike(like);
}
