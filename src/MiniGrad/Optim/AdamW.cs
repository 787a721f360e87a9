using System.Numerics;
using System.Runtime.CompilerServices;

namespace MiniGrad.Optim;

/// <summary>
/// AdamW (Loshchilov and Hutter, 2019), exactly as PyTorch 1.13's <c>torch.optim.AdamW</c>: Adam with decoupled
/// weight decay. Before the Adam update each parameter shrinks, <c>p = p · (1 - lr · weightDecay)</c>, and the
/// gradient carries no L2 term.
/// </summary>
/// <remarks>See <see cref="Adam{T}"/> for the rest of the algorithm and the readable state.</remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class AdamW<T> : Adam<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates AdamW over <paramref name="parameters"/> with PyTorch's defaults (weight decay 0.01).</summary>
    /// <param name="parameters">The tensors to optimize, e.g. <c>model.Parameters()</c>.</param>
    /// <param name="lr">The learning rate (&gt;= 0).</param>
    /// <param name="betas">The decay rates (β1, β2), each in [0, 1); default (0.9, 0.999).</param>
    /// <param name="eps">Added to the denominator for stability (&gt;= 0).</param>
    /// <param name="weightDecay">The decoupled weight decay coefficient (&gt;= 0); default 0.01.</param>
    /// <param name="amsgrad">Use the AMSGrad variant.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message gives its value.</exception>
    [OverloadResolutionPriority(1)] // new AdamW<T>([]) and (null) mean a tensor list, as before groups existed
    public AdamW(IEnumerable<Tensor<T>> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
        double weightDecay = 1e-2, bool amsgrad = false, bool maximize = false)
        : base(OneGroup(parameters), lr, betas, eps, weightDecay, amsgrad, maximize, decoupledWeightDecay: true)
    {
    }

    /// <summary>Creates AdamW over parameter groups, each with its own learning rate and weight decay or the defaults given here.</summary>
    /// <param name="paramGroups">The groups; together at least one parameter, each parameter in one group.</param>
    /// <param name="lr">The default learning rate (&gt;= 0).</param>
    /// <param name="betas">The decay rates (β1, β2), each in [0, 1); default (0.9, 0.999).</param>
    /// <param name="eps">Added to the denominator for stability (&gt;= 0).</param>
    /// <param name="weightDecay">The default decoupled weight decay coefficient (&gt;= 0); default 0.01.</param>
    /// <param name="amsgrad">Use the AMSGrad variant.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message gives its value.</exception>
    /// <exception cref="ArgumentException">A parameter in two groups, no parameters, or a group taken by another optimizer.</exception>
    public AdamW(IEnumerable<ParamGroup<T>> paramGroups, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
        double weightDecay = 1e-2, bool amsgrad = false, bool maximize = false)
        : base(paramGroups, lr, betas, eps, weightDecay, amsgrad, maximize, decoupledWeightDecay: true)
    {
    }
}
