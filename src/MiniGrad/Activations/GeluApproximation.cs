namespace MiniGrad;

/// <summary>Which GELU to compute: PyTorch's <c>approximate='none'</c> or <c>'tanh'</c>.</summary>
public enum GeluApproximation
{
    /// <summary>The exact <c>x·Φ(x)</c> with the Gaussian CDF through erf (PyTorch's default).</summary>
    None,

    /// <summary>The tanh approximation <c>x/2·(1 + tanh(√(2/π)(x + 0.044715x³)))</c>.</summary>
    Tanh,
}
