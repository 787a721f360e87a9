using System.CommandLine;
using MiniGrad.Cli.Training;
using MiniGrad.Plotting;

namespace MiniGrad.Cli;

/// <summary><c>minigrad plot activations</c>: every activation and its derivative as one SVG of small charts.</summary>
internal static class PlotCommand
{
    // Functions of a whole row (their "derivative" at a point depends on the other points): not plotted.
    private static readonly string[] NotElementwise = ["softmax", "logsoftmax", "softmin", "glu"];

    public static Command Create()
    {
        var only = new Option<string?>("--only") { Description = "Comma-separated activations to plot, e.g. relu,gelu (default: all)." };
        var output = new Option<string>("--output", "-o") { Description = "The SVG file to write.", DefaultValueFactory = _ => "activations.svg" };
        var columns = new Option<int>("--columns") { Description = "Charts per row.", DefaultValueFactory = _ => 4 };
        var range = new Option<double>("--range") { Description = "Plot x over [-range, range].", DefaultValueFactory = _ => 4.0 };
        var activations = new Command("activations",
            "Write one SVG with a chart per activation: the function (solid) and its derivative from MiniGrad's backward pass (dashed).");
        activations.Options.Add(only);
        activations.Options.Add(output);
        activations.Options.Add(columns);
        activations.Options.Add(range);
        activations.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var all = ActivationCatalog.Names.Where(n => n != ActivationCatalog.None && !NotElementwise.Contains(ActivationCatalog.Key(n))).ToList();
            List<string> chosen;
            if (parse.GetValue(only) is { } list)
            {
                chosen = [];
                foreach (var name in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!ActivationCatalog.Contains(name) || ActivationCatalog.Key(name) == ActivationCatalog.None)
                        return Fail(error, $"unknown activation '{name}'; known: {string.Join(", ", all)}.");
                    if (NotElementwise.Contains(ActivationCatalog.Key(name)))
                        return Fail(error, $"{name} is not elementwise (each output depends on the whole row), so it has no curve to plot.");
                    chosen.Add(ActivationCatalog.Normalize(name));
                }
                if (chosen.Count == 0) return Fail(error, "--only names no activation.");
            }
            else
            {
                chosen = all;
            }
            int cols = parse.GetValue(columns);
            double r = parse.GetValue(range);
            if (cols < 1) return Fail(error, $"--columns must be at least 1, got {cols}.");
            if (!(r > 0 && double.IsFinite(r))) return Fail(error, $"--range must be a positive number, got {r}.");

            var functions = chosen.Select(name =>
            {
                var module = ActivationCatalog.Create<double>(name)!;
                module.Eval(); // RReLU's evaluation mode uses its mean slope: a curve, not noise
                return (name, (Func<Tensor<double>, Tensor<double>>)module.Forward);
            });
            string path = parse.GetValue(output)!;
            File.WriteAllText(path, ActivationPlot.Svg(functions, Math.Min(cols, chosen.Count), -r, r));
            stdout.WriteLine($"wrote {path}: {chosen.Count} activation{(chosen.Count == 1 ? "" : "s")} ({string.Join(", ", chosen)})");
            return 0;
        });

        var command = new Command("plot", "Draw pictures as SVG files.");
        command.Subcommands.Add(activations);
        return command;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"minigrad plot activations: {message}");
        return 2;
    }
}
