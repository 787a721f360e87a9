using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Per-sample cross entropy of logits [N, C] against class indices: <c>lossᵢ = logsumexp(xᵢ) - xᵢ[targetᵢ]</c>, with
/// the log-sum-exp taken around the row maximum so that large logits do not overflow.
/// </summary>
/// <remarks>
/// Backward is fused: the gradient of <c>-log softmax(x)[t]</c> is <c>softmax(x) - onehot(t)</c>, one pass per row.
/// Composing log-softmax and a gather would build the log of tiny probabilities and several temporaries; the fused
/// form is exact, stable and cheap. When the backward pass is itself recorded (<c>createGraph</c>) the same formula
/// is built from tensor ops so that it can be differentiated again.
/// </remarks>
internal sealed class CrossEntropyFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int[] target;

    private CrossEntropyFunction(int[] target) => this.target = target;

    public override string Name => "CrossEntropy";

    public static Tensor<T> Apply(Tensor<T> logits, ReadOnlySpan<int> target)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Rank != 2)
            throw new ArgumentException($"CrossEntropyLoss: logits must have shape [N, C], got {logits.Shape}.", nameof(logits));
        int n = logits.Shape[0], c = logits.Shape[1];
        if (target.Length != n)
            throw new ArgumentException(
                $"CrossEntropyLoss: logits shape {logits.Shape} has {n} rows but the target holds {target.Length} class indices (shape [{target.Length}]).",
                nameof(target));
        for (int i = 0; i < n; i++)
            if ((uint)target[i] >= (uint)c)
                throw new ArgumentOutOfRangeException(nameof(target),
                    $"CrossEntropyLoss: target[{i}] = {target[i]} is not a class index in [0, {c}) for logits of shape {logits.Shape}.");

        var y = Tensor<T>.Allocate(new TensorShape(n), clear: false);
        var x = logits.ReadOnlySpan;
        var ys = y.Span;
        for (int i = 0; i < n; i++)
        {
            var row = x.Slice(i * c, c);
            var (m, sum) = MaxAndSumExp(row);
            // -log_softmax(x)[t] = log Σ exp(x - m) - (x[t] - m): no large terms cancel, as in PyTorch's log_softmax.
            // A row whose maximum is not finite (+inf, NaN, or all -inf) gives NaN, as PyTorch's log_softmax: its
            // exp(x - max) is exp(inf - inf) there.
            ys[i] = T.IsFinite(m) ? T.Log(sum) - (row[target[i]] - m) : T.NaN;
        }
        return Tape.ShouldRecord(logits) ? Tape.Record(new CrossEntropyFunction<T>(target.ToArray()), y, logits) : y;
    }

    /// <summary>The row maximum m and <c>Σ exp(row - m)</c> (m may be infinite or NaN; then the sum is meaningless).</summary>
    internal static (T Max, T SumExp) MaxAndSumExp(ReadOnlySpan<T> row)
    {
        T m = RowMax(row);
        if (!T.IsFinite(m)) return (m, T.One);
        T s = T.Zero;
        foreach (var v in row) s += T.Exp(v - m);
        return (m, s);
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var x = Inputs[0];
        int n = x.Shape[0], c = x.Shape[1];
        var onehot = Tensor<T>.Zeros(x.Shape);
        var oh = onehot.Span;
        for (int i = 0; i < n; i++) oh[i * c + target[i]] = T.One;

        if (Tape.IsGradEnabled)
        {
            // Recorded backward (createGraph): the same softmax - onehot from tensor ops. The row maximum is a constant:
            // softmax does not depend on the shift, so treating it as one leaves every derivative exact.
            var max = Tensor<T>.Allocate(new TensorShape(n, 1), clear: false);
            var ms = max.Span;
            for (int i = 0; i < n; i++)
            {
                T m = RowMax(x.ReadOnlySpan.Slice(i * c, c));
                // A non-finite maximum makes the whole row NaN, as the unrecorded path and PyTorch.
                ms[i] = T.IsFinite(m) ? m : T.NaN;
            }
            var e = (x - max).Exp();
            var p = e / e.Sum(1, keepDim: true);
            return [(p - onehot) * g.Reshape(n, 1)];
        }

        var grad = Tensor<T>.Allocate(x.Shape, clear: false);
        var xs = x.ReadOnlySpan;
        var gs = g.ReadOnlySpan;
        var d = grad.Span;
        for (int i = 0; i < n; i++)
        {
            var row = xs.Slice(i * c, c);
            var drow = d.Slice(i * c, c);
            var (m, sum) = MaxAndSumExp(row);
            if (!T.IsFinite(m))
            {
                drow.Fill(T.NaN); // as the forward: PyTorch's softmax of such a row is NaN throughout
                continue;
            }
            // softmax as exp(x - m) / Σ: exact to rounding even when the logits are huge (exp(x - logsumexp) is not).
            for (int j = 0; j < c; j++) drow[j] = (T.Exp(row[j] - m) / sum - oh[i * c + j]) * gs[i];
        }
        return [grad];
    }

    /// <summary>The row's maximum, NaN if any element is (-inf for an empty or all -inf row).</summary>
    private static T RowMax(ReadOnlySpan<T> row)
    {
        T m = T.NegativeInfinity;
        foreach (var v in row) if (v > m || T.IsNaN(v)) m = v;
        return m;
    }
}
