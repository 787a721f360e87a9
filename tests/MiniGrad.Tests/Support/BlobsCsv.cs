using System.Globalization;
using System.Text;

namespace MiniGrad.Tests.Support;

/// <summary>
/// The CSV file the CLI tests train classifiers on: columns <c>x,y,colour</c>, three seeded blobs of points labelled
/// red, green and blue, centred on a circle of radius 3 a third of a turn apart.
/// </summary>
public static class BlobsCsv
{
    /// <summary>Writes the file to <paramref name="path"/> and returns the path.</summary>
    /// <param name="path">Where to write it.</param>
    /// <param name="rows">How many points (the colours take turns).</param>
    /// <param name="spread">The width of each coordinate's uniform noise around its blob's centre.</param>
    public static string Write(string path, int rows = 90, double spread = 1)
    {
        var rng = new Random(7);
        var sb = new StringBuilder("x,y,colour\n");
        string[] names = ["red", "green", "blue"];
        for (int i = 0; i < rows; i++)
        {
            int c = i % 3;
            double x = 3 * Math.Cos(2 * Math.PI * c / 3) + spread * rng.NextDouble() - spread / 2;
            double y = 3 * Math.Sin(2 * Math.PI * c / 3) + spread * rng.NextDouble() - spread / 2;
            sb.Append(CultureInfo.InvariantCulture, $"{x:F3},{y:F3},{names[c]}\n");
        }
        File.WriteAllText(path, sb.ToString());
        return path;
    }
}
