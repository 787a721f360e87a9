using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary><c>y = log₂(x)</c>. Backward: <c>g / (x·ln 2)</c>.</summary>
internal sealed class Log2Function<T> : UnaryFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Log2";

    public static Tensor<T> Apply(Tensor<T> x) => Run(new Log2Function<T>(), x);

    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => MathFunctions.Map<MathFunctions.Log2Of, T>(x, y);

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) => [g / (Inputs[0] * T.CreateChecked(Math.Log(2.0)))];
}
