using System.Globalization;
using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Class-index targets checked against an input of shape [C], [N, C] or [N, C, d1, ...] and turned into constant
/// tensors, so that the negative log-likelihood is composed from existing ops (it is linear in the input, so its
/// gradients of any order come for free): <see cref="Pick"/> is 1 at each non-ignored target's class and 0 elsewhere,
/// <see cref="Weights"/> is the target class's weight there and 0 elsewhere, <see cref="Kept"/> (the per-element loss's
/// shape) is 1 where the target is not ignored. Everything is checked before anything is recorded.
/// </summary>
internal sealed class ClassTargets<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private ClassTargets(int classDim, int classes, TensorShape lossShape, Tensor<T> pick, Tensor<T> weights, Tensor<T> kept, T totalWeight)
    {
        ClassDim = classDim;
        Classes = classes;
        LossShape = lossShape;
        Pick = pick;
        Weights = weights;
        Kept = kept;
        TotalWeight = totalWeight;
    }

    /// <summary>0 for an input [C], else 1.</summary>
    public int ClassDim { get; }

    /// <summary>C.</summary>
    public int Classes { get; }

    /// <summary>The shape of the per-element losses: the input's without the class dim ([] for an input [C]).</summary>
    public TensorShape LossShape { get; }

    /// <summary>1 at (sample, target class) for each non-ignored target, else 0; the input's shape.</summary>
    public Tensor<T> Pick { get; }

    /// <summary>The target class's weight where <see cref="Pick"/> is 1, else 0; the input's shape.</summary>
    public Tensor<T> Weights { get; }

    /// <summary>1 where the target is not ignored, else 0; shape <see cref="LossShape"/>.</summary>
    public Tensor<T> Kept { get; }

    /// <summary>The sum of the weights of the non-ignored targets: the divisor of the mean.</summary>
    public T TotalWeight { get; }

    /// <summary>
    /// Checks <paramref name="target"/> against <paramref name="input"/>'s shape (one index per element of the input
    /// without its class dim, row-major, each in [0, C) or equal to <paramref name="ignoreIndex"/>), and the weight.
    /// </summary>
    public static ClassTargets<T> Build(string op, Tensor<T> input, ReadOnlySpan<int> target, Tensor<T>? weight, int ignoreIndex,
        Reduction reduction, string inputName = "input")
    {
        ArgumentNullException.ThrowIfNull(input, inputName);
        LossHelpers.Check(reduction);
        if (input.Rank == 0)
            throw new ArgumentException(
                $"{op}: the {inputName} must have shape [C], [N, C] or [N, C, d1, ...] (classes along dim 1), got a 0-d tensor [].", inputName);
        int classDim = input.Rank == 1 ? 0 : 1;
        int c = input.Shape[classDim];
        var lossShape = input.Shape.Without(classDim);
        int count = lossShape.Length;
        if (target.Length != count)
            throw new ArgumentException(
                $"{op}: {inputName} of shape {input.Shape} needs {count} target class indices (one per element of shape {lossShape}, " +
                $"row-major), got {target.Length}.", nameof(target));
        var w = CheckWeight(op, weight, c);
        for (int k = 0; k < count; k++)
            if ((uint)target[k] >= (uint)c && target[k] != ignoreIndex)
                throw new ArgumentOutOfRangeException(nameof(target),
                    $"{op}: target[{k}] = {target[k]} is not a class index in [0, {c}) for {inputName} of shape {input.Shape}, " +
                    $"nor the ignoreIndex ({ignoreIndex}).");
        if (reduction == Reduction.Mean && count == 0)
            throw new ArgumentException(
                $"{op}: the batch is empty ({inputName} of shape {input.Shape}): the mean over no samples is undefined; skip empty " +
                "batches, or pass Reduction.Sum (0 when empty) or Reduction.None.", inputName);

        var pick = Tensor<T>.Zeros(input.Shape);
        var weights = Tensor<T>.Zeros(input.Shape);
        var kept = Tensor<T>.Zeros(lossShape);
        var ps = pick.Span;
        var ws = weights.Span;
        var ks = kept.Span;
        int inner = classDim == 0 ? 1 : count / Math.Max(input.Shape[0], 1);
        T total = T.Zero;
        for (int k = 0; k < count; k++)
        {
            if (target[k] == ignoreIndex) continue;
            int n = k / inner, j = k % inner;
            int at = (n * c + target[k]) * inner + j;
            T wk = w is null ? T.One : w[target[k]];
            ps[at] = T.One;
            ws[at] = wk;
            ks[k] = T.One;
            total += wk;
        }
        return new ClassTargets<T>(classDim, c, lossShape, pick, weights, kept, total);
    }

    /// <summary>
    /// The per-class weight's values, or null: it must be a vector of C finite, non-negative numbers that does not
    /// require grad (PyTorch's losses are not differentiable in their weight).
    /// </summary>
    public static T[]? CheckWeight(string op, Tensor<T>? weight, int classes)
    {
        if (weight is null) return null;
        if (weight.Rank != 1 || weight.Length != classes)
            throw new ArgumentException(
                $"{op}: weight must hold one number per class, shape [{classes}], got shape {weight.Shape}.", nameof(weight));
        CheckWeightValues(op, weight);
        return weight.ToArray();
    }

    /// <summary>Throws unless every weight is finite and non-negative and the weight does not require grad.</summary>
    public static void CheckWeightValues(string op, Tensor<T> weight)
    {
        if (weight.RequiresGrad)
            throw new ArgumentException(
                $"{op}: weight requires grad, but the loss is not differentiable with respect to its weight (as in PyTorch); " +
                "pass weight.Detach().", nameof(weight));
        var s = weight.ReadOnlySpan;
        for (int i = 0; i < s.Length; i++)
            if (!T.IsFinite(s[i]) || s[i] < T.Zero)
                throw new ArgumentOutOfRangeException(nameof(weight),
                    string.Create(CultureInfo.InvariantCulture,
                        $"{op}: weight[{i}] = {double.CreateChecked(s[i])}; every weight must be finite and non-negative."));
    }

    /// <summary>The per-class weight shaped to broadcast along the class dim of an input of rank <paramref name="rank"/>.</summary>
    public static Tensor<T> AlongClassDim(Tensor<T> weight, int rank)
    {
        if (rank <= 1) return weight;
        var dims = new int[rank];
        Array.Fill(dims, 1);
        dims[1] = weight.Length;
        return weight.Reshape(dims);
    }

    /// <summary>
    /// The per-element negative log-likelihood <c>-w[t]·input[t]</c> (0 where ignored), shape <see cref="LossShape"/>.
    /// Only the target's entry of each row is read (Where), so a -inf log-probability of another class gives no NaN.
    /// </summary>
    public Tensor<T> PerElement(Tensor<T> input) =>
        -(Tensor.Where(Pick, input, Tensor<T>.Scalar(T.Zero)) * Weights).Sum(ClassDim);

    /// <summary>The negative log-likelihood reduced: the mean divides by <see cref="TotalWeight"/> (NaN when it is 0, as in PyTorch 1.13).</summary>
    public Tensor<T> Nll(Tensor<T> input, Reduction reduction)
    {
        var perElement = PerElement(input);
        return reduction switch
        {
            Reduction.Mean => perElement.Sum() / TotalWeight,
            Reduction.Sum => perElement.Sum(),
            _ => perElement,
        };
    }
}
