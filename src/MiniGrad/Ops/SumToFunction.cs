using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>
/// Sums a tensor down to a shape it was broadcast from (the backward of every broadcasting op).
/// Backward: the gradient stretched back up (<see cref="ExpandFunction{T}"/>).
/// </summary>
internal sealed class SumToFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private SumToFunction()
    {
    }

    // PyTorch's sum_to_size, and the sums its broadcasting backward records, are sums along dims: SumBackward1.
    public override string Name => "Sum";

    internal override int PyTorchOverload => 1;

    // Backward needs only the input's shape, so writing into the input after the forward pass is harmless.
    protected internal override bool SavesInput(int index) => false;

    public static Tensor<T> Apply(Tensor<T> x, TensorShape shape)
    {
        if (x.Shape == shape) return x;
        if (Broadcasting.ResultShape("sum_to", x.Shape, shape) != x.Shape)
            throw new ArgumentException($"sum_to: shape {x.Shape} cannot be summed down to {shape}: {shape} does not broadcast to it.");
        var y = Tensor<T>.Allocate(shape, clear: false);
        Broadcasting.SumTo(x.ReadOnlySpan, x.Shape, y.Span, shape);
        return Tape.ShouldRecord(x) ? Tape.Record(new SumToFunction<T>(), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) => [g.Expand(Inputs[0].Shape)];
}
