using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>The forward shared by add, sub, mul and div: broadcast the shapes, run the kernel.</summary>
internal static class BinaryArithmetic
{
    public static Tensor<T> Forward<TOp, T>(string op, Tensor<T> a, Tensor<T> b)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var shape = Broadcasting.ResultShape(op, a.Shape, b.Shape);
        var y = Tensor<T>.Allocate(shape, clear: false);
        Broadcasting.Binary<TOp, T>(a.ReadOnlySpan, a.Shape, b.ReadOnlySpan, b.Shape, y.Span, shape);
        return y;
    }
}
