using System.Globalization;
using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>
/// <c>y = base^x</c> elementwise for a scalar base (PyTorch's <c>pow(Scalar, Tensor)</c>, <c>PowBackward2</c>).
/// Backward: <c>g·y·ln(base)</c>, 0 where base = 0 and x ≥ 0 (PyTorch's rule, the limit instead of 0·(-inf)).
/// </summary>
internal sealed class ScalarPowFunction<T> : UnaryFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T @base;

    private ScalarPowFunction(T @base) => this.@base = @base;

    public override string Name => "Pow";

    internal override int PyTorchOverload => 2;

    public override string Arguments => string.Create(CultureInfo.InvariantCulture, $"base={double.CreateChecked(@base)}");

    // The gradient uses the result (and, at base 0, the input's sign).
    protected internal override bool SavesOutput => true;

    public static Tensor<T> Apply(T @base, Tensor<T> x) => Run(new ScalarPowFunction<T>(@base), x);

    protected override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        Elementwise.CheckLengths("pow", x.Length, y.Length);
        double b = double.CreateTruncating(@base);
        for (int i = 0; i < x.Length; i++) y[i] = T.CreateTruncating(Math.Pow(b, double.CreateTruncating(x[i])));
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var gradient = g * Output * T.Log(@base);
        if (@base != T.Zero) return [gradient];
        var x = Inputs[0];
        var zeroBase = Tensor<T>.Zeros(x.Shape);
        var limit = Tensor<T>.Allocate(x.Shape, clear: false);
        GradientMasks.ZeroBaseNonNegativeExponent(zeroBase.ReadOnlySpan, x.ReadOnlySpan, limit.Span);
        return [Tensor.Where(limit, Tensor<T>.ZerosLike(g), gradient)];
    }
}
