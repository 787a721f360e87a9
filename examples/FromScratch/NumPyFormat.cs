using System.Globalization;

namespace MiniGrad.Examples;

/// <summary>
/// Prints a 1-D array as NumPy's <c>print</c> does with default options, so the from-scratch lines read as the
/// tutorial's: <c>[0.26894142 0.5        0.73105858]</c>, <c>[-0.01  0.    1.  ]</c>, or <c>[0 0 1]</c> for integers.
/// </summary>
/// <remarks>
/// NumPy's float mode "maxprec": each value in its shortest round-trip form with at most 8 decimals, trailing zeros
/// dropped but the point kept (<c>0.</c>); then all values are padded to one width, spaces on the left of the
/// integer part and on the right of the decimals. Values below 1e-4 or of very different magnitudes would make NumPy
/// switch to scientific notation; the tutorial's do not, and this small printer does not try.
/// </remarks>
public static class NumPyFormat
{
    /// <summary>Formats <paramref name="values"/>; <paramref name="integer"/> for an integer array (NumPy keeps int dtype through np.maximum).</summary>
    public static string Array(double[] values, bool integer = false)
    {
        string[] parts = integer
            ? values.Select(v => ((long)v).ToString(CultureInfo.InvariantCulture)).ToArray()
            : values.Select(Positional).ToArray();
        int left = parts.Max(p => IntegerPart(p).Length);
        int right = parts.Max(p => p.Length - IntegerPart(p).Length);
        var padded = parts.Select(p => IntegerPart(p).PadLeft(left) + p[IntegerPart(p).Length..].PadRight(right));
        return "[" + string.Join(" ", padded) + "]";
    }

    private static string IntegerPart(string s)
    {
        int dot = s.IndexOf('.');
        return dot < 0 ? s : s[..dot];
    }

    private static string Positional(double v)
    {
        // Shortest round-trip digits when they fit in 8 decimals, else rounded to 8 (NumPy's precision), then trimmed.
        string s = v.ToString("F8", CultureInfo.InvariantCulture).TrimEnd('0');
        string shortest = v.ToString("R", CultureInfo.InvariantCulture);
        if (!shortest.Contains('E') && shortest.Length < s.Length) s = shortest.Contains('.') ? shortest : shortest + ".";
        return s;
    }
}
