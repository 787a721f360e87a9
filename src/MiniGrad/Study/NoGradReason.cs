namespace MiniGrad.Study;

/// <summary>Why a tensor has (or has no) gradient, as <see cref="GradExplainer.WhyNoGrad{T}"/> finds it.</summary>
public enum NoGradReason
{
    /// <summary>It has a gradient: <c>Grad</c> is set.</summary>
    HasGradient,

    /// <summary>It was made by <c>Detach()</c>, which cuts a tensor from the graph.</summary>
    Detached,

    /// <summary>It was computed inside a <c>Tape.NoGrad()</c> scope, where nothing is recorded.</summary>
    CreatedUnderNoGrad,

    /// <summary>Neither it nor anything it was computed from was asked to require a gradient.</summary>
    NeverRequiredGrad,

    /// <summary>It requires grad, but the loss was not computed from it.</summary>
    NotOnPathToLoss,

    /// <summary>It is an intermediate result: its gradient passes through during backward but is kept only after <c>RetainGrad()</c>.</summary>
    IntermediateNotRetained,

    /// <summary>It is on the path to the loss, but no backward pass has reached it yet (or its gradient was zeroed since).</summary>
    BackwardNotRun,
}
