using System.Globalization;
using MiniGrad.Plotting;
using MiniGrad.Study;
using Spectre.Console;

namespace MiniGrad.Cli.Training;

/// <summary>
/// Prints <c>minigrad train --diagnose</c>'s per-epoch table (layer, gradient norm, activation, dead units, saturated
/// outputs) and writes <c>--plot</c>'s loss curves.
/// </summary>
public static class HealthTable
{
    /// <summary>A Spectre table of one epoch's health, titled with the epoch and its loss.</summary>
    public static Table Build(EpochReport e)
    {
        var health = e.Health ?? throw new ArgumentException("HealthTable: the epoch report carries no diagnostics (train with Diagnose).", nameof(e));
        var table = new Table().Border(TableBorder.Simple)
            .Title(string.Create(CultureInfo.InvariantCulture, $"Epoch {e.Epoch}/{e.Epochs}, loss {e.Loss:F4}"));
        table.AddColumn("layer");
        table.AddColumn(new TableColumn("grad norm").RightAligned());
        table.AddColumn("activation");
        table.AddColumn(new TableColumn("dead").RightAligned());
        table.AddColumn(new TableColumn("saturated").RightAligned());
        foreach (var l in health.Layers)
        {
            table.AddRow(Markup.Escape(l.Layer), TrainingDiagnosticsFormat.Norm(l.GradNorm), Markup.Escape(l.Activation ?? "-"),
                TrainingDiagnosticsFormat.Percent(l.DeadFraction), TrainingDiagnosticsFormat.Percent(l.SaturatedFraction));
        }
        return table;
    }

    /// <summary>Writes the loss curves of <paramref name="results"/> (one line each) as SVG to <paramref name="path"/> and says so.</summary>
    public static void WritePlot(string path, IReadOnlyList<TrainingResult> results, string title, TextWriter output)
    {
        string svg = LossPlot.Svg(results.Select(r => (r.Activation, r.EpochLosses)).ToList(), title);
        File.WriteAllText(path, svg);
        output.WriteLine($"Loss curve{(results.Count > 1 ? "s" : "")} written to {path}");
    }
}
