using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>
/// <c>y = x^e</c> elementwise for a tensor exponent, with broadcasting (PyTorch's <c>pow(Tensor, Tensor)</c>,
/// <c>PowBackward1</c>). Backward, as PyTorch's: to x <c>g·e·x^(e-1)</c>, 0 where e = 0 (so 0^0 does not give
/// 0·inf); to e <c>g·y·ln(x)</c>, 0 where x = 0 and e ≥ 0 (the limit, instead of 0·(-inf)).
/// </summary>
internal sealed class PowTensorFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private PowTensorFunction()
    {
    }

    public override string Name => "Pow";

    internal override int PyTorchOverload => 1;

    // The exponent's gradient uses the result, as PyTorch's does.
    protected internal override bool SavesOutput => true;

    public static Tensor<T> Apply(Tensor<T> x, Tensor<T> exponent)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(exponent);
        var shape = Broadcasting.ResultShape("pow", x.Shape, exponent.Shape);
        var xb = Broadcast.To(x, shape);
        var eb = Broadcast.To(exponent, shape);
        var y = Tensor<T>.Allocate(shape, clear: false);
        MathFunctions.Pow(xb.ReadOnlySpan, eb.ReadOnlySpan, y.Span);
        Broadcast.Release(xb, x);
        Broadcast.Release(eb, exponent);
        return Tape.ShouldRecord(x, exponent) ? Tape.Record(new PowTensorFunction<T>(), y, x, exponent) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var (x, e) = (Inputs[0], Inputs[1]);
        var zero = Tensor<T>.ZerosLike(g);
        Tensor<T>? gx = null, ge = null;
        if (needs[0])
        {
            var eb = Broadcast.To(e, g.Shape);
            var exponentIsZero = Tensor<T>.Allocate(g.Shape, clear: false);
            GradientMasks.IsZero(eb.ReadOnlySpan, exponentIsZero.Span);
            Broadcast.Release(eb, e);
            gx = Tensor.Where(exponentIsZero, zero, g * e * x.Pow(e - T.One)).SumTo(x.Shape);
        }
        if (needs[1])
        {
            var xb = Broadcast.To(x, g.Shape);
            var eb = Broadcast.To(e, g.Shape);
            var limit = Tensor<T>.Allocate(g.Shape, clear: false);
            GradientMasks.ZeroBaseNonNegativeExponent(xb.ReadOnlySpan, eb.ReadOnlySpan, limit.Span);
            Broadcast.Release(xb, x);
            Broadcast.Release(eb, e);
            ge = Tensor.Where(limit, zero, g * Output * x.Log()).SumTo(e.Shape);
        }
        return [gx, ge];
    }
}
