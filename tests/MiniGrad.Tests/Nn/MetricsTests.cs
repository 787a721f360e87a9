using MiniGrad.Nn;

namespace MiniGrad.Tests.Nn;

/// <summary>
/// Accuracy, confusion matrix, precision and recall. The expected values are scikit-learn 1.2's for the same labels
/// (<c>confusion_matrix(t, p, labels=[0, 1, 2, 3])</c>, <c>precision_score</c> / <c>recall_score</c> with
/// <c>average=None, zero_division=0</c>).
/// </summary>
public class MetricsTests
{
    private static readonly int[] Targets = [0, 0, 1, 1, 2, 2, 2];
    private static readonly double[] Predicted = [0, 1, 1, 1, 2, 0, 1];

    /// <summary>Logits [7, 4] whose row maxima are <see cref="Predicted"/>, requiring grad.</summary>
    private static Tensor<float> Logits()
    {
        var logits = Tensor<float>.Full(-1f, 7, 4);
        for (int i = 0; i < 7; i++) logits[i, (int)Predicted[i]] = 2f + i;
        return logits.RequireGrad();
    }

    [Fact]
    public void AccuracyTakesLogitsOrPredictedIndices()
    {
        Assert.Equal(4.0 / 7, Metrics.Accuracy(Logits(), Targets), 15);
        Assert.Equal(4.0 / 7, Metrics.Accuracy(Tensor<double>.FromArray(Predicted, 7), Targets), 15);
        Assert.Equal(1.0, Metrics.Accuracy(Tensor<double>.FromArray([2.0, 0.0], 2), [2, 0]));
        Assert.True(double.IsNaN(Metrics.Accuracy(Tensor<double>.Zeros(0), [])));
    }

    [Fact]
    public void ConfusionMatrixHasTrueClassesInRowsAsScikitLearn()
    {
        var cm = Metrics.ConfusionMatrix(Tensor<double>.FromArray(Predicted, 7), Targets, numClasses: 4);
        int[,] expected = { { 1, 1, 0, 0 }, { 0, 2, 0, 0 }, { 1, 1, 1, 0 }, { 0, 0, 0, 0 } };
        Assert.Equal(4, cm.NumClasses);
        for (int t = 0; t < 4; t++)
            for (int p = 0; p < 4; p++)
                Assert.Equal(expected[t, p], cm[t, p]);
        Assert.Equal(7, cm.Total);
        Assert.Equal(4.0 / 7, cm.Accuracy(), 15);
        // From logits the number of classes is C; from indices, one more than the largest seen.
        Assert.Equal(4, Metrics.ConfusionMatrix(Logits(), Targets).NumClasses);
        Assert.Equal(3, Metrics.ConfusionMatrix(Tensor<double>.FromArray(Predicted, 7), Targets).NumClasses);
    }

    [Fact]
    public void PrecisionAndRecallAreZeroWhereUndefined()
    {
        Assert.Equal([0.5, 0.5, 1.0, 0.0], Metrics.Precision(Logits(), Targets));
        var recall = Metrics.Recall(Logits(), Targets);
        Assert.Equal([0.5, 1.0, 1.0 / 3, 0.0], recall);
    }

    [Fact]
    public void MetricsRecordNothingOnTheTape()
    {
        var logits = Logits();
        Metrics.Accuracy(logits, Targets);
        Metrics.ConfusionMatrix(logits, Targets);
        Assert.True(logits.IsLeaf);
        Assert.Null(logits.Grad);
    }

    [Fact]
    public void MetricsRefuseMismatchedShapesAndBadIndices()
    {
        Assert.Throws<ArgumentException>(() => Metrics.Accuracy(Logits(), [0, 1]));
        Assert.Throws<ArgumentException>(() => Metrics.Accuracy(Tensor<double>.FromArray([0.5], 1), [0]));
        Assert.Throws<ArgumentException>(() => Metrics.Accuracy(Tensor<double>.Zeros(2, 2, 2), [0, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.ConfusionMatrix(Logits(), [0, 0, 1, 1, 2, 2, 4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.ConfusionMatrix(Tensor<double>.FromArray([-1.0], 1), [0]));
    }

    [Fact]
    public void ConfusionMatrixPrintsAnAlignedTable()
    {
        var cm = new ConfusionMatrix(new[,] { { 12, 0 }, { 3, 105 } });
        Assert.Equal(
            "true\\pred    0    1\n" +
            "        0   12    0\n" +
            "        1    3  105",
            cm.ToString());
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix(new int[2, 3]));
    }
}
