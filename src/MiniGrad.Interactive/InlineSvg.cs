using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MiniGrad.Interactive;

/// <summary>
/// Makes an SVG document fit to sit inside an HTML page next to others: no XML declaration, and every <c>id</c> (and
/// each <c>url(#id)</c> / <c>href="#id"</c> pointing at one) given a prefix of its own. Without the prefix two charts
/// in one notebook would both define <c>clip0</c>, and the second would be clipped by the first one's rectangle.
/// </summary>
internal static partial class InlineSvg
{
    private static long next;

    /// <summary>The SVG element of <paramref name="svgDocument"/>, ids made unique in this process.</summary>
    public static string Prepare(string svgDocument)
    {
        ArgumentNullException.ThrowIfNull(svgDocument);
        string prefix = "minigrad" + Interlocked.Increment(ref next).ToString(CultureInfo.InvariantCulture) + "-";
        var svg = XElement.Parse(svgDocument);
        foreach (var element in svg.DescendantsAndSelf())
        {
            foreach (var attribute in element.Attributes())
            {
                if (attribute.Name.LocalName == "id") attribute.Value = prefix + attribute.Value;
                else if (attribute.Name.LocalName == "href" && attribute.Value.StartsWith('#')) attribute.Value = "#" + prefix + attribute.Value[1..];
                else if (attribute.Value.Contains("url(#", StringComparison.Ordinal))
                    attribute.Value = UrlReference().Replace(attribute.Value, m => "url(#" + prefix + m.Groups[1].Value + ")");
            }
        }
        return svg.ToString(SaveOptions.DisableFormatting);
    }

    [GeneratedRegex(@"url\(#([^)]*)\)")]
    private static partial Regex UrlReference();
}
