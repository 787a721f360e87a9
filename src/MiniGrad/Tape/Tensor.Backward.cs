namespace MiniGrad;

public sealed partial class Tensor<T>
{
    /// <summary>
    /// Computes the gradient of this tensor with respect to every leaf that requires grad, and adds it to their
    /// <see cref="Grad"/> (as PyTorch's <c>backward</c>).
    /// </summary>
    /// <param name="gradient">The gradient of the final result with respect to this tensor; may be omitted only for a one-element tensor (it is then 1).</param>
    /// <param name="retainGraph">Keep the tape entries so that a second backward can run; defaults to <paramref name="createGraph"/>.</param>
    /// <param name="createGraph">Record the backward pass itself, so that the gradients are differentiable (second order).</param>
    /// <exception cref="InvalidOperationException">The tensor does not require grad, it is not a one-element tensor and no gradient was given, or its tape entries were already released.</exception>
    public void Backward(Tensor<T>? gradient = null, bool? retainGraph = null, bool createGraph = false) =>
        BackwardEngine.Run(this, gradient, retainGraph ?? createGraph, createGraph, capture: null);
}
