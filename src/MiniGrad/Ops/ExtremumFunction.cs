using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>
/// <c>torch.maximum(a, b)</c> / <c>torch.minimum(a, b)</c> elementwise with broadcasting; NaN when either is NaN.
/// Backward, as PyTorch's: the gradient goes to the operand that won, and is split in halves on a tie.
/// </summary>
internal sealed class ExtremumFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly bool maximum;

    private ExtremumFunction(bool maximum) => this.maximum = maximum;

    public override string Name => maximum ? "Maximum" : "Minimum";

    public static Tensor<T> Apply(Tensor<T> a, Tensor<T> b, bool maximum)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var shape = Broadcasting.ResultShape(maximum ? "maximum" : "minimum", a.Shape, b.Shape);
        var ab = Broadcast.To(a, shape);
        var bb = Broadcast.To(b, shape);
        var y = Tensor<T>.Allocate(shape, clear: false);
        MathFunctions.Extremum(ab.ReadOnlySpan, bb.ReadOnlySpan, maximum, y.Span);
        Broadcast.Release(ab, a);
        Broadcast.Release(bb, b);
        return Tape.ShouldRecord(a, b) ? Tape.Record(new ExtremumFunction<T>(maximum), y, a, b) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var (a, b) = (Inputs[0], Inputs[1]);
        var ab = Broadcast.To(a, g.Shape);
        var bb = Broadcast.To(b, g.Shape);
        var shareA = Tensor<T>.Allocate(g.Shape, clear: false);
        var shareB = Tensor<T>.Allocate(g.Shape, clear: false);
        GradientMasks.Extremum(ab.ReadOnlySpan, bb.ReadOnlySpan, maximum, shareA.Span, shareB.Span);
        Broadcast.Release(ab, a);
        Broadcast.Release(bb, b);
        return
        [
            needs[0] ? (g * shareA).SumTo(a.Shape) : null,
            needs[1] ? (g * shareB).SumTo(b.Shape) : null,
        ];
    }
}
