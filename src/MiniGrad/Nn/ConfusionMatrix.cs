using System.Globalization;
using System.Text;

namespace MiniGrad.Nn;

/// <summary>
/// Counts of (true class, predicted class) pairs, as scikit-learn's <c>confusion_matrix</c>: rows are true classes,
/// columns predicted ones; made by <see cref="Metrics.ConfusionMatrix{T}"/>.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] counts;

    /// <summary>Wraps a copy of <paramref name="counts"/> [true class, predicted class].</summary>
    /// <exception cref="ArgumentException">The array is not square or holds a negative count.</exception>
    public ConfusionMatrix(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.GetLength(0) != counts.GetLength(1))
            throw new ArgumentException($"ConfusionMatrix: {counts.GetLength(0)}×{counts.GetLength(1)} counts; the matrix is square.", nameof(counts));
        foreach (int c in counts)
            if (c < 0) throw new ArgumentException("ConfusionMatrix: a count is negative.", nameof(counts));
        this.counts = (int[,])counts.Clone();
    }

    /// <summary>The number of classes (rows and columns).</summary>
    public int NumClasses => counts.GetLength(0);

    /// <summary>The number of samples of true class <paramref name="trueClass"/> predicted as <paramref name="predictedClass"/>.</summary>
    public int this[int trueClass, int predictedClass] => counts[trueClass, predictedClass];

    /// <summary>The number of samples counted.</summary>
    public int Total
    {
        get
        {
            int total = 0;
            foreach (int c in counts) total += c;
            return total;
        }
    }

    /// <summary>The fraction of samples on the diagonal (NaN when there are none).</summary>
    public double Accuracy()
    {
        int correct = 0;
        for (int i = 0; i < NumClasses; i++) correct += counts[i, i];
        return Total == 0 ? double.NaN : (double)correct / Total;
    }

    /// <summary>Per class, <c>TP/(TP + FP)</c>: the diagonal over the column sum; 0 for a column sum of 0 (zero_division=0).</summary>
    public double[] Precision() => Ratio(column: true);

    /// <summary>Per class, <c>TP/(TP + FN)</c>: the diagonal over the row sum; 0 for a row sum of 0 (zero_division=0).</summary>
    public double[] Recall() => Ratio(column: false);

    private double[] Ratio(bool column)
    {
        var result = new double[NumClasses];
        for (int k = 0; k < NumClasses; k++)
        {
            int sum = 0;
            for (int j = 0; j < NumClasses; j++) sum += column ? counts[j, k] : counts[k, j];
            result[k] = sum == 0 ? 0 : (double)counts[k, k] / sum;
        }
        return result;
    }

    /// <summary>
    /// The matrix as an aligned table: a header of predicted classes, then one row per true class, right-aligned
    /// numbers.
    /// </summary>
    public override string ToString()
    {
        var cells = new string[NumClasses + 1][];
        cells[0] = ["true\\pred", .. Enumerable.Range(0, NumClasses).Select(k => k.ToString(CultureInfo.InvariantCulture))];
        for (int t = 0; t < NumClasses; t++)
            cells[t + 1] = [t.ToString(CultureInfo.InvariantCulture), .. Enumerable.Range(0, NumClasses).Select(p => counts[t, p].ToString(CultureInfo.InvariantCulture))];
        int first = cells.Max(r => r[0].Length);
        int width = cells.SelectMany(r => r.Skip(1)).DefaultIfEmpty("").Max(c => c.Length);
        var sb = new StringBuilder();
        foreach (var row in cells)
        {
            if (sb.Length > 0) sb.Append('\n');
            sb.Append(row[0].PadLeft(first));
            foreach (string c in row.Skip(1)) sb.Append("  ").Append(c.PadLeft(width));
        }
        return sb.ToString();
    }
}
