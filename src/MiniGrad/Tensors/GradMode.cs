namespace MiniGrad;

/// <summary>
/// Whether this thread is inside a no-grad scope (PyTorch's <c>GradMode</c>, which also sits below autograd): the
/// depth of open <see cref="Tape.NoGrad"/> scopes. Tensors read it to record how they came to have no gradient path;
/// the tape reads it to decide whether to record.
/// </summary>
internal static class GradMode
{
    /// <summary>How many no-grad scopes are open on this thread (a field of <see cref="ThreadState"/>).</summary>
    internal static ref int NoGradDepth => ref ThreadState.Current.NoGradDepth;

    /// <summary>True when no no-grad scope is open on this thread.</summary>
    public static bool IsEnabled => ThreadState.Current.NoGradDepth == 0;
}
