using System.Numerics;
using System.Numerics.Tensors;

namespace MiniGrad.Ops;

/// <summary><c>y = -x</c>. Backward: <c>-g</c>.</summary>
internal sealed class NegFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private NegFunction()
    {
    }

    public override string Name => "Neg";

    // Backward needs only the input's shape, so writing into the input after the forward pass is harmless.
    protected internal override bool SavesInput(int index) => false;

    public static Tensor<T> Apply(Tensor<T> x)
    {
        var y = Tensor<T>.Allocate(x.Shape, clear: false);
        TensorPrimitives.Negate(x.ReadOnlySpan, y.Span);
        return Tape.ShouldRecord(x) ? Tape.Record(new NegFunction<T>(), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) => [-g];
}
