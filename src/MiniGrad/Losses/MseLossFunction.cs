using CommunityToolkit.HighPerformance.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace MiniGrad.Nn;

/// <summary>
/// Mean (or sum) squared error in one tape entry, recorded as PyTorch records <c>mse_loss</c> (<c>MseLossBackward0</c>):
/// <c>L = Σ (p - t)² / N</c> (N = 1 for a sum). Backward, as PyTorch's <c>mse_loss_backward</c>:
/// <c>∂L/∂p = (p - t) · (2 / N) · g</c> and <c>∂L/∂t = -∂L/∂p</c>.
/// </summary>
/// <remarks>
/// Fused because Sub, Mul, Sum and Div are four tape entries, four buffers and a scalar constant for what is one pass
/// forward and one pass backward. The forward keeps the composed ops' arithmetic (difference, square, the same
/// vectorized sum, one division), so the loss is the same to the last bit. Recorded backward (<c>createGraph</c>) uses
/// tensor ops instead, with the same arithmetic.
/// </remarks>
internal sealed class MseLossFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int divisor;

    private MseLossFunction(int divisor) => this.divisor = divisor;

    public override string Name => "MseLoss";

    public override string Arguments => divisor == 1 ? "reduction: Sum" : "";

    /// <summary>The loss reduced by <paramref name="reduction"/>, which must be Mean or Sum.</summary>
    public static Tensor<T> Apply(Tensor<T> prediction, Tensor<T> target, Reduction reduction)
    {
        LossHelpers.CheckSameShape("MseLoss", prediction, target);
        int n = prediction.Length;
        int divisor = reduction == Reduction.Mean ? n : 1;
        var y = Tensor<T>.Allocate(new TensorShape(), clear: false);
        using var scratch = SpanOwner<T>.Allocate(n);
        var d = scratch.Span;
        TensorPrimitives.Subtract(prediction.ReadOnlySpan, target.ReadOnlySpan, d);
        TensorPrimitives.Multiply(d, d, d);
        T sum = Kernels.Reductions.Sum<T>(d);
        // Mean of nothing is NaN, as in PyTorch (0 / 0).
        y.Span[0] = divisor == 1 ? sum : sum / T.CreateChecked(divisor);
        return Tape.ShouldRecord(prediction, target)
            ? Tape.Record(new MseLossFunction<T>(divisor), y, prediction, target)
            : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var (p, t) = (Inputs[0], Inputs[1]);
        T norm = T.CreateChecked(2) / T.CreateChecked(divisor);
        if (Tape.IsGradEnabled)
        {
            var dp = (p - t) * norm * g;
            return [needs[0] ? dp : null, needs[1] ? -dp : null];
        }

        var gp = Tensor<T>.Allocate(p.Shape, clear: false);
        var s = gp.Span;
        TensorPrimitives.Subtract(p.ReadOnlySpan, t.ReadOnlySpan, s);
        TensorPrimitives.Multiply(s, norm, s);
        TensorPrimitives.Multiply(s, g.ReadOnlySpan[0], s);
        Tensor<T>? gt = null;
        if (needs[1])
        {
            gt = Tensor<T>.Allocate(t.Shape, clear: false);
            TensorPrimitives.Negate(gp.ReadOnlySpan, gt.Span);
        }
        if (needs[0]) return [gp, gt];
        gp.Dispose();
        return [null, gt];
    }
}
