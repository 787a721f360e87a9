namespace MiniGrad.Checkpoints;

/// <summary>
/// A well-formed checkpoint that does not fit what it is loaded into: a tensor missing, unexpected or of another
/// shape or dtype than the model's, another optimizer or scheduler class or hyperparameters, a generator of another
/// kind. The message names the file, the tensor when one is at fault, and what is wrong. Nothing was changed when it
/// is thrown.
/// </summary>
public sealed class CheckpointMismatchException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>, naming <paramref name="tensor"/> when not null.</summary>
    /// <param name="path">The file.</param>
    /// <param name="tensor">The tensor at fault (its name in the file), or null when something else is.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="inner">The error that revealed it, if any.</param>
    public CheckpointMismatchException(string path, string? tensor, string problem, Exception? inner = null)
        : base(tensor is null ? $"{path}: {problem}" : $"{path}: tensor '{tensor}': {problem}", inner)
    {
        Path = path;
        Tensor = tensor;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The tensor at fault (its name in the file), or null when something else is.</summary>
    public string? Tensor { get; }
}
