using System.Numerics;

namespace MiniGrad.Ops;

/// <summary>
/// Rows <c>[start, start + count)</c> along dim 0 as a view sharing the buffer.
/// Backward: the gradient placed back into those rows of a zero tensor (<see cref="PadRowsFunction{T}"/>).
/// </summary>
internal sealed class SliceRowsFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int start;

    private SliceRowsFunction(int start) => this.start = start;

    // x[a:b] is a slice in PyTorch: SliceBackward0.
    public override string Name => "Slice";

    // Backward needs only the input's shape, so writing into the input after the forward pass is harmless.
    protected internal override bool SavesInput(int index) => false;

    public override string Arguments => $"start={start}";

    public static Tensor<T> Apply(Tensor<T> x, int start, int count)
    {
        if (x.Rank == 0) throw new InvalidOperationException("slice: a rank-0 tensor has no rows to slice.");
        int rows = x.Shape[0];
        if (start < 0 || count < 0 || start > rows - count)
            throw new ArgumentOutOfRangeException(nameof(start),
                $"slice: rows [{start}, {start + count}) are out of range for a tensor of shape {x.Shape} ({rows} rows).");
        int rowLength = rows == 0 ? 0 : x.Length / rows;
        var y = x.View(start * rowLength, x.Shape.With(0, count));
        return Tape.ShouldRecord(x) ? Tape.Record(new SliceRowsFunction<T>(start), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) =>
        [PadRowsFunction<T>.Apply(g, start, Inputs[0].Shape[0])];
}
