using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Per-element binary cross entropy of logits: <c>max(x, 0) - x·y + log(1 + exp(-|x|))</c>, which equals
/// <c>-[y log σ(x) + (1 - y) log(1 - σ(x))]</c> but never takes the log of 0 or exp of a large number.
/// </summary>
/// <remarks>
/// Backward is fused: <c>∂/∂x = σ(x) - y</c> and <c>∂/∂y = -x</c>. Composing the stable forward from max, abs and
/// log would give the wrong gradient at x = 0 (the kinks of max and |x| cancel only in exact arithmetic of the
/// one-sided derivatives), and would be slower. Recorded backward (<c>createGraph</c>) uses tensor ops instead.
/// </remarks>
internal sealed class BceWithLogitsFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private BceWithLogitsFunction()
    {
    }

    public override string Name => "BceWithLogits";

    public static Tensor<T> Apply(Tensor<T> logits, Tensor<T> target)
    {
        LossHelpers.CheckSameShape("BceWithLogitsLoss", logits, target);
        var y = Tensor<T>.Allocate(logits.Shape, clear: false);
        var x = logits.ReadOnlySpan;
        var t = target.ReadOnlySpan;
        var ys = y.Span;
        for (int i = 0; i < ys.Length; i++)
            ys[i] = T.Max(x[i], T.Zero) - x[i] * t[i] + T.LogP1(T.Exp(-T.Abs(x[i])));
        return Tape.ShouldRecord(logits, target) ? Tape.Record(new BceWithLogitsFunction<T>(), y, logits, target) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var (x, t) = (Inputs[0], Inputs[1]);
        if (Tape.IsGradEnabled)
        {
            // Functional.Sigmoid, not 1/(e^-x + 1): the latter's derivative is ∞/∞ = NaN once e^-x overflows (x < -88.7 in
            // float), which a second-order pass would meet.
            var sigmoid = Functional.Sigmoid(x);
            return [needs[0] ? (sigmoid - t) * g : null, needs[1] ? -x * g : null];
        }

        Tensor<T>? gx = null, gt = null;
        var xs = x.ReadOnlySpan;
        var ts = t.ReadOnlySpan;
        var gs = g.ReadOnlySpan;
        if (needs[0])
        {
            gx = Tensor<T>.Allocate(x.Shape, clear: false);
            var d = gx.Span;
            for (int i = 0; i < d.Length; i++) d[i] = (Sigmoid(xs[i]) - ts[i]) * gs[i];
        }
        if (needs[1])
        {
            gt = Tensor<T>.Allocate(t.Shape, clear: false);
            var d = gt.Span;
            for (int i = 0; i < d.Length; i++) d[i] = -xs[i] * gs[i];
        }
        return [gx, gt];
    }

    /// <summary>σ(x) without overflow for either sign.</summary>
    private static T Sigmoid(T x)
    {
        if (x >= T.Zero) return T.One / (T.One + T.Exp(-x));
        T e = T.Exp(x);
        return e / (T.One + e);
    }
}
