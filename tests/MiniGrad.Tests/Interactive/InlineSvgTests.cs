using System.Text.RegularExpressions;
using System.Xml.Linq;
using MiniGrad.Interactive;
using MiniGrad.Plotting;

namespace MiniGrad.Tests.Interactive;

public partial class InlineSvgTests
{
    [GeneratedRegex(@"url\(#([^)]*)\)")]
    private static partial Regex UrlReference();

    [Fact]
    public void TwoCopiesOfAChartShareNoIdAndEachFindsItsOwnClip()
    {
        string svg = LossPlot.Svg([("a", [1.0, 0.5, 0.25])]);
        Assert.Contains("url(#", svg, StringComparison.Ordinal); // the chart clips its series: there is something to rename
        string first = InlineSvg.Prepare(svg), second = InlineSvg.Prepare(svg);

        Assert.DoesNotContain("<?xml", first, StringComparison.Ordinal);
        var ids1 = Ids(first);
        var ids2 = Ids(second);
        Assert.NotEmpty(ids1);
        Assert.Empty(ids1.Intersect(ids2));
        foreach (string html in new[] { first, second })
        {
            var ids = Ids(html);
            var references = UrlReference().Matches(html).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(references);
            Assert.All(references, r => Assert.Contains(r, ids));
        }
    }

    private static HashSet<string> Ids(string svg) =>
        XElement.Parse(svg).DescendantsAndSelf().Select(e => (string?)e.Attribute("id")).OfType<string>().ToHashSet();
}
