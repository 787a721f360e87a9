using System.Numerics;

namespace MiniGrad.Data;

/// <summary>
/// Feature standardization, as scikit-learn's <c>StandardScaler</c>: <see cref="Standardizer.Fit"/> learns each
/// column's mean and standard deviation from the training inputs, <see cref="Transform"/> maps any inputs (training,
/// validation, test) to <c>(x - mean) / scale</c>.
/// </summary>
/// <remarks>
/// <para>Fit on the training part only: statistics taken over validation or test samples leak them into training.</para>
/// <para>The standard deviation is the population one (divided by N, as scikit-learn's). A constant column has
/// standard deviation 0 (exactly: its mean is its value): its scale is 1 instead (as scikit-learn does), so it
/// becomes 0 and not NaN.</para>
/// <para>Statistics are accumulated in double whatever <typeparamref name="T"/> is. Transform is data preparation,
/// not a recorded op: its result has no gradient history.</para>
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Standardizer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly double[] mean, std, scale;

    internal Standardizer(double[] mean, double[] std)
    {
        this.mean = mean;
        this.std = std;
        scale = std.Select(s => s == 0 ? 1.0 : s).ToArray();
    }

    /// <summary>Each column's mean over the fitted samples.</summary>
    public IReadOnlyList<double> Mean => mean;

    /// <summary>Each column's (population) standard deviation over the fitted samples; 0 for a constant column.</summary>
    public IReadOnlyList<double> Std => std;

    /// <summary>What each column is divided by: its standard deviation, or 1 where that is 0.</summary>
    public IReadOnlyList<double> Scale => scale;

    /// <summary>The number of columns fitted.</summary>
    public int Features => mean.Length;

    /// <summary><c>(x - Mean) / Scale</c> column by column, as a new tensor; <paramref name="inputs"/> is [N, Features].</summary>
    /// <exception cref="ArgumentException">The inputs are not [N, Features].</exception>
    public Tensor<T> Transform(Tensor<T> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Rank != 2 || inputs.Shape[1] != Features)
            throw new ArgumentException(
                $"Standardizer.Transform: inputs of shape {inputs.Shape} do not match the fitted [N, {Features}]: transform inputs with the columns the standardizer was fitted on.",
                nameof(inputs));
        var result = Tensor<T>.Zeros(inputs.Shape);
        var from = inputs.ReadOnlySpan;
        var to = result.Span;
        int f = Features;
        for (int i = 0; i < from.Length; i++)
        {
            int column = i % f;
            to[i] = T.CreateChecked((double.CreateChecked(from[i]) - mean[column]) / scale[column]);
        }
        return result;
    }
}

/// <summary>Fits a <see cref="Standardizer{T}"/>, its element type inferred from the inputs.</summary>
public static class Standardizer
{
    /// <summary>
    /// A standardizer with known statistics (saved with a model, say): it transforms exactly as the one fitted to
    /// them did, each column <c>(x - mean) / scale</c> with scale the standard deviation, or 1 where that is 0.
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="mean">Each column's mean, as <see cref="Standardizer{T}.Mean"/> gives it.</param>
    /// <param name="std">Each column's standard deviation, as <see cref="Standardizer{T}.Std"/> gives it (0 for a constant column).</param>
    /// <exception cref="ArgumentException">The lists differ in length, or a mean is not finite, or a standard deviation is negative or not finite.</exception>
    public static Standardizer<T> FromStatistics<T>(IReadOnlyList<double> mean, IReadOnlyList<double> std)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count != std.Count)
            throw new ArgumentException($"Standardizer.FromStatistics: {mean.Count} means but {std.Count} standard deviations; give one of each per column.", nameof(std));
        for (int c = 0; c < mean.Count; c++)
        {
            if (!double.IsFinite(mean[c]))
                throw new ArgumentException($"Standardizer.FromStatistics: the mean of column {c} is {mean[c]}; means must be finite.", nameof(mean));
            if (!(std[c] >= 0 && double.IsFinite(std[c])))
                throw new ArgumentException($"Standardizer.FromStatistics: the standard deviation of column {c} is {std[c]}; it must be finite and at least 0.", nameof(std));
        }
        return new Standardizer<T>([.. mean], [.. std]);
    }

    /// <summary>Learns the mean and standard deviation of each column of <paramref name="trainInputs"/> [N, F], N &gt;= 1.</summary>
    /// <exception cref="ArgumentException">The inputs are not rank 2 with at least one row, or hold a NaN or infinity.</exception>
    public static Standardizer<T> Fit<T>(Tensor<T> trainInputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(trainInputs);
        if (trainInputs.Rank != 2 || trainInputs.Shape[0] == 0)
            throw new ArgumentException(
                $"Standardizer.Fit: inputs of shape {trainInputs.Shape} are not [N, F] with N >= 1 (samples along dim 0, one column per feature).",
                nameof(trainInputs));
        int n = trainInputs.Shape[0], f = trainInputs.Shape[1];
        var x = trainInputs.ReadOnlySpan;
        var mean = new double[f];
        var std = new double[f];
        for (int i = 0; i < x.Length; i++)
        {
            double v = double.CreateChecked(x[i]);
            if (!double.IsFinite(v))
                throw new ArgumentException($"Standardizer.Fit: row {i / f}, column {i % f} holds {v}; remove or fill non-finite values first.", nameof(trainInputs));
            mean[i % f] += v;
        }
        for (int c = 0; c < f; c++) mean[c] /= n;
        // Two passes (mean first, then squared deviations) so that a large offset does not swamp the variance.
        for (int i = 0; i < x.Length; i++)
        {
            double d = double.CreateChecked(x[i]) - mean[i % f];
            std[i % f] += d * d;
        }
        for (int c = 0; c < f; c++) std[c] = Math.Sqrt(std[c] / n);
        // A constant column's mean can be off by a rounding (0.1 three times sums to 0.30000000000000004), which
        // would give a tiny non-zero deviation and blow its values up to about +-1: compare the values instead.
        for (int c = 0; c < f; c++)
        {
            bool constant = true;
            for (int r = 1; r < n && constant; r++) constant = x[r * f + c] == x[c];
            if (constant)
            {
                mean[c] = double.CreateChecked(x[c]);
                std[c] = 0;
            }
        }
        return new Standardizer<T>(mean, std);
    }
}
