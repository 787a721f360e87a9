using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary><c>y = log(1 + x)</c>, accurate for tiny x. Backward: <c>g / (1 + x)</c>.</summary>
internal sealed class Log1pFunction<T> : UnaryFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    // PyTorch capitalises the P in its backward's class name (Log1PBackward0).
    public override string Name => "Log1P";

    public static Tensor<T> Apply(Tensor<T> x) => Run(new Log1pFunction<T>(), x);

    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => MathFunctions.Map<MathFunctions.Log1pOf, T>(x, y);

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) => [g / (Inputs[0] + T.One)];
}
