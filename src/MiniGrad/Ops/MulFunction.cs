using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary><c>y = a * b</c> elementwise with broadcasting. Backward: <c>g * b</c> to a and <c>g * a</c> to b.</summary>
internal sealed class MulFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private MulFunction()
    {
    }

    public override string Name => "Mul";

    public static Tensor<T> Apply(Tensor<T> a, Tensor<T> b)
    {
        var y = BinaryArithmetic.Forward<MultiplyOperator<T>, T>("mul", a, b);
        return Tape.ShouldRecord(a, b) ? Tape.Record(new MulFunction<T>(), y, a, b) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var (a, b) = (Inputs[0], Inputs[1]);
        return
        [
            needs[0] ? (g * b).SumTo(a.Shape) : null,
            needs[1] ? (g * a).SumTo(b.Shape) : null,
        ];
    }
}
