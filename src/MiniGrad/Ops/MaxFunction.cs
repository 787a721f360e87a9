using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>
/// The maximum along one dim. Backward: the gradient goes to the first position holding the maximum (the index
/// <c>torch.max(dim)</c> returns), zero elsewhere.
/// </summary>
internal sealed class MaxFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int dim;
    private Tensor<T>? selected;

    private MaxFunction(int dim, Tensor<T> selected) => (this.dim, this.selected) = (dim, selected);

    public override string Name => "Max";

    // Backward reads the indices it saved and the input's shape, not the input (as PyTorch's max(dim)).
    protected internal override bool SavesInput(int index) => false;

    public override string Arguments => $"dim={dim}";

    public static Tensor<T> Apply(Tensor<T> x, int dim, bool keepDim, Span<int> argMax)
    {
        int d = x.Shape.NormalizeDim(dim, "max");
        var (outer, n, inner) = Reductions.Split(x.Shape, d);
        if (n == 0)
            throw new ArgumentException($"max: dim {dim} of shape {x.Shape} is empty; a maximum needs at least one element.");
        if (argMax.Length != outer * inner)
            throw new ArgumentException($"max: the index span has {argMax.Length} elements for {outer * inner} results.");
        var y = Tensor<T>.Allocate(keepDim ? x.Shape.With(d, 1) : x.Shape.Without(d), clear: false);
        Reductions.MaxAlongDim(x.ReadOnlySpan, y.Span, argMax, outer, n, inner);
        if (!Tape.ShouldRecord(x)) return y;

        // A one-hot mask of the chosen positions: backward is then a differentiable select.
        var mask = Tensor<T>.Zeros(x.Shape);
        var m = mask.Span;
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
                m[(o * n + argMax[o * inner + i]) * inner + i] = T.One;
        return Tape.Record(new MaxFunction<T>(d, mask), y, x);
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var mask = selected ?? throw new InvalidOperationException("max: backward after release.");
        var xShape = Inputs[0].Shape;
        var spread = g.Reshape(xShape.With(dim, 1)).Expand(xShape);
        return [Tensor.Where(mask, spread, Tensor<T>.ZerosLike(spread))];
    }

    protected override void ReleaseSaved() => selected = null;
}
