using MiniGrad.Interactive;

namespace MiniGrad.Tests.Interactive;

public class TensorHtmlTests
{
    [Fact]
    public void TwoDimensionalTensorIsATableOfThePrintsElements()
    {
        // PyTorch prints [[1.5, -2.25, 3], [4, 5, 6]] with 4 decimals (not all integers): 1.5000, -2.2500, ...
        var t = Tensor.FromArray(new[] { 1.5f, -2.25f, 3f, 4f, 5f, 6f }, 2, 3);
        var table = Html.Parse(TensorHtml.Render(t));

        Assert.Equal("table", table.Name.LocalName);
        Assert.Equal(["", "0", "1", "2"], Html.HeaderCells(table));
        Assert.Equal([["0", "1.5000", "-2.2500", "3.0000"], ["1", "4.0000", "5.0000", "6.0000"]], Html.BodyRows(table));
        Assert.Equal("tensor [2, 3], dtype=torch.float32", table.Element("caption")!.Value);
    }

    [Fact]
    public void IntegerValuedTensorUsesThePrintsIntegerMode()
    {
        var t = Tensor.FromArray(new[] { 1.0, -2.0, 30.0, 4.0 }, 2, 2);
        var table = Html.Parse(TensorHtml.Render(t));
        Assert.Equal([["0", "1.", "-2."], ["1", "30.", "4."]], Html.BodyRows(table));
        Assert.Equal("tensor [2, 2], dtype=torch.float64", table.Element("caption")!.Value);
    }

    [Fact]
    public void CaptionNamesTheGradFnEscaped()
    {
        var w = Tensor.FromArray(new[] { 0.5, -1.0, 2.0, 0.25 }, 2, 2).RequireGrad();
        var product = Tensor<double>.MatMul(w, w);
        string html = TensorHtml.Render(product);

        // The print's suffix grad_fn=<MmBackward0> would be an unknown tag if it were not escaped.
        Assert.Contains("grad_fn=&lt;MmBackward0&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<MmBackward0>", html, StringComparison.Ordinal);
        Assert.Equal("tensor [2, 2], dtype=torch.float64, grad_fn=<MmBackward0>", Html.Parse(html).Element("caption")!.Value);
        Assert.EndsWith("requires_grad=True", Html.Parse(TensorHtml.Render(w)).Element("caption")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherRanksArePrintedInAPreBlockEscaped()
    {
        var v = Tensor.FromArray(new[] { 1.0, 2.0 }).RequireGrad();
        var y = v * 2.0;
        string html = TensorHtml.Render(y);
        var pre = Html.Parse(html);
        Assert.Equal("pre", pre.Name.LocalName);
        Assert.Equal(y.ToString(), pre.Value); // the print itself, once the entities are read back
        Assert.Contains("&lt;MulBackward0&gt;", html, StringComparison.Ordinal);

        var cube = Tensor.FromArray(new double[8], 2, 2, 2);
        Assert.Equal(cube.ToString(), Html.Parse(TensorHtml.Render(cube)).Value);
    }

    [Fact]
    public void WideRangeSwitchesToScientificLikeThePrint()
    {
        // PyTorch: nonzero magnitudes spanning more than 1000× print as {:.4e}.
        var t = Tensor.FromArray(new[] { 0.5, 2000.0, 0.0, -1.0 }, 2, 2);
        Assert.Equal([["0", "5.0000e-01", "2.0000e+03"], ["1", "0.0000e+00", "-1.0000e+00"]], Html.BodyRows(Html.Parse(TensorHtml.Render(t))));
    }

    [Fact]
    public void LargeTensorIsSummarizedLikeThePrint()
    {
        // 40 × 40 = 1600 elements, past PyTorch's threshold of 1000: three rows and columns at each edge. The values
        // 100 to 1699 span less than 1000×, so the print keeps integer mode.
        var values = Enumerable.Range(100, 1600).Select(i => (double)i).ToArray();
        var table = Html.Parse(TensorHtml.Render(Tensor.FromArray(values, 40, 40)));

        Assert.Equal(["", "0", "1", "2", "…", "37", "38", "39"], Html.HeaderCells(table));
        var rows = Html.BodyRows(table);
        Assert.Equal(["0", "1", "2", "⋮", "37", "38", "39"], rows.Select(r => r[0]));
        Assert.Equal(["39", "1660.", "1661.", "1662.", "…", "1697.", "1698.", "1699."], rows[^1]);
        Assert.Equal(["⋮", "⋮", "⋮", "⋮", "⋱", "⋮", "⋮", "⋮"], rows[3]);
    }
}
