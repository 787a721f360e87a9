namespace MiniGrad;

/// <summary>
/// What the tape and the study tools need to know of a tensor without knowing its element type.
/// </summary>
public interface ITensor
{
    /// <summary>The tensor's dimensions.</summary>
    TensorShape Shape { get; }

    /// <summary><c>float</c> or <c>double</c>.</summary>
    Type ElementType { get; }

    /// <summary>An optional name given by the user or a module.</summary>
    string? Name { get; }

    /// <summary>Whether gradients flow to the tensor.</summary>
    bool RequiresGrad { get; }

    /// <summary>True for tensors not made by a recorded op.</summary>
    bool IsLeaf { get; }

    /// <summary>Whether a gradient is held.</summary>
    bool HasGrad { get; }

    /// <summary>The tape entry that made the tensor, or null for a leaf.</summary>
    ITapeEntry? GradFn { get; }

    /// <summary>Element <paramref name="index"/> (row-major) as a double.</summary>
    double GetDouble(int index);

    /// <summary>Element <paramref name="index"/> of the gradient as a double.</summary>
    double GetGradDouble(int index);
}
