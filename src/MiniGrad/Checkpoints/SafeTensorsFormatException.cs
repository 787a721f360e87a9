namespace MiniGrad.Checkpoints;

/// <summary>
/// A safetensors file that breaks the format (or holds what MiniGrad cannot read): the message names the file, the
/// tensor when one is at fault, and what is wrong. Nothing was loaded or changed when it is thrown.
/// </summary>
public sealed class SafeTensorsFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="path"/>, naming <paramref name="tensor"/> when not null.</summary>
    /// <param name="path">The file.</param>
    /// <param name="tensor">The tensor at fault, or null when the header as a whole is.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="inner">The error that revealed it, if any.</param>
    public SafeTensorsFormatException(string path, string? tensor, string problem, Exception? inner = null)
        : base(tensor is null ? $"{path}: {problem}" : $"{path}: tensor '{tensor}': {problem}", inner)
    {
        Path = path;
        Tensor = tensor;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The tensor at fault, or null when the header as a whole is.</summary>
    public string? Tensor { get; }
}
