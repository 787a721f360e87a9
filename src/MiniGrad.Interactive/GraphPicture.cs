namespace MiniGrad.Interactive;

/// <summary>
/// The graph a tensor was computed by, as a picture: shown in a notebook as an inline SVG drawing of every tensor (its
/// label, shape, value and gradient) and every op, left to right from the leaves to the tensor. Make one with
/// <c>loss.Graph()</c> (<see cref="GraphPictureExtensions.Graph"/>) after <c>Backward()</c> to see the gradients.
/// </summary>
/// <remarks>
/// The picture is drawn when it is shown, so it shows the values and gradients of that moment. It needs no Graphviz:
/// the layout is MiniGrad's own (a column per depth), drawn from the same walk and labels as
/// <see cref="MiniGrad.Study.GraphDot"/> and <see cref="MiniGrad.Study.TapeExplainer"/>.
/// </remarks>
public sealed class GraphPicture
{
    /// <summary>A picture of the graph behind <paramref name="root"/>.</summary>
    /// <param name="root">The tensor whose graph to draw (drawn with a double border).</param>
    /// <param name="title">An optional caption above the graph.</param>
    public GraphPicture(ITensor root, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root;
        Title = title;
    }

    /// <summary>The tensor whose graph is drawn.</summary>
    public ITensor Root { get; }

    /// <summary>The caption above the graph, if any.</summary>
    public string? Title { get; }

    /// <summary>The picture as a standalone SVG document.</summary>
    public string ToSvg() => GraphSvg.Render(Root, Title);

    /// <summary>A one-line description: the root and the number of ops drawn.</summary>
    public override string ToString() => GraphSvg.Describe(Root);
}
