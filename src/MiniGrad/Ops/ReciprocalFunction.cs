using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary><c>y = 1/x</c>. Backward: <c>-g·y²</c> from the saved result (PyTorch's formula).</summary>
internal sealed class ReciprocalFunction<T> : UnaryFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Reciprocal";

    // The derivative comes from the result, as PyTorch's saves it.
    protected internal override bool SavesInput(int index) => false;

    protected internal override bool SavesOutput => true;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new ReciprocalFunction<T>(), x);

    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => MathFunctions.Map<MathFunctions.ReciprocalOf, T>(x, y);

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) => [-g * (Output * Output)];
}
