using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>
/// The sum of all elements (a rank-0 result), or along one dim (kept as size 1 with keepDim).
/// Backward: the gradient stretched back over the summed elements.
/// </summary>
internal sealed class SumFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int? dim;

    private SumFunction(int? dim) => this.dim = dim;

    public override string Name => "Sum";

    // Backward needs only the input's shape, so writing into the input after the forward pass is harmless.
    protected internal override bool SavesInput(int index) => false;

    public override string Arguments => dim is null ? "" : $"dim={dim}";

    internal override int PyTorchOverload => dim is null ? 0 : 1;

    public static Tensor<T> Apply(Tensor<T> x)
    {
        var y = Tensor<T>.Allocate(new TensorShape(), clear: false);
        y.Span[0] = Reductions.Sum(x.ReadOnlySpan);
        return Tape.ShouldRecord(x) ? Tape.Record(new SumFunction<T>(null), y, x) : y;
    }

    public static Tensor<T> Apply(Tensor<T> x, int dim, bool keepDim)
    {
        int d = x.Shape.NormalizeDim(dim, "sum");
        var y = AlongDim(x, d, keepDim);
        return Tape.ShouldRecord(x) ? Tape.Record(new SumFunction<T>(d), y, x) : y;
    }

    /// <summary>The unrecorded sum of <paramref name="x"/> along dim <paramref name="d"/> (normalized). Mean shares it.</summary>
    internal static Tensor<T> AlongDim(Tensor<T> x, int d, bool keepDim)
    {
        var (outer, n, inner) = Reductions.Split(x.Shape, d);
        var y = Tensor<T>.Allocate(keepDim ? x.Shape.With(d, 1) : x.Shape.Without(d), clear: false);
        Reductions.SumAlongDim(x.ReadOnlySpan, y.Span, outer, n, inner);
        return y;
    }

    /// <summary>
    /// A reduction's gradient stretched back over <paramref name="xShape"/>: the reduced dim (all dims when
    /// <paramref name="dim"/> is null) put back as size 1, then broadcast. Mean shares it.
    /// </summary>
    internal static Tensor<T> Spread(Tensor<T> g, TensorShape xShape, int? dim)
    {
        var kept = dim is int d ? g.Reshape(xShape.With(d, 1)) : g;
        return kept.Expand(xShape);
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) =>
        [Spread(g, Inputs[0].Shape, dim)];
}
