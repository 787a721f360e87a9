namespace MiniGrad.Study;

/// <summary>A leaf of the explained computation and the gradient the backward pass gave it.</summary>
/// <param name="Leaf">The leaf's label.</param>
/// <param name="Shape">The leaf's shape.</param>
/// <param name="RequiresGrad">Whether the leaf asked for a gradient.</param>
/// <param name="Received">The gradient this backward pass delivered (summed over the ops that use the leaf, after hooks); null when it asked for none.</param>
/// <param name="ReceivedBeforeHooks">The delivered gradient before the leaf's hooks, when a hook replaced it; otherwise null.</param>
/// <param name="HookCount">The number of hooks registered on the leaf.</param>
/// <param name="Grad">The leaf's <c>Grad</c> after the pass (includes earlier passes' gradients if they were not zeroed).</param>
public sealed record LeafGradient(string Leaf, TensorShape Shape, bool RequiresGrad, IReadOnlyList<double>? Received,
    IReadOnlyList<double>? ReceivedBeforeHooks, int HookCount, IReadOnlyList<double>? Grad);
