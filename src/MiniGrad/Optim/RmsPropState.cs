using System.Numerics;

namespace MiniGrad.Optim;

/// <summary>
/// What RMSprop keeps for one parameter, named as PyTorch's <c>state</c>: <c>step</c>, <c>square_avg</c>,
/// <c>momentum_buffer</c> (with momentum) and <c>grad_avg</c> (centered).
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class RmsPropState<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    internal RmsPropState(TensorShape shape, bool momentum, bool centered)
    {
        SquareAvg = Tensor<T>.Zeros(shape);
        if (momentum) MomentumBuffer = Tensor<T>.Zeros(shape);
        if (centered) GradAvg = Tensor<T>.Zeros(shape);
    }

    /// <summary>How many updates this parameter has had (PyTorch's <c>state['step']</c>).</summary>
    public int Step { get; internal set; }

    /// <summary>The running mean of the squared gradient v (PyTorch's <c>square_avg</c>).</summary>
    public Tensor<T> SquareAvg { get; }

    /// <summary>With momentum, the buffer b (PyTorch's <c>momentum_buffer</c>); otherwise null.</summary>
    public Tensor<T>? MomentumBuffer { get; }

    /// <summary>When centered, the running mean of the gradient (PyTorch's <c>grad_avg</c>); otherwise null.</summary>
    public Tensor<T>? GradAvg { get; }
}
