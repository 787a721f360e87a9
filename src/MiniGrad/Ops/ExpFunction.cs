using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary><c>y = exp(x)</c>. Backward: <c>g * y</c>, reusing the output instead of recomputing it.</summary>
internal sealed class ExpFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private ExpFunction()
    {
    }

    public override string Name => "Exp";

    // The derivative comes from the result, as PyTorch's saves it: the output is what must not change.
    protected internal override bool SavesInput(int index) => false;

    protected internal override bool SavesOutput => true;

    public static Tensor<T> Apply(Tensor<T> x)
    {
        var y = Tensor<T>.Allocate(x.Shape, clear: false);
        Elementwise.Exp(x.ReadOnlySpan, y.Span);
        return Tape.ShouldRecord(x) ? Tape.Record(new ExpFunction<T>(), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) => [g * Output];
}
