using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace MiniGrad.Plotting;

/// <summary>
/// What every chart document shares: the SVG namespace, the root element and white background, number formatting,
/// and serialization. Built as XML, so the output is always well-formed; numbers are invariant, so a chart is the
/// same file on every machine.
/// </summary>
internal static class SvgDocument
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static XElement Root(double width, double height) =>
        new(Ns + "svg", new XAttribute("width", Number(width)), new XAttribute("height", Number(height)),
            new XAttribute("viewBox", $"0 0 {Number(width)} {Number(height)}"), new XAttribute("font-family", "Helvetica, Arial, sans-serif"));

    public static XElement Background(double width, double height) =>
        new(Ns + "rect", new XAttribute("class", "background"), Attribute("x", 0), Attribute("y", 0), Attribute("width", width),
            Attribute("height", height), new XAttribute("fill", "white"));

    /// <summary>The document as text: an XML declaration saying utf-8, the element, a final newline.</summary>
    public static string Serialize(XElement svg)
    {
        var doc = new XDocument(new XDeclaration("1.0", "utf-8", null), svg);
        using var writer = new Utf8StringWriter();
        doc.Save(writer);
        return writer.ToString() + "\n";
    }

    /// <summary>A coordinate with at most two decimals, invariant culture.</summary>
    public static string Number(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static XAttribute Attribute(string name, double v) => new(name, Number(v));

    // A StringWriter reports UTF-16, which XDocument would write into the declaration; the files are UTF-8.
    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
