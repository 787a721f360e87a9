using System.Numerics;
using MiniGrad.Nn;

namespace MiniGrad;

/// <summary>
/// Stateless functions of tensors, as PyTorch's <c>torch.nn.functional</c>: activations and losses.
/// <c>using static MiniGrad.Functional;</c> makes them read like the PyTorch code.
/// </summary>
public static partial class Functional
{
    /// <summary>Mean squared error <c>(prediction - target)²</c>, reduced (PyTorch's <c>mse_loss</c>).</summary>
    /// <exception cref="ArgumentException">The shapes differ (no broadcasting).</exception>
    public static Tensor<T> MseLoss<T>(Tensor<T> prediction, Tensor<T> target, Reduction reduction = Reduction.Mean)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        LossHelpers.CheckSameShape("MseLoss", prediction, target);
        LossHelpers.Check(reduction);
        if (reduction != Reduction.None) return MseLossFunction<T>.Apply(prediction, target, reduction);
        var d = prediction - target;
        return d * d;
    }

    /// <summary>Mean absolute error <c>|prediction - target|</c>, reduced (PyTorch's <c>l1_loss</c>; gradient 0 where equal).</summary>
    /// <exception cref="ArgumentException">The shapes differ (no broadcasting), or the input is empty and the reduction is Mean.</exception>
    public static Tensor<T> L1Loss<T>(Tensor<T> prediction, Tensor<T> target, Reduction reduction = Reduction.Mean)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        LossHelpers.CheckSameShape("L1Loss", prediction, target);
        LossHelpers.Check(reduction);
        LossHelpers.CheckNotEmptyForMean("L1Loss", prediction, reduction);
        return LossHelpers.Reduce((prediction - target).Abs(), reduction);
    }

    /// <summary>
    /// Huber loss (PyTorch's <c>huber_loss</c>): with <c>z = |prediction - target|</c>, <c>0.5 z²</c> where
    /// <c>z &lt; delta</c>, else <c>delta (z - 0.5 delta)</c>; reduced.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ, or delta is not positive.</exception>
    public static Tensor<T> HuberLoss<T>(Tensor<T> prediction, Tensor<T> target, double delta = 1.0, Reduction reduction = Reduction.Mean)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        LossHelpers.CheckSameShape("HuberLoss", prediction, target);
        LossHelpers.Check(reduction);
        if (!(delta > 0) || !double.IsFinite(delta))
            throw new ArgumentOutOfRangeException(nameof(delta), $"HuberLoss: delta must be positive and finite, got {delta}.");
        LossHelpers.CheckNotEmptyForMean("HuberLoss", prediction, reduction);
        T dt = T.CreateChecked(delta);
        var d = prediction - target;
        // Which branch each element takes is a constant of the forward pass (as PyTorch's kernel decides per element).
        var quadratic = Tensor<T>.Allocate(d.Shape, clear: false);
        var ds = d.ReadOnlySpan;
        var qs = quadratic.Span;
        for (int i = 0; i < qs.Length; i++) qs[i] = T.Abs(ds[i]) < dt ? T.One : T.Zero;
        var half = T.CreateChecked(0.5);
        var inner = d * d * half;
        var outer = (d.Abs() - half * dt) * dt;
        return LossHelpers.Reduce(Tensor.Where(quadratic, inner, outer), reduction);
    }

    /// <summary>
    /// Cross entropy of logits [N, C] against class indices (PyTorch's <c>cross_entropy</c>): the mean (or sum, or
    /// per-sample values) of <c>logsumexp(xᵢ) - xᵢ[targetᵢ]</c>, stable for large logits.
    /// </summary>
    /// <exception cref="ArgumentException">The logits are not [N, C], the target does not hold N indices, or the batch is empty (N = 0) and the reduction is Mean.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target index is outside [0, C).</exception>
    public static Tensor<T> CrossEntropy<T>(Tensor<T> logits, ReadOnlySpan<int> target, Reduction reduction = Reduction.Mean)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        LossHelpers.Check(reduction);
        if (target.Length == 0) LossHelpers.CheckNotEmptyForMean("CrossEntropyLoss", logits, reduction, batch: true);
        return LossHelpers.Reduce(CrossEntropyFunction<T>.Apply(logits, target), reduction);
    }

    /// <summary>
    /// Binary cross entropy of logits (PyTorch's <c>binary_cross_entropy_with_logits</c>): per element
    /// <c>max(x, 0) - x·y + log(1 + exp(-|x|))</c>, reduced. Stable for logits of any size.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ (no broadcasting), or the input is empty and the reduction is Mean.</exception>
    public static Tensor<T> BinaryCrossEntropyWithLogits<T>(Tensor<T> logits, Tensor<T> target, Reduction reduction = Reduction.Mean)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        LossHelpers.CheckSameShape("BceWithLogitsLoss", logits, target);
        LossHelpers.Check(reduction);
        LossHelpers.CheckNotEmptyForMean("BceWithLogitsLoss", logits, reduction);
        return LossHelpers.Reduce(BceWithLogitsFunction<T>.Apply(logits, target), reduction);
    }
}
