using System.Numerics;

namespace MiniGrad.Study;

/// <summary>Says why a tensor has no gradient.</summary>
public static class GradExplainer
{
    /// <summary>
    /// Says why <paramref name="tensor"/> has no <c>Grad</c> (or that it has one): detached, created under no-grad,
    /// never asked to require a gradient, not on the path to <paramref name="loss"/>, an intermediate whose gradient
    /// is not retained, or simply not reached by a backward pass yet.
    /// </summary>
    /// <param name="tensor">The tensor whose gradient is missing.</param>
    /// <param name="loss">The tensor that was (or will be) differentiated; null to check only the tensor itself.</param>
    public static GradDiagnosis WhyNoGrad<T>(Tensor<T> tensor, Tensor<T>? loss = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        string what = Describe(tensor);
        what = char.ToUpperInvariant(what[0]) + what[1..]; // it starts every sentence below
        if (tensor.Grad is not null)
            return new(NoGradReason.HasGradient, $"{what} has a gradient (Grad has shape {tensor.Grad.Shape}).");

        if (!tensor.RequiresGrad)
        {
            switch (tensor.Origin)
            {
                case GradOrigin.Detached:
                    string shared = loss is not null && SharesWithGraph(tensor, loss) is { } twin
                        ? $" It shares its elements with {twin}, which is on the path to the loss; use that tensor instead."
                        : "";
                    return new(NoGradReason.Detached,
                        $"{what} was made by Detach(), which cuts it from the graph: no gradient flows to it or through it.{shared}");
                case GradOrigin.NoGradScope:
                    return new(NoGradReason.CreatedUnderNoGrad,
                        $"{what} was computed inside a Tape.NoGrad() scope, where no op is recorded, so it has no path back to anything. " +
                        "Compute it outside the scope if you need its gradient.");
                default:
                    return new(NoGradReason.NeverRequiredGrad,
                        $"{what} does not require grad: it was never asked to (RequireGrad() or RequiresGrad = true), and none of the " +
                        "tensors it was computed from was either. Set it on the leaf you want a gradient for, before computing the loss.");
            }
        }

        if (loss is not null && !new GraphWalk(loss).Contains(tensor))
            return new(NoGradReason.NotOnPathToLoss,
                $"{what} requires grad, but {Describe(loss)} was not computed from it, so the backward pass from there never reaches it.");

        if (!tensor.IsLeaf && !tensor.RetainsGrad)
            return new(NoGradReason.IntermediateNotRetained,
                $"{what} is an intermediate result (made by {tensor.GradFn!.Name}): its gradient passes through it during backward but is " +
                "only kept on leaves. Call RetainGrad() on it before Backward(), or register a hook to see the gradient.");

        return new(NoGradReason.BackwardNotRun,
            $"{what} is on the path to the loss and requires grad, but no backward pass has reached it since its gradient was last cleared: " +
            "call Backward() on the loss (ZeroGrad() sets Grad to null).");
    }

    private static string Describe(ITensor t) =>
        t.Name is { Length: > 0 } n ? $"'{n}' (shape {t.Shape})" : $"the tensor of shape {t.Shape}";

    /// <summary>A tensor in the loss's graph that shares a buffer with <paramref name="t"/>, described, or null.</summary>
    private static string? SharesWithGraph<T>(Tensor<T> t, Tensor<T> loss)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        foreach (var other in new GraphWalk(loss).Tensors)
            if (other is Tensor<T> o && !ReferenceEquals(o, t) && o.SharesStorageWith(t))
                return Describe(o);
        return null;
    }
}
