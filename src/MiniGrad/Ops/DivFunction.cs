using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>
/// <c>y = a / b</c> elementwise with broadcasting. Backward: <c>g / b</c> to a and <c>-g * (a / b) / b</c> to b
/// (PyTorch's order of operations, which stays finite where <c>b * b</c> would overflow).
/// </summary>
internal sealed class DivFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private DivFunction()
    {
    }

    public override string Name => "Div";

    public static Tensor<T> Apply(Tensor<T> a, Tensor<T> b)
    {
        var y = BinaryArithmetic.Forward<DivideOperator<T>, T>("div", a, b);
        return Tape.ShouldRecord(a, b) ? Tape.Record(new DivFunction<T>(), y, a, b) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var (a, b) = (Inputs[0], Inputs[1]);
        return
        [
            needs[0] ? (g / b).SumTo(a.Shape) : null,
            needs[1] ? (-g * (a / b / b)).SumTo(b.Shape) : null,
        ];
    }
}
