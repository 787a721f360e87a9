namespace MiniGrad.Interactive;

/// <summary><c>tensor.Graph()</c>: the graph behind a tensor as a <see cref="GraphPicture"/>.</summary>
public static class GraphPictureExtensions
{
    /// <summary>A picture of the graph <paramref name="root"/> was computed by; a notebook shows it as SVG.</summary>
    /// <param name="root">The tensor whose graph to draw.</param>
    /// <param name="title">An optional caption above the graph.</param>
    public static GraphPicture Graph(this ITensor root, string? title = null) => new(root, title);
}
