using System.Numerics;

namespace MiniGrad.Ops;

/// <summary>
/// Swaps two dims (a copy, so every tensor stays contiguous; matmul takes transposed operands without one).
/// Backward: the gradient with the same two dims swapped back.
/// </summary>
internal sealed class TransposeFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int dim0, dim1;

    private TransposeFunction(int dim0, int dim1) => (this.dim0, this.dim1) = (dim0, dim1);

    public override string Name => "Transpose";

    // Backward needs only the input's shape, so writing into the input after the forward pass is harmless.
    protected internal override bool SavesInput(int index) => false;

    public override string Arguments => $"dim0={dim0}, dim1={dim1}";

    public static Tensor<T> Apply(Tensor<T> x, int dim0, int dim1)
    {
        int d0 = x.Shape.NormalizeDim(dim0, "transpose"), d1 = x.Shape.NormalizeDim(dim1, "transpose");
        var shape = x.Shape.With(d0, x.Shape[d1]).With(d1, x.Shape[d0]);
        var y = Tensor<T>.Allocate(shape, clear: false);
        Kernels.Transpose.SwapDims(x.ReadOnlySpan, x.Shape, d0, d1, y.Span);
        return Tape.ShouldRecord(x) ? Tape.Record(new TransposeFunction<T>(d0, d1), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) => [g.Transpose(dim0, dim1)];
}
