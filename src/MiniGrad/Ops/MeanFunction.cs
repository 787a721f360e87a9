using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>
/// The mean of all elements (a rank-0 result), or along one dim (kept as size 1 with keepDim): the sum divided by
/// the count, recorded as one entry as PyTorch records it (<c>MeanBackward0</c>, or <c>MeanBackward1</c> along a
/// dim). Backward: <c>g / N</c> stretched back over the averaged elements.
/// </summary>
/// <remarks>
/// The numbers are those of <c>Sum()</c> then <c>/ N</c>, forward and backward; one entry instead of two keeps the
/// printed tape and graph the ones a PyTorch user expects.
/// </remarks>
internal sealed class MeanFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int? dim;
    private readonly int count;

    private MeanFunction(int? dim, int count) => (this.dim, this.count) = (dim, count);

    public override string Name => "Mean";

    // Backward needs only the input's shape, so writing into the input after the forward pass is harmless.
    protected internal override bool SavesInput(int index) => false;

    public override string Arguments => dim is null ? "" : $"dim={dim}";

    internal override int PyTorchOverload => dim is null ? 0 : 1;

    public static Tensor<T> Apply(Tensor<T> x)
    {
        // The mean of nothing is 0/0: NaN, as PyTorch gives (a loss checks for an empty batch itself).
        var y = Tensor<T>.Allocate(new TensorShape(), clear: false);
        y.Span[0] = Reductions.Sum(x.ReadOnlySpan) / T.CreateChecked(x.Length);
        return Tape.ShouldRecord(x) ? Tape.Record(new MeanFunction<T>(null, x.Length), y, x) : y;
    }

    public static Tensor<T> Apply(Tensor<T> x, int dim, bool keepDim)
    {
        int d = x.Shape.NormalizeDim(dim, "mean"), n = x.Shape.Dims[d];
        var y = SumFunction<T>.AlongDim(x, d, keepDim);
        System.Numerics.Tensors.TensorPrimitives.Divide(y.Span, T.CreateChecked(n), y.Span);
        return Tape.ShouldRecord(x) ? Tape.Record(new MeanFunction<T>(d, n), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) =>
        [SumFunction<T>.Spread(g / T.CreateChecked(count), Inputs[0].Shape, dim)];
}
