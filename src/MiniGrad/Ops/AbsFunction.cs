using System.Numerics;
using System.Numerics.Tensors;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary><c>y = |x|</c>. Backward: <c>g * sign(x)</c>, so the gradient at the kink x = 0 is 0, as in PyTorch.</summary>
internal sealed class AbsFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private AbsFunction()
    {
    }

    public override string Name => "Abs";

    public static Tensor<T> Apply(Tensor<T> x)
    {
        var y = Tensor<T>.Allocate(x.Shape, clear: false);
        TensorPrimitives.Abs(x.ReadOnlySpan, y.Span);
        return Tape.ShouldRecord(x) ? Tape.Record(new AbsFunction<T>(), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var x = Inputs[0];
        var sign = Tensor<T>.Allocate(x.Shape, clear: false);
        Elementwise.Sign(x.ReadOnlySpan, sign.Span);
        return [g * sign];
    }
}
