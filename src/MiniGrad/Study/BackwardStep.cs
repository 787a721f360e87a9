namespace MiniGrad.Study;

/// <summary>One op of the backward pass as <see cref="TapeExplainer"/> lists it (steps come in reverse order).</summary>
/// <param name="Step">The op's forward step number.</param>
/// <param name="Op">The op's name with its non-tensor arguments.</param>
/// <param name="Output">The label of the op's output.</param>
/// <param name="Upstream">The gradient of the root with respect to the op's output, after hooks.</param>
/// <param name="UpstreamBeforeHooks">The gradient as it arrived, when a hook on the output replaced it; otherwise null.</param>
/// <param name="HookCount">The number of hooks registered on the output.</param>
/// <param name="RetainsGrad">True when the output keeps its gradient (<see cref="Tensor{T}.RetainGrad"/>).</param>
/// <param name="Inputs">What goes to each input, in argument order.</param>
public sealed record BackwardStep(int Step, string Op, string Output, IReadOnlyList<double> Upstream,
    IReadOnlyList<double>? UpstreamBeforeHooks, int HookCount, bool RetainsGrad, IReadOnlyList<BackwardEdge> Inputs);
