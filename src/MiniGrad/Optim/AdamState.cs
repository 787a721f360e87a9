using System.Numerics;

namespace MiniGrad.Optim;

/// <summary>
/// What Adam keeps for one parameter, readable for study: the step count and the two moment estimates, named as in
/// the paper and PyTorch's <c>state</c> (<c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c>, <c>max_exp_avg_sq</c>).
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class AdamState<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    internal AdamState(TensorShape shape, bool amsgrad)
    {
        M = Tensor<T>.Zeros(shape);
        V = Tensor<T>.Zeros(shape);
        if (amsgrad) MaxV = Tensor<T>.Zeros(shape);
    }

    /// <summary>How many updates this parameter has had (PyTorch's <c>state['step']</c>; 0 before the first).</summary>
    public int Step { get; internal set; }

    /// <summary>The first moment m, a running mean of the gradient (PyTorch's <c>exp_avg</c>).</summary>
    public Tensor<T> M { get; }

    /// <summary>The second moment v, a running mean of the squared gradient (PyTorch's <c>exp_avg_sq</c>).</summary>
    public Tensor<T> V { get; }

    /// <summary>With AMSGrad, the elementwise maximum of every v so far (PyTorch's <c>max_exp_avg_sq</c>); otherwise null.</summary>
    public Tensor<T>? MaxV { get; }
}
