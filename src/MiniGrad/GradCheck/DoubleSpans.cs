using System.Numerics;
using System.Runtime.InteropServices;

namespace MiniGrad;

/// <summary>
/// Tensor elements read out as doubles, the one precision the comparisons are made in: without a copy where they
/// already are doubles, converted element by element otherwise.
/// </summary>
internal static class DoubleSpans
{
    /// <summary>The elements as doubles: the span itself for double, a converted copy otherwise.</summary>
    public static ReadOnlySpan<double> View<T>(ReadOnlySpan<T> span)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double)) return MemoryMarshal.Cast<T, double>(span);
        var d = new double[span.Length];
        CopyTo(span, d);
        return d;
    }

    /// <summary>A new array holding the elements as doubles.</summary>
    public static double[] ToArray<T>(ReadOnlySpan<T> span)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var d = new double[span.Length];
        CopyTo(span, d);
        return d;
    }

    /// <summary>Converts <paramref name="source"/> into <paramref name="destination"/>, which is at least as long.</summary>
    public static void CopyTo<T>(ReadOnlySpan<T> source, Span<double> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < source.Length; i++) destination[i] = double.CreateChecked(source[i]);
    }
}
