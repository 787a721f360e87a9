using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary><c>y = cos(x)</c>. Backward: <c>-g·sin(x)</c>.</summary>
internal sealed class CosFunction<T> : UnaryFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Cos";

    public static Tensor<T> Apply(Tensor<T> x) => Run(new CosFunction<T>(), x);

    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => MathFunctions.Map<MathFunctions.CosOf, T>(x, y);

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) => [-(g * Inputs[0].Sin())];
}
