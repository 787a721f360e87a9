namespace MiniGrad.Study;

/// <summary>The answer of <see cref="GradExplainer.WhyNoGrad{T}"/>: a reason and a sentence saying what to do.</summary>
/// <param name="Reason">The reason, for programs.</param>
/// <param name="Message">The explanation, for people.</param>
public sealed record GradDiagnosis(NoGradReason Reason, string Message)
{
    /// <summary>The message.</summary>
    public override string ToString() => Message;
}
