using System.Numerics;
using System.Numerics.Tensors;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The log of the sigmoid, <c>log(1 / (1 + e^(-x)))</c> (PyTorch's <c>F.logsigmoid</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>σ(-x) = 1 - σ(x)</c>. Range: (-∞, 0). No kink: at 0 the value is -log 2 and the gradient 0.5.
    /// Computed as <c>min(x, 0) - log1p(e^(-|x|))</c>, so logsigmoid(-1000) = -1000 and logsigmoid(1000) = 0, never -∞ or NaN.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> LogSigmoid<T>(Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => LogSigmoidFunction<T>.Apply(x);
}

/// <summary>
/// <c>y = log σ(x) = min(x, 0) - log(1 + e^(-|x|))</c>, finite for every finite x (logsigmoid(-1000) = -1000).
/// Backward: <c>g·σ(-x)</c>; second derivative <c>-σ(x)σ(-x)</c>.
/// </summary>
internal sealed class LogSigmoidFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "LogSigmoid";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new LogSigmoidFunction<T>(), x);

    /// <summary><c>log σ(x) = -softplus(-x)</c>: negate, the vectorized softplus, negate.</summary>
    internal override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        TensorPrimitives.Negate(x, y);
        ActivationKernels.Softplus(y, y);
        TensorPrimitives.Negate(y, y);
    }

    /// <summary><c>g·σ(-x)</c> as three vectorized passes (negate, TensorPrimitives.Sigmoid, multiply) into dx itself.</summary>
    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx)
    {
        TensorPrimitives.Negate(x, dx);
        TensorPrimitives.Sigmoid(dx, dx);
        TensorPrimitives.Multiply(g, dx, dx);
    }

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        var s = Functional.Sigmoid(x);
        return -(gg * g * s * (T.One - s));
    }
}
