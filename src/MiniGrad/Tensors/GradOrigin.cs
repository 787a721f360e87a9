namespace MiniGrad;

/// <summary>How a tensor that has no gradient path came to be, so that a tool can say why it has no gradient.</summary>
internal enum GradOrigin
{
    /// <summary>Made by a user or an op that records nothing for it.</summary>
    Created,

    /// <summary>Made by <see cref="Tensor{T}.Detach"/>.</summary>
    Detached,

    /// <summary>Made by an op while a <see cref="Tape.NoGrad"/> scope was open.</summary>
    NoGradScope,
}
