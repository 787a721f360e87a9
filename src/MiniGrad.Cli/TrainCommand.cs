using System.CommandLine;
using System.CommandLine.Invocation;
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
    /// <summary>The exit code for bad options (as for a usage error); nothing was trained.</summary>
    public const int BadOptions = 2;

    public static Command Create()
    {
        var activation = new Option<string>("--activation", "-a")
        {
            Description = "The activation after each hidden layer: relu, sigmoid, tanh, leaky_relu, ... (any MiniGrad activation; 'none' for none).",
            DefaultValueFactory = _ => "relu",
        };
        var hidden = new Option<string>("--hidden")
        {
            Description = "Hidden layer sizes, comma-separated ('none' for a single linear layer).",
            DefaultValueFactory = _ => "18,18,4",
        };
        var epochs = new Option<int?>("--epochs", "-e") { Description = "Passes over the data [default: 150 for random, 200 for sine, 300 for xor and spirals]." };
        var batchSize = new Option<int>("--batch-size", "-b") { Description = "Rows per mini-batch, taken in order.", DefaultValueFactory = _ => 10 };
        var lr = new Option<double?>("--lr") { Description = "Learning rate [default: 0.001 for random, 0.01 for the other tasks]." };
        var optimizer = new Option<string>("--optimizer", "-o")
        {
            Description = "adam, adamw or sgd (SGD with momentum 0.9).",
            DefaultValueFactory = _ => "adam",
        };
        var seed = new Option<ulong>("--seed", "-s") { Description = "Seed for the data and the initial weights.", DefaultValueFactory = _ => 42 };
        var useDouble = new Option<bool>("--double") { Description = "Train in double precision (float by default, as PyTorch)." };
        var task = new Option<string>("--task", "-t")
        {
            Description = "random (the tutorial's), sine (regression of sin x), xor or spirals (classification, reports accuracy).",
            DefaultValueFactory = _ => "random",
        };
        var samples = new Option<int?>("--samples", "-n") { Description = "Number of samples [default: 100 for random, 200 for sine and xor, 400 for spirals]." };
        var compare = new Option<bool>("--compare") { Description = "Train once per activation (same seed, same data) and print a table." };
        var plot = new Option<string?>("--plot") { Description = "Write the loss curve (with --compare: one curve per activation) to this SVG file." };
        var diagnose = new Option<bool>("--diagnose") { Description = "Print a table per epoch: each layer's gradient norm, dead ReLU units, saturated sigmoid/tanh outputs." };

        var command = new Command("train", "Train tutorial 003's network (10-18-18-4-1, ReLU, MSE, Adam) and print the loss of every epoch.");
        foreach (var o in new Option[] { activation, hidden, epochs, batchSize, lr, optimizer, seed, useDouble, task, samples, compare, plot, diagnose })
            command.Options.Add(o);

        command.Action = new TrainAction(parseResult =>
        {
            if (!Enum.TryParse<TrainingTask>(parseResult.GetValue(task), ignoreCase: true, out var taskValue) ||
                !Enum.IsDefined(taskValue) || int.TryParse(parseResult.GetValue(task), out _))
                throw new FormatException($"unknown task '{parseResult.GetValue(task)}'; use random, sine, xor or spirals.");
            return new TrainingOptions
            {
                Activation = parseResult.GetValue(activation)!,
                Hidden = TrainingOptions.ParseHidden(parseResult.GetValue(hidden)!),
                Epochs = parseResult.GetValue(epochs),
                BatchSize = parseResult.GetValue(batchSize),
                LearningRate = parseResult.GetValue(lr),
                Optimizer = parseResult.GetValue(optimizer)!,
                Seed = parseResult.GetValue(seed),
                Double = parseResult.GetValue(useDouble),
                Task = taskValue,
                Samples = parseResult.GetValue(samples),
                Diagnose = parseResult.GetValue(diagnose),
            };
        }, parseResult => parseResult.GetValue(compare), parseResult => parseResult.GetValue(plot));
        return command;
    }

    /// <summary>
    /// The command's action. It also takes the parse errors (an option that is not a number, say), so that every bad
    /// option ends the same way: one line on stderr and exit code 2, before any training starts.
    /// </summary>
    private sealed class TrainAction(Func<ParseResult, TrainingOptions> read, Func<ParseResult, bool> compare, Func<ParseResult, string?> plot)
        : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (parseResult.Errors.Count > 0) return Fail(error, Friendly(parseResult.Errors[0].Message));
            TrainingOptions options;
            try
            {
                options = read(parseResult);
            }
            catch (FormatException e)
            {
                return Fail(error, e.Message);
            }
            if (TrainingRun.Check(options) is { } problem) return Fail(error, problem);

            bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected &&
                               !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            string? plotPath = plot(parseResult);
            if (plotPath is not null && Path.GetDirectoryName(Path.GetFullPath(plotPath)) is { } dir && !Directory.Exists(dir))
                return Fail(error, $"--plot: the directory {dir} does not exist.");
            if (compare(parseResult) && options.Diagnose)
                output.WriteLine("--diagnose applies to a single run; --compare prints its table without it.");
            return compare(parseResult)
                ? TrainingReport.Compare(options with { Diagnose = false }, output, interactive, plotPath)
                : TrainingReport.Single(options, output, interactive, plotPath);
        }

        /// <summary>The parser names .NET types ("System.Nullable`1[System.Int32]"); say what a user would type instead.</summary>
        private static string Friendly(string message) => message
            .Replace("System.Nullable`1[System.Int32]", "a whole number")
            .Replace("System.Nullable`1[System.Double]", "a number")
            .Replace("System.Int32", "a whole number")
            .Replace("System.UInt64", "a whole number >= 0")
            .Replace("System.Double", "a number")
            .Replace("expected type ", "");

        private static int Fail(TextWriter error, string message)
        {
            error.WriteLine($"minigrad train: {message}");
            return BadOptions;
        }
    }
}
