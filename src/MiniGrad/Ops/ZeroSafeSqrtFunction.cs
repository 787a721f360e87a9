using System.Numerics;
using System.Numerics.Tensors;

namespace MiniGrad.Ops;

/// <summary>
/// <c>y = √v</c> for the last step of a standard deviation or a 2-norm, whose backward PyTorch defines as 0 where the
/// result is 0 (<c>std_backward</c> and <c>norm_backward</c> mask it): the plain square root would send
/// <c>g/(2·0) = inf</c> back, and the chain rule then makes it NaN. Recorded under the name of the reduction it ends.
/// </summary>
internal sealed class ZeroSafeSqrtFunction<T> : UnaryFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly string name;

    private ZeroSafeSqrtFunction(string name) => this.name = name;

    public override string Name => name;

    // The derivative comes from the result.
    protected internal override bool SavesInput(int index) => false;

    protected internal override bool SavesOutput => true;

    public static Tensor<T> Apply(Tensor<T> v, string name) => Run(new ZeroSafeSqrtFunction<T>(name), v);

    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Sqrt(x, y);

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var y = Output;
        var isZero = Tensor<T>.Allocate(y.Shape, clear: false);
        Kernels.GradientMasks.IsZero(y.ReadOnlySpan, isZero.Span);
        // Where the result is 0 the gradient is 0; elsewhere g/(2y). The divisor is made safe first, so that no
        // inf is ever computed (a createGraph pass through the unused branch would carry it).
        var safe = Tensor.Where(isZero, Tensor<T>.OnesLike(y), y);
        return [Tensor.Where(isZero, Tensor<T>.ZerosLike(g), g / (safe * T.CreateChecked(2)))];
    }
}
