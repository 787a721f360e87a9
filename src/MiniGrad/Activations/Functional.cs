namespace MiniGrad;

/// <summary>
/// The activations (and other functional ops) as static functions on tensors, PyTorch's <c>torch.nn.functional</c>:
/// <c>Functional.Relu(x)</c>, or <c>Relu(x)</c> after <c>using static MiniGrad.Functional;</c>. Each is differentiable,
/// works for <c>float</c> and <c>double</c>, and matches PyTorch's values and its gradients at kinks.
/// </summary>
public static partial class Functional;
