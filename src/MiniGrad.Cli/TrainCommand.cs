using System.CommandLine;
using System.Globalization;
using MiniGrad.Cli.Training;

namespace MiniGrad.Cli;

/// <summary>
/// <c>minigrad train</c>: trains tutorial 003's network (10-18-18-4-1, ReLU, MSE, Adam lr 0.001, 100 samples,
/// batch 10, 150 epochs) on seeded random data and prints each epoch's loss as the tutorial does; options change the
/// activation, the layers, the optimizer and the task, and <c>--compare</c> trains once per activation.
/// </summary>
internal static class TrainCommand
{
    private const string HiddenAccepts = "layer sizes of at least 1, comma-separated (like 18,18,4), or none";

    public static Command Create()
    {
        var defaults = new TrainingOptions();
        var activation = new Option<string>("--activation", "-a")
        {
            Description = "The activation after each hidden layer: relu, sigmoid, tanh, leaky_relu, ... (any MiniGrad activation; 'none' for none).",
            DefaultValueFactory = _ => defaults.Activation,
            HelpName = "activation", // not the list of every activation, which errors give
        }.OneOf(ActivationCatalog.Names, ActivationCatalog.Contains);
        var hidden = new Option<int[]?>("--hidden")
        {
            Description = $"Hidden layer sizes, comma-separated ('none' for a single linear layer) [default: {string.Join(",", defaults.Hidden)}].",
        }.Accepting(HiddenAccepts, ReadHidden);
        var epochs = new Option<int?>("--epochs", "-e")
        {
            Description = "Passes over the data [default: 150 for random, 200 for sine, 300 for xor and spirals].",
        }.WholeNumber(atLeast: 1);
        var batchSize = new Option<int>("--batch-size", "-b")
        {
            Description = "Rows per mini-batch, taken in order.",
            DefaultValueFactory = _ => defaults.BatchSize,
        }.WholeNumber(atLeast: 1);
        var lr = new Option<double?>("--lr") { Description = "Learning rate [default: 0.001 for random, 0.01 for the other tasks]." }.PositiveNumber();
        var optimizer = new Option<string>("--optimizer", "-o")
        {
            Description = "adam, adamw or sgd (SGD with momentum 0.9).",
            DefaultValueFactory = _ => defaults.Optimizer,
        }.OneOf(TrainingOptions.Optimizers);
        var seed = new Option<ulong>("--seed", "-s")
        {
            Description = "Seed for the data and the initial weights.",
            DefaultValueFactory = _ => defaults.Seed,
        }.WholeNumber();
        var useDouble = new Option<bool>("--double") { Description = "Train in double precision (float by default, as PyTorch)." }.Flag();
        // Nullable, with the default in the description: help would print a default value as the enum spells it (Random).
        var task = new Option<TrainingTask?>("--task", "-t")
        {
            Description = "random (the tutorial's), sine (regression of sin x), xor or spirals (classification, reports accuracy) [default: random].",
        }.OneOf();
        var samples = new Option<int?>("--samples", "-n")
        {
            Description = "Number of samples [default: 100 for random, 200 for sine and xor, 400 for spirals].",
        }.WholeNumber(atLeast: 1);
        var compare = new Option<bool>("--compare") { Description = "Train once per activation (same seed, same data) and print a table." }.Flag();
        var plot = new Option<string>("--plot") { Description = "Write the loss curve (with --compare: one curve per activation) to this SVG file." }.FileToWrite();
        var diagnose = new Option<bool>("--diagnose")
        {
            Description = "Print a table per epoch: each layer's gradient norm, dead ReLU units, saturated sigmoid/tanh outputs.",
        }.Flag();

        var command = new Command("train", "Train tutorial 003's network (10-18-18-4-1, ReLU, MSE, Adam) and print the loss of every epoch.");
        foreach (var o in new Option[] { activation, hidden, epochs, batchSize, lr, optimizer, seed, useDouble, task, samples, compare, plot, diagnose })
            command.Options.Add(o);

        command.Action = new CliAction(parse =>
        {
            var options = new TrainingOptions
            {
                Activation = parse.GetValue(activation)!,
                // Not given, an array option's value is an empty array (no hidden layer), not null: ask whether it was given.
                Hidden = parse.GetResult(hidden) is null ? defaults.Hidden : parse.GetValue(hidden) ?? [],
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batchSize),
                LearningRate = parse.GetValue(lr),
                Optimizer = parse.GetValue(optimizer)!,
                Seed = parse.GetValue(seed),
                Double = parse.GetValue(useDouble),
                Task = parse.GetValue(task) ?? defaults.Task,
                Samples = parse.GetValue(samples),
                Diagnose = parse.GetValue(diagnose),
            };
            // --compare trains once per activation: an activation named as well would be silently ignored.
            if (parse.GetValue(compare) && parse.GetResult(activation) is { Implicit: false })
                throw new UsageException("--activation cannot be combined with --compare, which trains once with every activation; drop one of them.");
            // The options are each fine by now; this is the dry run, which catches an activation that does not fit
            // between Linear layers (one that changes the width, say) before any training starts.
            if (TrainingRun.Check(options) is { } problem) throw new UsageException(problem);

            var output = parse.InvocationConfiguration.Output;
            bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected &&
                               !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            string? plotPath = parse.GetValue(plot);
            if (parse.GetValue(compare) && options.Diagnose)
                output.WriteLine("--diagnose applies to a single run; --compare prints its table without it.");
            return parse.GetValue(compare)
                ? TrainingReport.Compare(options with { Diagnose = false }, output, interactive, plotPath)
                : TrainingReport.Single(options, output, interactive, plotPath);
        });
        return command;
    }

    /// <summary>Reads a hidden-size list such as <c>18,18,4</c>; <c>none</c> is no hidden layer.</summary>
    private static bool ReadHidden(string text, out int[]? sizes)
    {
        sizes = [];
        // An empty list also means no hidden layer, as it always has.
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)) return true;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
                return false;
        }
        return true;
    }
}
