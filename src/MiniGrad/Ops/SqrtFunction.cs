using System.Numerics;
using System.Numerics.Tensors;

namespace MiniGrad.Ops;

/// <summary><c>y = sqrt(x)</c>. Backward: <c>g / (2 y)</c>, reusing the output.</summary>
internal sealed class SqrtFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private SqrtFunction()
    {
    }

    public override string Name => "Sqrt";

    // The derivative comes from the result, as PyTorch's saves it: the output is what must not change.
    protected internal override bool SavesInput(int index) => false;

    protected internal override bool SavesOutput => true;

    public static Tensor<T> Apply(Tensor<T> x)
    {
        var y = Tensor<T>.Allocate(x.Shape, clear: false);
        TensorPrimitives.Sqrt(x.ReadOnlySpan, y.Span);
        return Tape.ShouldRecord(x) ? Tape.Record(new SqrtFunction<T>(), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) =>
        [g / (Output * T.CreateChecked(2))];
}
