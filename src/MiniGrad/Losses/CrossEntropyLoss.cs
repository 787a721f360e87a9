using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Cross entropy of logits [N, C] against class indices, as PyTorch's <c>nn.CrossEntropyLoss</c> (softmax and
/// negative log-likelihood in one, stable for large logits). The gradient with respect to the logits is
/// <c>softmax(x) - onehot(target)</c> (divided by N for the mean).
/// </summary>
/// <param name="reduction">Mean (the default), Sum or None (one loss per sample).</param>
public sealed class CrossEntropyLoss(Reduction reduction = Reduction.Mean)
{
    /// <summary>How the per-sample losses are combined.</summary>
    public Reduction Reduction { get; } = LossHelpers.Check(reduction);

    /// <summary>The loss of <paramref name="logits"/> [N, C] against <paramref name="target"/> (N class indices in [0, C)).</summary>
    /// <exception cref="ArgumentException">The logits are not [N, C] or the target does not hold N indices.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target index is outside [0, C).</exception>
    public Tensor<T> Forward<T>(Tensor<T> logits, ReadOnlySpan<int> target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Functional.CrossEntropy(logits, target, Reduction);

    /// <summary>
    /// The loss against class indices held as values of a tensor of N elements (each a whole number in [0, C)).
    /// </summary>
    /// <exception cref="ArgumentException">A target value is not a whole number.</exception>
    public Tensor<T> Forward<T>(Tensor<T> logits, Tensor<T> target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(target);
        var t = target.ReadOnlySpan;
        var indices = new int[t.Length];
        for (int i = 0; i < t.Length; i++)
        {
            if (!T.IsInteger(t[i]))
                throw new ArgumentException($"CrossEntropyLoss: target element {i} is {t[i]}, not a class index.", nameof(target));
            indices[i] = int.CreateSaturating(t[i]);
        }
        return Forward(logits, indices);
    }

    /// <summary>Prints like PyTorch's module: <c>CrossEntropyLoss(reduction: Mean)</c>.</summary>
    public override string ToString() => $"CrossEntropyLoss(reduction: {Reduction})";
}
