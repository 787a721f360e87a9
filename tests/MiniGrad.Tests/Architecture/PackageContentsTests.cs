namespace MiniGrad.Tests.Architecture;

/// <summary>The core package is the engine and the study API; drawing charts lives in MiniGrad.Plotting.</summary>
public class PackageContentsTests
{
    [Fact]
    public void TheCorePackageHasNoChartTypes()
    {
        var core = typeof(Tensor<float>).Assembly;
        var charts = core.GetTypes()
            .Where(t => t.Namespace?.Contains("Svg", StringComparison.Ordinal) == true
                        || t.Name.Contains("Chart", StringComparison.Ordinal)
                        || t.Name.EndsWith("Plot", StringComparison.Ordinal)
                        || t.Name is "LineSeries" or "NiceTicks")
            .Select(t => t.FullName)
            .ToList();
        Assert.True(charts.Count == 0, "chart types in the core package: " + string.Join(", ", charts));
        // The drawing is where the CLI and notebooks find it.
        Assert.Equal("MiniGrad.Plotting", typeof(MiniGrad.Plotting.LineChart).Assembly.GetName().Name);
    }
}
