using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>
/// Stretches a tensor to a broadcast shape (a copy: MiniGrad tensors are contiguous).
/// Backward: the gradient summed back down (<see cref="SumToFunction{T}"/>).
/// </summary>
internal sealed class ExpandFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private ExpandFunction()
    {
    }

    public override string Name => "Expand";

    // Backward needs only the input's shape, so writing into the input after the forward pass is harmless.
    protected internal override bool SavesInput(int index) => false;

    public static Tensor<T> Apply(Tensor<T> x, TensorShape shape)
    {
        if (x.Shape == shape) return x;
        if (Broadcasting.ResultShape("expand", x.Shape, shape) != shape)
            throw new ArgumentException($"expand: shape {x.Shape} cannot be expanded to {shape}.");
        var y = Tensor<T>.Allocate(shape, clear: false);
        Broadcasting.Expand(x.ReadOnlySpan, x.Shape, y.Span, shape);
        return Tape.ShouldRecord(x) ? Tape.Record(new ExpandFunction<T>(), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) => [g.SumTo(Inputs[0].Shape)];
}
