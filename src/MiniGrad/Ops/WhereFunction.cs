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
        if (condition.Shape != a.Shape || a.Shape != b.Shape)
            throw new ArgumentException(
                $"where: condition {condition.Shape}, a {a.Shape} and b {b.Shape} must have one shape; expand the operands first.");
        var y = Tensor<T>.Allocate(a.Shape, clear: false);
        Elementwise.Where(condition.ReadOnlySpan, a.ReadOnlySpan, b.ReadOnlySpan, y.Span);
        return Tape.ShouldRecord(a, b) ? Tape.Record(new WhereFunction<T>(condition), y, a, b) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var zero = Tensor<T>.ZerosLike(g);
        return
        [
            needs[0] ? Apply(condition, g, zero) : null,
            needs[1] ? Apply(condition, zero, g) : null,
        ];
    }
}
