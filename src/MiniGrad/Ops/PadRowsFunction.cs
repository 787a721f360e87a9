using System.Numerics;

namespace MiniGrad.Ops;

/// <summary>
/// Places a tensor as rows <c>[start, start + n)</c> of a zero tensor with <c>totalRows</c> rows (the backward of
/// a row slice). Backward: the slice of the gradient at those rows.
/// </summary>
internal sealed class PadRowsFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int start;

    private PadRowsFunction(int start) => this.start = start;

    // The backward of a slice, recorded when a backward pass is (createGraph): PyTorch's SliceBackwardBackward0.
    public override string Name => "SliceBackward";

    // Backward needs only the input's shape, so writing into the input after the forward pass is harmless.
    protected internal override bool SavesInput(int index) => false;

    public override string Arguments => $"start={start}";

    public static Tensor<T> Apply(Tensor<T> x, int start, int totalRows)
    {
        int n = x.Shape[0];
        if (start < 0 || start > totalRows - n)
            throw new ArgumentOutOfRangeException(nameof(start), $"pad_rows: rows [{start}, {start + n}) do not fit in {totalRows} rows.");
        var y = Tensor<T>.Zeros(x.Shape.With(0, totalRows));
        int rowLength = n == 0 ? 0 : x.Length / n;
        x.ReadOnlySpan.CopyTo(y.Span.Slice(start * rowLength, x.Length));
        return Tape.ShouldRecord(x) ? Tape.Record(new PadRowsFunction<T>(start), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) =>
        [SliceRowsFunction<T>.Apply(g, start, Inputs[0].Shape[0])];
}
