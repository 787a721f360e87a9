using System.Globalization;
using System.Text;

namespace MiniGrad.Study;

/// <summary>Short, culture-invariant renderings of numbers and tensors for the study tools' listings.</summary>
internal static class ValueFormat
{
    /// <summary>A number with four significant digits: <c>-6</c>, <c>0.1234</c>, <c>1.5e+06</c>.</summary>
    public static string Number(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsPositiveInfinity(v)) return "inf";
        if (double.IsNegativeInfinity(v)) return "-inf";
        if (v == 0) return "0"; // also folds -0, which only confuses a reader here
        return v.ToString("G4", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
    }

    /// <summary>
    /// The first <paramref name="max"/> values: a lone number for one element, <c>[1, 2, 3, …]</c> with the count
    /// for more.
    /// </summary>
    public static string Values(IReadOnlyList<double> values, int max = 4)
    {
        if (values.Count == 1) return Number(values[0]);
        var sb = new StringBuilder("[");
        int n = Math.Min(max, values.Count);
        for (int i = 0; i < n; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(Number(values[i]));
        }
        if (values.Count > n) sb.Append(", … (").Append(values.Count).Append(" values)");
        return sb.Append(']').ToString();
    }

    /// <summary>All elements of a tensor as doubles (the study tools look at small tensors).</summary>
    public static double[] Snapshot(ITensor t)
    {
        int n = t.Shape.Length;
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = t.GetDouble(i);
        return v;
    }

    /// <summary>The gradient of a tensor as doubles, or null when it has none.</summary>
    public static double[]? GradSnapshot(ITensor t)
    {
        if (!t.HasGrad) return null;
        int n = t.Shape.Length;
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = t.GetGradDouble(i);
        return v;
    }

    /// <summary>min / mean / max of values, for summaries of larger tensors.</summary>
    public static string Stats(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return "empty";
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        foreach (double v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            sum += v;
        }
        return $"min {Number(min)}, mean {Number(sum / values.Count)}, max {Number(max)}";
    }
}
