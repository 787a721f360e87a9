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
    /// Cross entropy of logits against class indices (PyTorch 1.13's <c>cross_entropy</c>): per element
    /// <c>-w[t]·log softmax(x)[t]</c> (0 where <c>t == ignoreIndex</c>), reduced; stable for large logits.
    /// </summary>
    /// <remarks>
    /// <para>Shapes: logits [N, C] with N indices, [C] with one, or [N, C, d1, ...] with N·d1·... indices in row-major
    /// order of [N, d1, ...] (the per-element losses of Reduction.None have that shape, [] for logits [C]).</para>
    /// <para>Mean divides by the sum of the weights of the non-ignored targets (their count without a weight; NaN when
    /// every target is ignored, as in PyTorch). With <paramref name="labelSmoothing"/> ε the loss is, as PyTorch's
    /// <c>cross_entropy_loss_label_smoothing</c>, <c>(1 - ε)·nll + (ε/C)·smooth</c> with per element
    /// <c>smooth = -Σ_c w[c]·log softmax(x)[c]</c> (0 where ignored), whose mean divides by the same sum of weights.</para>
    /// <para>Derivative in the logits: <c>w[t]·(softmax(x) - onehot(t))</c> per element (smoothing mixes in
    /// <c>(ε/C)·(Σw·softmax(x) - w)</c>). The plain case (logits [N, C], no weight, no ignored target, no smoothing) is one
    /// fused op with that backward; the others are LogSoftmax and the negative log-likelihood of
    /// <see cref="NllLoss{T}"/>. Gradients of gradients work in both.</para>
    /// </remarks>
    /// <param name="logits">Unnormalized scores, classes along dim 1 (dim 0 for [C]).</param>
    /// <param name="target">The class indices, each in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="reduction">Mean (the default), Sum or None.</param>
    /// <param name="weight">Optional weight per class, shape [C], finite and non-negative; a constant (no gradient).</param>
    /// <param name="ignoreIndex">A target equal to it contributes nothing, to the loss or to the mean's divisor (default -100).</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the target becomes <c>(1 - ε)·onehot + ε/C</c> (default 0).</param>
    /// <exception cref="ArgumentException">The shapes do not fit, the weight is not [C], or the batch is empty (no targets) and the reduction is Mean.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target index is outside [0, C) and not ignoreIndex, a weight is negative or not finite, or labelSmoothing is outside [0, 1].</exception>
    public static Tensor<T> CrossEntropy<T>(Tensor<T> logits, ReadOnlySpan<int> target, Reduction reduction = Reduction.Mean,
        Tensor<T>? weight = null, int ignoreIndex = -100, double labelSmoothing = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(logits);
        LossHelpers.Check(reduction);
        LossHelpers.CheckLabelSmoothing("CrossEntropyLoss", labelSmoothing);
        if (logits.Rank == 2 && weight is null && labelSmoothing == 0 && !target.Contains(ignoreIndex))
        {
            if (target.Length == 0) LossHelpers.CheckNotEmptyForMean("CrossEntropyLoss", logits, reduction, batch: true);
            return LossHelpers.Reduce(CrossEntropyFunction<T>.Apply(logits, target), reduction);
        }
        var targets = ClassTargets<T>.Build("CrossEntropyLoss", logits, target, weight, ignoreIndex, reduction, "logits");
        var logProbabilities = LogSoftmax(logits, targets.ClassDim);
        var nll = targets.Nll(logProbabilities, reduction);
        if (labelSmoothing == 0) return nll;

        // As PyTorch's cross_entropy_loss_label_smoothing: the smoothing term, masked where ignored, reduced by the
        // same divisor as the NLL (the sum of the non-ignored targets' weights, or their count).
        var weighted = weight is null ? logProbabilities : logProbabilities * ClassTargets<T>.AlongClassDim(weight, logits.Rank);
        var smooth = Tensor.Where(targets.Kept, -weighted.Sum(targets.ClassDim), Tensor<T>.Scalar(T.Zero));
        var reduced = reduction switch
        {
            Reduction.Mean => smooth.Sum() / (weight is null ? Count(targets.Kept) : targets.TotalWeight),
            Reduction.Sum => smooth.Sum(),
            _ => smooth,
        };
        return T.CreateChecked(1 - labelSmoothing) * nll + reduced * T.CreateChecked(labelSmoothing / targets.Classes);

        static T Count(Tensor<T> kept)
        {
            T n = T.Zero;
            foreach (var k in kept.ReadOnlySpan) n += k;
            return n;
        }
    }

    /// <summary>
    /// Cross entropy against a tensor target, as PyTorch 1.13's <c>cross_entropy</c> decides: a target of the logits'
    /// exact shape holds class probabilities; any other shape holds class indices as whole-number values (read as
    /// <see cref="CrossEntropy{T}(Tensor{T}, ReadOnlySpan{int}, Reduction, Tensor{T}, int, double)"/>'s indices).
    /// </summary>
    /// <remarks>
    /// With probabilities p (PyTorch's <c>cross_entropy_loss_prob_target</c>): per element
    /// <c>-Σ_c w[c]·p'[c]·log softmax(x)[c]</c> with <c>p' = (1 - ε)·p + ε/C</c>; Mean divides by the number of
    /// elements without the class dim (N·d1·..., not the weights). Derivative in the logits
    /// <c>softmax(x)·Σ_c w[c]p'[c] - w·p'</c>, and in the probabilities <c>-(1 - ε)·w·log softmax(x)</c> (the target is
    /// differentiable, as in PyTorch). ignoreIndex must stay negative with probabilities (PyTorch refuses it too).
    /// </remarks>
    /// <param name="logits">Unnormalized scores, classes along dim 1 (dim 0 for [C]).</param>
    /// <param name="target">Probabilities of the logits' shape, or class indices (whole numbers) of any other shape.</param>
    /// <param name="reduction">Mean (the default), Sum or None.</param>
    /// <param name="weight">Optional weight per class, shape [C], finite and non-negative; a constant (no gradient).</param>
    /// <param name="ignoreIndex">For indices, a target equal to it contributes nothing (default -100); must be negative with probabilities.</param>
    /// <param name="labelSmoothing">ε in [0, 1] (default 0).</param>
    /// <exception cref="ArgumentException">A target value is not a whole number, ignoreIndex is not negative with probabilities, or see the other overload.</exception>
    /// <exception cref="ArgumentOutOfRangeException">See the other overload.</exception>
    public static Tensor<T> CrossEntropy<T>(Tensor<T> logits, Tensor<T> target, Reduction reduction = Reduction.Mean,
        Tensor<T>? weight = null, int ignoreIndex = -100, double labelSmoothing = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        if (logits.Rank == 0 || logits.Shape != target.Shape)
            return CrossEntropy(logits, LossHelpers.ClassIndices("CrossEntropyLoss", target), reduction, weight, ignoreIndex, labelSmoothing);

        LossHelpers.Check(reduction);
        LossHelpers.CheckLabelSmoothing("CrossEntropyLoss", labelSmoothing);
        if (ignoreIndex >= 0)
            throw new ArgumentException(
                $"CrossEntropyLoss: ignoreIndex ({ignoreIndex}) is not supported with class-probability targets (a target of the " +
                $"logits' shape {logits.Shape}); leave it at -100, or pass class indices.", nameof(ignoreIndex));
        int classDim = logits.Rank == 1 ? 0 : 1;
        int c = logits.Shape[classDim];
        ClassTargets<T>.CheckWeight("CrossEntropyLoss", weight, c);
        if (reduction == Reduction.Mean && logits.Length == 0)
            throw new ArgumentException(
                $"CrossEntropyLoss: the batch is empty (logits of shape {logits.Shape}): the mean over no samples is undefined; " +
                "skip empty batches, or pass Reduction.Sum (0 when empty) or Reduction.None.", nameof(logits));

        var logProbabilities = LogSoftmax(logits, classDim);
        var p = labelSmoothing > 0 ? target * T.CreateChecked(1 - labelSmoothing) + T.CreateChecked(labelSmoothing / c) : target;
        var product = logProbabilities * p;
        if (weight is not null) product = product * ClassTargets<T>.AlongClassDim(weight, logits.Rank);
        return reduction switch
        {
            Reduction.Mean => -product.Sum() / T.CreateChecked(logits.Length / c),
            Reduction.Sum => -product.Sum(),
            _ => -product.Sum(classDim),
        };
    }

    /// <summary>
    /// Negative log-likelihood of log-probabilities against class indices (PyTorch 1.13's <c>nll_loss</c>): per element
    /// <c>-w[t]·input[t]</c>, 0 where <c>t == ignoreIndex</c>, reduced.
    /// </summary>
    /// <remarks>
    /// <para>Shapes: input [N, C] with N indices, [C] with one, or [N, C, d1, ...] with N·d1·... indices in row-major
    /// order of [N, d1, ...] (the target's shape is inferred from the input's: it is the input's without dim 1, which is
    /// also the shape of Reduction.None's per-element losses, [] for an input [C]).</para>
    /// <para>Mean divides by the sum of the weights of the non-ignored targets (NaN when every target is ignored, as in
    /// PyTorch 1.13). Derivative: <c>-w[t]</c> at each target's class (divided by that sum for the mean), 0 elsewhere;
    /// the loss is linear in the input, so its second derivative is 0. Only the target entries are read: a -inf
    /// log-probability of another class does not make the loss NaN.</para>
    /// </remarks>
    /// <param name="input">Log-probabilities (e.g. of <see cref="LogSoftmax{T}"/>), classes along dim 1 (dim 0 for [C]).</param>
    /// <param name="target">The class indices, each in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="weight">Optional weight per class, shape [C], finite and non-negative; a constant (no gradient).</param>
    /// <param name="ignoreIndex">A target equal to it contributes nothing (default -100).</param>
    /// <param name="reduction">Mean (the default), Sum or None.</param>
    /// <exception cref="ArgumentException">The shapes do not fit, the weight is not [C], or there are no targets and the reduction is Mean.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target index is outside [0, C) and not ignoreIndex, or a weight is negative or not finite.</exception>
    public static Tensor<T> NllLoss<T>(Tensor<T> input, ReadOnlySpan<int> target, Tensor<T>? weight = null, int ignoreIndex = -100,
        Reduction reduction = Reduction.Mean)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        ClassTargets<T>.Build("NllLoss", input, target, weight, ignoreIndex, reduction).Nll(input, reduction);

    /// <summary>
    /// Binary cross entropy of probabilities (PyTorch 1.13's <c>binary_cross_entropy</c>): per element
    /// <c>-w·(t·log x + (1 - t)·log(1 - x))</c>, each log clamped at -100 (so x = 0 or 1 gives at most 100·w), reduced.
    /// </summary>
    /// <remarks>
    /// Derivatives as PyTorch's: in the input <c>w·(x - t) / max(x(1 - x), 1e-12)</c> (finite at 0 and 1), in the target
    /// <c>w·(log(1 - x) - log x)</c> (infinite at x = 0 or 1, as in PyTorch); times the upstream gradient, divided by the
    /// number of elements for the mean. The target is not checked (PyTorch 1.13 does not either). For logits, use
    /// <see cref="BinaryCrossEntropyWithLogits{T}"/>, which is stable where <c>Sigmoid</c> then this one saturates.
    /// </remarks>
    /// <param name="input">Probabilities, each in [0, 1].</param>
    /// <param name="target">The targets, of the input's shape (usually in [0, 1]).</param>
    /// <param name="weight">Optional weight broadcast to the input's shape, finite and non-negative; a constant (no gradient).</param>
    /// <param name="reduction">Mean (the default), Sum or None.</param>
    /// <exception cref="ArgumentException">The shapes differ, the weight does not broadcast to the input's shape, or the input is empty and the reduction is Mean.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input element is outside [0, 1] (or NaN), or a weight is negative or not finite.</exception>
    public static Tensor<T> BinaryCrossEntropy<T>(Tensor<T> input, Tensor<T> target, Tensor<T>? weight = null, Reduction reduction = Reduction.Mean)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        LossHelpers.CheckSameShape("BceLoss", input, target);
        LossHelpers.Check(reduction);
        LossHelpers.CheckNotEmptyForMean("BceLoss", input, reduction);
        var x = input.ReadOnlySpan;
        for (int i = 0; i < x.Length; i++)
            if (!(x[i] >= T.Zero && x[i] <= T.One))
                throw new ArgumentOutOfRangeException(nameof(input),
                    $"BceLoss: all elements of input should be between 0 and 1, but element {i} is {x[i]}; BCE takes " +
                    "probabilities: apply Sigmoid first, or use BinaryCrossEntropyWithLogits on the logits.");
        if (weight is not null)
        {
            if (!LossHelpers.BroadcastsTo(weight.Shape, input.Shape))
                throw new ArgumentException(
                    $"BceLoss: weight of shape {weight.Shape} does not broadcast to the input's shape {input.Shape}; give it the " +
                    "input's shape or one that broadcasts to it (e.g. [1, C] or [N, 1]).", nameof(weight));
            ClassTargets<T>.CheckWeightValues("BceLoss", weight);
        }
        var loss = BinaryCrossEntropyFunction<T>.Apply(input, target);
        return LossHelpers.Reduce(weight is null ? loss : loss * weight, reduction);
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
