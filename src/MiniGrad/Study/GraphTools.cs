using System.Numerics;

namespace MiniGrad.Study;

/// <summary>Small helpers for looking at the graph behind a tensor.</summary>
public static class GraphTools
{
    /// <summary>
    /// Calls <see cref="Tensor{T}.RetainGrad"/> on <paramref name="root"/> and every intermediate it was computed from,
    /// so that after the backward pass every tensor of the graph shows its gradient (as in micrograd's drawings).
    /// Returns the number of tensors marked.
    /// </summary>
    public static int RetainAllGrads<T>(Tensor<T> root)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(root);
        int n = 0;
        foreach (var t in new GraphWalk(root).Tensors)
        {
            if (t is Tensor<T> { IsLeaf: false, RequiresGrad: true } tensor)
            {
                tensor.RetainGrad();
                n++;
            }
        }
        return n;
    }

    /// <summary>True when <paramref name="root"/> was computed from <paramref name="tensor"/> (or is it).</summary>
    public static bool DependsOn(ITensor root, ITensor tensor) => new GraphWalk(root).Contains(tensor);
}
