using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>
/// <c>y = condition ? a : b</c> elementwise (condition: nonzero means true; it is not differentiated).
/// Backward: <c>g</c> to a where the condition holds and to b where it does not, zero elsewhere.
/// </summary>
internal sealed class WhereFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Tensor<T> condition;

    private WhereFunction(Tensor<T> condition) => this.condition = condition;

    public override string Name => "Where";

    // Backward reads the condition it keeps, not the two inputs.
    protected internal override bool SavesInput(int index) => false;

    public static Tensor<T> Apply(Tensor<T> condition, Tensor<T> a, Tensor<T> b)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        // All three broadcast to one shape, as torch.where's.
        var shape = Broadcasting.ResultShape("where", Broadcasting.ResultShape("where", condition.Shape, a.Shape), b.Shape);
        var cb = Broadcast.To(condition, shape);
        var ab = Broadcast.To(a, shape);
        var bb = Broadcast.To(b, shape);
        var y = Tensor<T>.Allocate(shape, clear: false);
        Elementwise.Where(cb.ReadOnlySpan, ab.ReadOnlySpan, bb.ReadOnlySpan, y.Span);
        Broadcast.Release(ab, a);
        Broadcast.Release(bb, b);
        return Tape.ShouldRecord(a, b) ? Tape.Record(new WhereFunction<T>(cb), y, a, b) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var zero = Tensor<T>.ZerosLike(g);
        return
        [
            needs[0] ? Apply(condition, g, zero).SumTo(Inputs[0].Shape) : null,
            needs[1] ? Apply(condition, zero, g).SumTo(Inputs[1].Shape) : null,
        ];
    }
}
