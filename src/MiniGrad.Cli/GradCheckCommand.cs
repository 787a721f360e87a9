using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;

namespace MiniGrad.Cli;

/// <summary>
/// <c>minigrad gradcheck NAME</c>: checks one built-in activation (grid on [-10, 10], random points, ±100 and ±1000,
/// first and second derivatives) and prints the report with a plot; <c>minigrad gradcheck --all</c>: a table of
/// every activation. Exit code 1 when a check fails, 2 for an unknown name.
/// </summary>
internal static class GradCheckCommand
{
    public static Command Create()
    {
        string known = string.Join(", ", BuiltInActivations.All.Select(a => a.Name));
        var name = new Argument<string>("name")
        {
            Description = "The activation to check, e.g. Relu, LeakyRelu, Gelu (in any case, PyTorch's spelling too: leaky_relu).",
            Arity = ArgumentArity.ZeroOrOne,
        }.Accepting("the activation", $"one of {known} (in any case, with or without _)", (string text, out string value) =>
        {
            value = text;
            return BuiltInActivations.Find(text) is not null;
        });
        var all = new Option<bool>("--all") { Description = "Check every built-in activation and print a table." }.Flag();
        var fast = new Option<bool>("--fast") { Description = "Fast mode (vᵀJu), falling back to the full Jacobian on a mismatch." }.Flag();
        var noSecond = new Option<bool>("--no-second-order") { Description = "Skip the second-derivative check." }.Flag();
        var command = new Command("gradcheck", "Check the gradients of a built-in activation against central differences (kinks recognised).");
        command.Arguments.Add(name);
        command.Options.Add(all);
        command.Options.Add(fast);
        command.Options.Add(noSecond);
        command.Action = new CliAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var options = new ActivationCheckOptions
            {
                CheckSecondOrder = !parse.GetValue(noSecond),
                Check = ActivationCheckOptions.Default.Check with { FastMode = parse.GetValue(fast) },
            };
            if (parse.GetValue(all)) return RunAll(options, output);
            string? n = parse.GetValue(name);
            if (string.IsNullOrWhiteSpace(n)) throw new UsageException($"give an activation name or --all; the activations are {known}.");
            var result = Check(BuiltInActivations.Find(n)!, options);
            output.WriteLine(result.Report);
            return result.Passed ? 0 : 1;
        });
        return command;
    }

    private static ActivationCheckResult Check(BuiltInActivation activation, ActivationCheckOptions options)
    {
        if (!activation.EvenLastDim) return GradCheck.CheckActivation(activation.Double, options, activation.Description);
        // Glu halves its input: check it on an even number of points.
        var points = GradCheck.ActivationPoints(options);
        var extremes = points.Length % 2 == 0 ? options.Extremes : [.. options.Extremes, 0.25];
        return GradCheck.CheckActivation(activation.Double, options with { Extremes = extremes }, activation.Description);
    }

    private static int RunAll(ActivationCheckOptions options, TextWriter output)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("activation").AddColumn("passed").AddColumn(new TableColumn("worst abs error").RightAligned())
            .AddColumn(new TableColumn("worst rel error").RightAligned()).AddColumn("kinks found").AddColumn("second order")
            .AddColumn(new TableColumn("time").RightAligned());
        int failures = 0;
        var clock = Stopwatch.StartNew();
        foreach (var a in BuiltInActivations.All)
        {
            ActivationCheckResult r;
            try
            {
                r = Check(a, options);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException)
            {
                failures++;
                table.AddRow(Markup.Escape(a.Name), "[red]error[/]", "", "", "", Markup.Escape(e.Message), "");
                continue;
            }
            if (!r.Passed) failures++;
            var kinkXs = r.Kinks.Select(k => k.X).Distinct().Order().Select(GradCheckReportNumber).ToList();
            string kinks = kinkXs.Count == 0 ? "none" : $"{kinkXs.Count} at x = {string.Join(", ", kinkXs.Take(4))}{(kinkXs.Count > 4 ? ", ..." : "")}";
            string second = r.SecondOrder is null ? "n/a" : r.SecondOrder.Passed ? "ok" : "[red]FAILED[/]";
            table.AddRow(
                Markup.Escape(a.Name),
                r.Passed ? "[green]yes[/]" : "[red]NO[/]",
                GradCheckReportNumber(r.Gradient.MaxAbsError),
                GradCheckReportNumber(r.Gradient.MaxRelError),
                Markup.Escape(kinks),
                second,
                $"{r.Elapsed.TotalMilliseconds:0} ms");
        }
        // Colours on a terminal; plain text, 120 columns wide, when redirected or captured.
        bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = interactive ? AnsiConsole.Console : PlainConsole.Create(output, width: 120);
        console.Write(table);
        output.WriteLine($"{BuiltInActivations.All.Count - failures} of {BuiltInActivations.All.Count} activations passed in {clock.Elapsed.TotalSeconds:0.0} s " +
                          "(grid on [-10, 10] step 0.1, 64 random points, ±100 and ±1000; eps 1e-6, atol 1e-5, rtol 1e-3).");
        return failures == 0 ? 0 : 1;
    }

    private static string GradCheckReportNumber(double v) =>
        v == 0 ? "0" : Math.Abs(v) is >= 1e-3 and < 1e6 ? v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)
            : v.ToString("0.##e+0", System.Globalization.CultureInfo.InvariantCulture);
}
