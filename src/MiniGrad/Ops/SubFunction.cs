using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>
/// <c>y = a - b</c> with broadcasting. Backward: <c>g</c> to a, <c>-g</c> to b, each summed to its shape.
/// A primitive rather than <c>a + (-b)</c> because the loss of every regression step runs through it: one pass, no temporary.
/// </summary>
internal sealed class SubFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private SubFunction()
    {
    }

    public override string Name => "Sub";

    // Backward needs only the input's shape, so writing into the input after the forward pass is harmless.
    protected internal override bool SavesInput(int index) => false;

    public static Tensor<T> Apply(Tensor<T> a, Tensor<T> b)
    {
        var y = BinaryArithmetic.Forward<SubtractOperator<T>, T>("sub", a, b);
        return Tape.ShouldRecord(a, b) ? Tape.Record(new SubFunction<T>(), y, a, b) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) =>
    [
        needs[0] ? g.SumTo(Inputs[0].Shape) : null,
        needs[1] ? (-g).SumTo(Inputs[1].Shape) : null,
    ];
}
