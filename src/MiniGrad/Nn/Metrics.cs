using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Classification metrics of a model's outputs against class indices. PyTorch has none built in; the names and
/// conventions follow torchmetrics and scikit-learn (<c>accuracy_score</c>, <c>confusion_matrix</c>,
/// <c>precision_score</c> / <c>recall_score</c> with <c>average=None</c> and <c>zero_division=0</c>).
/// </summary>
/// <remarks>
/// Each method takes either logits (or probabilities) [N, C], whose predicted class is the index of the largest value
/// of each row (argmax over dim 1, the first one on ties), or predicted class indices [N] as whole-number values.
/// They read values only: they run under <see cref="Tape.NoGrad"/> and record nothing.
/// </remarks>
public static class Metrics
{
    /// <summary>The fraction of samples whose predicted class is the target (torchmetrics' <c>Accuracy</c>, micro).</summary>
    /// <param name="logitsOrPredictions">Logits [N, C] or predicted class indices [N].</param>
    /// <param name="targets">The N true class indices.</param>
    /// <returns>A value in [0, 1]; NaN for N = 0.</returns>
    /// <exception cref="ArgumentException">The shapes do not match or a prediction is not a whole number.</exception>
    public static double Accuracy<T>(Tensor<T> logitsOrPredictions, ReadOnlySpan<int> targets)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int[] predicted = Predictions(logitsOrPredictions, targets.Length);
        int correct = 0;
        for (int i = 0; i < predicted.Length; i++)
            if (predicted[i] == targets[i]) correct++;
        return predicted.Length == 0 ? double.NaN : (double)correct / predicted.Length;
    }

    /// <summary>
    /// The confusion matrix (scikit-learn's <c>confusion_matrix</c>): entry [t, p] counts the samples of true class t
    /// predicted as p, so rows are true classes and columns predicted ones.
    /// </summary>
    /// <param name="logitsOrPredictions">Logits [N, C] or predicted class indices [N].</param>
    /// <param name="targets">The N true class indices.</param>
    /// <param name="numClasses">The number of classes; by default C for logits, else one more than the largest index seen.</param>
    /// <exception cref="ArgumentException">The shapes do not match or a prediction is not a whole number.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class index is negative or not below <paramref name="numClasses"/>.</exception>
    public static ConfusionMatrix ConfusionMatrix<T>(Tensor<T> logitsOrPredictions, ReadOnlySpan<int> targets, int? numClasses = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int[] predicted = Predictions(logitsOrPredictions, targets.Length);
        int classes = numClasses ?? (logitsOrPredictions.Rank == 2
            ? logitsOrPredictions.Shape[1]
            : Math.Max(predicted.DefaultIfEmpty(-1).Max(), targets.Length == 0 ? -1 : Max(targets)) + 1);
        ArgumentOutOfRangeException.ThrowIfNegative(classes, nameof(numClasses));
        var counts = new int[classes, classes];
        for (int i = 0; i < predicted.Length; i++)
        {
            int t = targets[i], p = predicted[i];
            if ((uint)t >= (uint)classes || (uint)p >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(targets),
                    $"ConfusionMatrix: sample {i} has target {t} and prediction {p}; classes are 0 to {classes - 1}.");
            counts[t, p]++;
        }
        return new ConfusionMatrix(counts);
    }

    /// <summary>
    /// The precision of each class, <c>TP/(TP + FP)</c> (scikit-learn's <c>precision_score(average=None,
    /// zero_division=0)</c>): 0 for a class never predicted.
    /// </summary>
    /// <inheritdoc cref="ConfusionMatrix{T}(Tensor{T}, ReadOnlySpan{int}, int?)"/>
    public static double[] Precision<T>(Tensor<T> logitsOrPredictions, ReadOnlySpan<int> targets, int? numClasses = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        ConfusionMatrix(logitsOrPredictions, targets, numClasses).Precision();

    /// <summary>
    /// The recall of each class, <c>TP/(TP + FN)</c> (scikit-learn's <c>recall_score(average=None,
    /// zero_division=0)</c>): 0 for a class absent from the targets.
    /// </summary>
    /// <inheritdoc cref="ConfusionMatrix{T}(Tensor{T}, ReadOnlySpan{int}, int?)"/>
    public static double[] Recall<T>(Tensor<T> logitsOrPredictions, ReadOnlySpan<int> targets, int? numClasses = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        ConfusionMatrix(logitsOrPredictions, targets, numClasses).Recall();

    private static int Max(ReadOnlySpan<int> values)
    {
        int m = int.MinValue;
        foreach (int v in values) m = Math.Max(m, v);
        return m;
    }

    /// <summary>The predicted class of each sample: argmax of each row of [N, C], or the whole-number values of [N].</summary>
    private static int[] Predictions<T>(Tensor<T> logitsOrPredictions, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(logitsOrPredictions);
        using (Tape.NoGrad())
        {
            if (logitsOrPredictions.Rank == 2)
            {
                if (logitsOrPredictions.Shape[0] != n)
                    throw new ArgumentException($"Metrics: logits of shape {logitsOrPredictions.Shape} for {n} targets; give [{n}, C].", nameof(logitsOrPredictions));
                return logitsOrPredictions.Shape[1] == 0 ? throw new ArgumentException("Metrics: logits with 0 classes.", nameof(logitsOrPredictions))
                    : logitsOrPredictions.ArgMax(1);
            }
            if (logitsOrPredictions.Rank != 1 || logitsOrPredictions.Length != n)
                throw new ArgumentException($"Metrics: give logits [{n}, C] or {n} predicted indices [{n}], not shape {logitsOrPredictions.Shape}.", nameof(logitsOrPredictions));
            var values = logitsOrPredictions.ReadOnlySpan;
            var predicted = new int[n];
            for (int i = 0; i < n; i++)
            {
                if (!T.IsInteger(values[i]))
                    throw new ArgumentException($"Metrics: prediction {i} is {values[i]}, not a class index.", nameof(logitsOrPredictions));
                predicted[i] = int.CreateSaturating(values[i]);
            }
            return predicted;
        }
    }
}
