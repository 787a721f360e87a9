using System.Globalization;

namespace MiniGrad.Plotting;

/// <summary>Unique ids within one SVG document (clip paths of the charts of a grid must not collide).</summary>
internal sealed class IdSource
{
    private int next;

    public string Next(string prefix) => prefix + (next++).ToString(CultureInfo.InvariantCulture);
}
