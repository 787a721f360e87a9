using System.Globalization;
using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>
/// <c>y = x^p</c> for a scalar exponent <c>p</c>. Backward: <c>g * p * x^(p-1)</c>, and exactly zero for <c>p = 0</c>
/// (as PyTorch, so that <c>0^0</c> does not produce <c>0 * inf</c>).
/// </summary>
internal sealed class PowFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T exponent;

    private PowFunction(T exponent) => this.exponent = exponent;

    public override string Name => "Pow";

    public override string Arguments => $"exponent={double.CreateChecked(exponent).ToString(CultureInfo.InvariantCulture)}";

    public static Tensor<T> Apply(Tensor<T> x, T exponent)
    {
        var y = Tensor<T>.Allocate(x.Shape, clear: false);
        Elementwise.Pow(x.ReadOnlySpan, exponent, y.Span);
        return Tape.ShouldRecord(x) ? Tape.Record(new PowFunction<T>(exponent), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) =>
        exponent == T.Zero ? [Tensor<T>.ZerosLike(g)] : [g * (Inputs[0].Pow(exponent - T.One) * exponent)];
}
