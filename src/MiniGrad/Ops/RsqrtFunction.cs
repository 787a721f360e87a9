using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary><c>y = 1/√x</c>. Backward: <c>-½·g·y³</c> from the saved result (PyTorch's formula).</summary>
internal sealed class RsqrtFunction<T> : UnaryFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Rsqrt";

    // The derivative comes from the result, as PyTorch's saves it.
    protected internal override bool SavesInput(int index) => false;

    protected internal override bool SavesOutput => true;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new RsqrtFunction<T>(), x);

    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => MathFunctions.Map<MathFunctions.RsqrtOf, T>(x, y);

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) => [g * Output.Pow(T.CreateChecked(3)) * T.CreateChecked(-0.5)];
}
