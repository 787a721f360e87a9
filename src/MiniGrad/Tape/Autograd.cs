using System.Numerics;

namespace MiniGrad;

/// <summary>Gradients as values, without touching any tensor's <c>Grad</c> (PyTorch's <c>torch.autograd.grad</c>).</summary>
public static class Autograd
{
    /// <summary>
    /// The gradient of <paramref name="output"/> with respect to each of <paramref name="inputs"/> (null for an input
    /// the output does not depend on).
    /// </summary>
    /// <param name="output">The tensor to differentiate.</param>
    /// <param name="inputs">The tensors to differentiate with respect to.</param>
    /// <param name="gradOutput">The upstream gradient; may be omitted for a one-element output.</param>
    /// <param name="retainGraph">Keep the tape entries for another pass; defaults to <paramref name="createGraph"/>.</param>
    /// <param name="createGraph">Record the backward pass so the returned gradients can be differentiated again.</param>
    public static Tensor<T>?[] Grad<T>(Tensor<T> output, IReadOnlyList<Tensor<T>> inputs, Tensor<T>? gradOutput = null,
        bool? retainGraph = null, bool createGraph = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(inputs);
        for (int i = 0; i < inputs.Count; i++)
            if (!inputs[i].RequiresGrad)
                throw new ArgumentException($"Autograd.Grad: input {i} (shape {inputs[i].Shape}) does not require grad.", nameof(inputs));
        return BackwardEngine.Run(output, gradOutput, retainGraph ?? createGraph, createGraph, inputs)!;
    }
}
