using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Flattens the dims <c>startDim..endDim</c> into one, as PyTorch's <c>nn.Flatten</c>: a reshape, so the gradient is
/// the upstream gradient reshaped back. Note the defaults: <c>nn.Flatten</c> starts at dim 1 (it keeps the batch
/// dim), whereas <c>torch.flatten</c> and <see cref="Tensor{T}.Flatten"/> start at dim 0.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Flatten<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the module.</summary>
    /// <param name="startDim">The first dim flattened (default 1, keeping the batch dim); negative counts from the end.</param>
    /// <param name="endDim">The last dim flattened (default -1, the last).</param>
    public Flatten(int startDim = 1, int endDim = -1)
    {
        StartDim = startDim;
        EndDim = endDim;
    }

    /// <summary>The first dim flattened.</summary>
    public int StartDim { get; }

    /// <summary>The last dim flattened.</summary>
    public int EndDim { get; }

    /// <summary><c>input.Flatten(StartDim, EndDim)</c>; an input [N, C, H, W] becomes [N, C·H·W] with the defaults.</summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Flatten(StartDim, EndDim);
    }

    /// <inheritdoc/>
    protected override string ExtraRepresentation() => $"startDim: {StartDim}, endDim: {EndDim}";
}
