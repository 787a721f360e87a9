using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary><c>y = e^x - 1</c>, accurate for tiny x. Backward: <c>g·(y + 1)</c> from the saved result.</summary>
internal sealed class Expm1Function<T> : UnaryFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Expm1";

    // The derivative comes from the result, as PyTorch's saves it.
    protected internal override bool SavesInput(int index) => false;

    protected internal override bool SavesOutput => true;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new Expm1Function<T>(), x);

    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => MathFunctions.Map<MathFunctions.Expm1Of, T>(x, y);

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) => [g * (Output + T.One)];
}
