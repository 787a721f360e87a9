using System.Xml.Linq;

namespace MiniGrad.Tests.Interactive;

/// <summary>Reads the formatters' HTML, which is well-formed XML (every cell escaped), so a parse failure is a bug too.</summary>
internal static class Html
{
    public static XElement Parse(string html) => XElement.Parse(html);

    public static List<List<string>> BodyRows(XElement table) =>
        table.Element("tbody")!.Elements("tr").Select(tr => tr.Elements().Select(c => c.Value).ToList()).ToList();

    public static List<string> HeaderCells(XElement table) =>
        table.Element("thead")!.Element("tr")!.Elements("th").Select(c => c.Value).ToList();
}
