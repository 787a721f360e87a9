using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary><c>y = a + b</c> with broadcasting. Backward: the gradient, summed over each input's broadcast dims.</summary>
internal sealed class AddFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private AddFunction()
    {
    }

    public override string Name => "Add";

    // Backward needs only the input's shape, so writing into the input after the forward pass is harmless.
    protected internal override bool SavesInput(int index) => false;

    public static Tensor<T> Apply(Tensor<T> a, Tensor<T> b)
    {
        var y = BinaryArithmetic.Forward<AddOperator<T>, T>("add", a, b);
        return Tape.ShouldRecord(a, b) ? Tape.Record(new AddFunction<T>(), y, a, b) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) =>
    [
        needs[0] ? g.SumTo(Inputs[0].Shape) : null,
        needs[1] ? g.SumTo(Inputs[1].Shape) : null,
    ];
}
