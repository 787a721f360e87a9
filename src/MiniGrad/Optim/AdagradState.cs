using System.Numerics;

namespace MiniGrad.Optim;

/// <summary>What Adagrad keeps for one parameter, named as PyTorch's <c>state</c>: <c>step</c> and <c>sum</c>.</summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class AdagradState<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    internal AdagradState(TensorShape shape, double initialAccumulatorValue)
    {
        Sum = Tensor<T>.Full(T.CreateChecked(initialAccumulatorValue), shape);
    }

    /// <summary>How many updates this parameter has had (PyTorch's <c>state['step']</c>).</summary>
    public int Step { get; internal set; }

    /// <summary>The running sum of squared gradients, starting at the initial accumulator value (PyTorch's <c>sum</c>).</summary>
    public Tensor<T> Sum { get; }
}
