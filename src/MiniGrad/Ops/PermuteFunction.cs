using System.Numerics;

namespace MiniGrad.Ops;

/// <summary>
/// The dims reordered (<c>torch.permute</c>; a copy here, so every tensor stays contiguous). Backward: the gradient
/// permuted by the inverse order.
/// </summary>
internal sealed class PermuteFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int[] order;

    private PermuteFunction(int[] order) => this.order = order;

    public override string Name => "Permute";

    public override string Arguments => $"dims=({string.Join(", ", order)})";

    // Backward needs only the order.
    protected internal override bool SavesInput(int index) => false;

    public static Tensor<T> Apply(Tensor<T> x, ReadOnlySpan<int> dims)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (dims.Length != x.Rank)
            throw new ArgumentException($"permute: {dims.Length} dims given for a tensor of shape {x.Shape}; give each of its {x.Rank} dims once.");
        var order = new int[dims.Length];
        var seen = new bool[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            int d = x.Shape.NormalizeDim(dims[i], "permute");
            if (seen[d]) throw new ArgumentException($"permute: dim {dims[i]} appears twice in ({string.Join(", ", dims.ToArray())}) for a tensor of shape {x.Shape}.");
            seen[d] = true;
            order[i] = d;
        }
        var shapeDims = new int[order.Length];
        for (int i = 0; i < order.Length; i++) shapeDims[i] = x.Shape.Dims[order[i]];
        var y = Tensor<T>.Allocate(new TensorShape(shapeDims), clear: false);
        Kernels.Transpose.Permute(x.ReadOnlySpan, x.Shape, order, y.Span);
        return Tape.ShouldRecord(x) ? Tape.Record(new PermuteFunction<T>(order), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var inverse = new int[order.Length];
        for (int i = 0; i < order.Length; i++) inverse[order[i]] = i;
        return [Apply(g, inverse)];
    }
}
