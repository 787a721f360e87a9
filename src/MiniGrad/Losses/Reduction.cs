namespace MiniGrad.Nn;

/// <summary>How a loss turns its per-element values into its result, as PyTorch's <c>reduction</c> argument.</summary>
public enum Reduction
{
    /// <summary>The mean of the per-element losses (PyTorch's default, <c>'mean'</c>).</summary>
    Mean,

    /// <summary>The sum of the per-element losses (<c>'sum'</c>).</summary>
    Sum,

    /// <summary>The per-element losses themselves (<c>'none'</c>).</summary>
    None,
}
