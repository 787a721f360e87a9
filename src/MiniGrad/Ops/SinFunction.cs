using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary><c>y = sin(x)</c>. Backward: <c>g·cos(x)</c>.</summary>
internal sealed class SinFunction<T> : UnaryFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Sin";

    public static Tensor<T> Apply(Tensor<T> x) => Run(new SinFunction<T>(), x);

    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => MathFunctions.Map<MathFunctions.SinOf, T>(x, y);

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) => [g * Inputs[0].Cos()];
}
