using System.CommandLine;
using System.CommandLine.Parsing;
using MiniGrad.Cli.Training;
using MiniGrad.Plotting;

namespace MiniGrad.Cli;

/// <summary><c>minigrad plot activations</c>: every activation and its derivative as one SVG of small charts.</summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var all = ActivationCatalog.ElementwiseNames.ToList();
        var only = new Option<List<string>?>("--only") { Description = "Comma-separated activations to plot, e.g. relu,gelu (default: all)." };
        string onlyAccepts = $"comma-separated elementwise activations from {string.Join(", ", all)}";
        OptionValues.Describe(only, onlyAccepts);
        only.CustomParser = result => ReadOnly(result, onlyAccepts);
        var output = new Option<string>("--output", "-o") { Description = "The SVG file to write.", DefaultValueFactory = _ => "activations.svg" }.FileToWrite();
        var columns = new Option<int>("--columns") { Description = "Charts per row.", DefaultValueFactory = _ => 4 }.WholeNumber(atLeast: 1);
        var range = new Option<double>("--range") { Description = "Plot x over [-range, range].", DefaultValueFactory = _ => 4.0 }.PositiveNumber();
        var activations = new Command("activations",
            "Write one SVG with a chart per activation: the function (solid) and its derivative from MiniGrad's backward pass (dashed).");
        activations.Options.Add(only);
        activations.Options.Add(output);
        activations.Options.Add(columns);
        activations.Options.Add(range);
        activations.Action = new CliAction(parse =>
        {
            // Not given, a list option's value is an empty list, not null: ask whether it was given.
            var chosen = parse.GetResult(only) is null ? all : parse.GetValue(only) ?? [];
            int cols = parse.GetValue(columns);
            double r = parse.GetValue(range);
            var functions = chosen.Select(name =>
            {
                var module = ActivationCatalog.Create<double>(name)!;
                module.Eval(); // RReLU's evaluation mode uses its mean slope: a curve, not noise
                return (name, (Func<Tensor<double>, Tensor<double>>)module.Forward);
            });
            string path = parse.GetValue(output)!;
            File.WriteAllText(path, ActivationPlot.Svg(functions, Math.Min(cols, chosen.Count), -r, r));
            parse.InvocationConfiguration.Output.WriteLine($"wrote {path}: {chosen.Count} activation{(chosen.Count == 1 ? "" : "s")} ({string.Join(", ", chosen)})");
            return 0;
        });

        var command = new Command("plot", "Draw pictures as SVG files.");
        command.Subcommands.Add(activations);
        command.Action = new CliAction(parse =>
            throw new UsageException($"give a subcommand: {UsageProblems.Commands(command)}."));
        return command;
    }

    /// <summary>The activations <c>--only</c> names, in display form; an error naming the first that cannot be plotted.</summary>
    private static List<string>? ReadOnly(ArgumentResult result, string accepts)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        var chosen = new List<string>();
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string? why = !ActivationCatalog.Contains(name) || ActivationCatalog.Key(name) == ActivationCatalog.None ? $"unknown activation '{name}'"
                : !ActivationCatalog.IsElementwise(name) ? $"{name} is not elementwise: each output depends on the whole row, so it has no curve"
                : null;
            if (why is not null)
            {
                result.AddError(OptionValues.Mismatch("--only", accepts, text, why));
                return null;
            }
            chosen.Add(ActivationCatalog.Normalize(name));
        }
        if (chosen.Count == 0) result.AddError(OptionValues.Mismatch("--only", accepts, text, "it names no activation"));
        return chosen;
    }
}
