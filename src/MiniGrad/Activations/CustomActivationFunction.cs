using System.Numerics;
using System.Numerics.Tensors;

namespace MiniGrad;

/// <summary>
/// <c>y = f(x)</c> for a custom elementwise activation. Backward: <c>g * f'(x)</c>, computed by
/// <see cref="CustomDerivativeFunction{TKernel, T}"/> in one fused pass.
/// </summary>
internal sealed class CustomActivationFunction<TKernel, T> : Function<T>
    where TKernel : IDerivativeKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly TKernel kernel;

    private CustomActivationFunction(TKernel kernel) => this.kernel = kernel;

    public override string Name => kernel.Name;

    public static Tensor<T> Apply(TKernel kernel, Tensor<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Tensor<T>.Allocate(x.Shape, clear: false);
        kernel.Compute(0, x.ReadOnlySpan, y.Span);
        return Tape.ShouldRecord(x) ? Tape.Record(new CustomActivationFunction<TKernel, T>(kernel), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) =>
        [CustomDerivativeFunction<TKernel, T>.Apply(kernel, 1, g, Inputs[0])];
}

/// <summary>
/// <c>y = w * f^(k)(x)</c> (k = 1 or 2): the backward of a custom activation, fused into one pass because it runs on
/// every training step. It is itself differentiable: <c>dy/dw = f^(k)(x)</c> is this op again, and
/// <c>dy/dx = w * f^(k+1)(x)</c> is this op one order up, so second order works exactly when f'' was given.
/// </summary>
internal sealed class CustomDerivativeFunction<TKernel, T> : Function<T>
    where TKernel : IDerivativeKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly TKernel kernel;
    private readonly int order;

    private CustomDerivativeFunction(TKernel kernel, int order) => (this.kernel, this.order) = (kernel, order);

    public override string Name => order == 1 ? $"{kernel.Name}Backward" : $"{kernel.Name}Backward{order}";

    public static Tensor<T> Apply(TKernel kernel, int order, Tensor<T> w, Tensor<T> x)
    {
        if (order > kernel.MaxOrder)
            throw new NotSupportedException(
                $"{kernel.Name}: derivative of order {order} is not available (the activation was given up to order {kernel.MaxOrder}). " +
                (order == 2
                    ? "Give the second derivative (secondDerivative: ..., or a static SecondDerivative method) to differentiate twice."
                    : "Only first and second derivatives of a custom scalar activation are supported; compose tensor ops for higher orders."));
        if (w.Shape != x.Shape)
            throw new ArgumentException($"{kernel.Name}Backward: gradient of shape {w.Shape} for an input of shape {x.Shape}.");
        var y = Tensor<T>.Allocate(x.Shape, clear: false);
        kernel.Compute(order, x.ReadOnlySpan, y.Span);
        TensorPrimitives.Multiply(y.ReadOnlySpan, w.ReadOnlySpan, y.Span);
        return Tape.ShouldRecord(w, x) ? Tape.Record(new CustomDerivativeFunction<TKernel, T>(kernel, order), y, w, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> u, ReadOnlySpan<bool> needs)
    {
        var (w, x) = (Inputs[0], Inputs[1]);
        return
        [
            needs[0] ? Apply(kernel, order, u, x) : null,
            needs[1] ? Apply(kernel, order + 1, u * w, x) : null,
        ];
    }
}
