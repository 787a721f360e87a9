using System.CommandLine;
using System.Globalization;
using MiniGrad.Cli.Training;

namespace MiniGrad.Cli;

/// <summary>
/// <c>minigrad train</c>: trains tutorial 003's network (10-18-18-4-1, ReLU, MSE, Adam lr 0.001, 100 samples,
/// batch 10, 150 epochs) on seeded random data and prints each epoch's loss as the tutorial does; options change the
/// activation, the layers, the optimizer and the task, and <c>--compare</c> trains once per activation. On a real
/// dataset (<c>--task iris</c>, <c>--task digits</c>, or <c>--data FILE.csv --target COLUMN</c>) it trains as a PyTorch
/// script does, on a seeded train/validation/test split (<see cref="HoldoutRun"/>), and ends with the test accuracy and
/// confusion matrix, or the test loss.
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
            Description = "Hidden layer sizes, comma-separated ('none' for a single linear layer) [default: 18,18,4; 16 for iris, 128 for digits, 32 for --data].",
        }.Accepting(HiddenAccepts, ReadHidden);
        var epochs = new Option<int?>("--epochs", "-e")
        {
            Description = "Passes over the data [default: 150 for random, 200 for sine, 300 for xor and spirals, 50 for iris, 30 for digits, 100 for --data].",
        }.WholeNumber(atLeast: 1);
        var batchSize = new Option<int?>("--batch-size", "-b")
        {
            Description = "Rows per mini-batch, taken in order (shuffled each epoch for iris, digits and --data) [default: 10; 32 for iris, digits and --data].",
        }.WholeNumber(atLeast: 1);
        var lr = new Option<double?>("--lr") { Description = "Learning rate [default: 0.001 for random, 0.003 for digits, 0.01 for the others]." }.PositiveNumber();
        var optimizer = new Option<string>("--optimizer", "-o")
        {
            Description = "adam, adamw or sgd (SGD with momentum 0.9).",
            DefaultValueFactory = _ => defaults.Optimizer,
        }.OneOf(TrainingOptions.Optimizers);
        var seed = new Option<ulong>("--seed", "-s")
        {
            Description = "Seed for the data (or the split and batch order of real data) and the initial weights.",
            DefaultValueFactory = _ => defaults.Seed,
        }.WholeNumber();
        var useDouble = new Option<bool>("--double") { Description = "Train in double precision (float by default, as PyTorch)." }.Flag();
        // Nullable, with the default in the description: help would print a default value as the enum spells it (Random).
        var task = new Option<TrainingTask?>("--task", "-t")
        {
            Description = "random (the tutorial's), sine (regression of sin x), xor or spirals (classification, reports accuracy), " +
                          "iris or digits (real data: train/validation/test split, test accuracy and confusion matrix) [default: random].",
        }.OneOf();
        var samples = new Option<int?>("--samples", "-n")
        {
            Description = "Number of samples [default: 100 for random, 200 for sine and xor, 400 for spirals].",
        }.WholeNumber(atLeast: 1);
        var compare = new Option<bool>("--compare") { Description = "Train once per activation (same seed, same data) and print a table." }.Flag();
        var plot = new Option<string>("--plot") { Description = "Write the loss curve (with --compare: one curve per activation; on real data the train and validation loss and the validation accuracy) to this SVG file." }.FileToWrite();
        var diagnose = new Option<bool>("--diagnose")
        {
            Description = "Print a table per epoch: each layer's gradient norm, dead ReLU units, saturated sigmoid/tanh outputs.",
        }.Flag();

        var data = new Option<string>("--data")
        {
            Description = "Train on this CSV file (a header row, numeric inputs) instead of a task; needs --target.",
            HelpName = "file.csv",
        }.ExistingFile();
        var target = new Option<string>("--target") { Description = "The column of --data to predict: classes when it holds a label that is not a number, else regression.", HelpName = "column" };
        var classes = new Option<bool>("--classes") { Description = "Read --target as class labels even when they are numbers." }.Flag();
        var testFraction = new Option<double?>("--test-fraction")
        {
            Description = "Fraction of the samples held out for testing; a validation part as large is taken from the rest " +
                          "[default: 0.2 for --data (60/20/20), 0.15 for iris and digits (70/15/15)].",
        }.NumberBetween(0, 0.5);
        var standardize = new Option<bool>("--standardize")
        {
            Description = "Standardize --data's inputs with the training part's mean and standard deviation (always done for iris and digits).",
        }.Flag();
        var dropout = new Option<double?>("--dropout")
        {
            Description = "Dropout probability after each hidden activation, in [0, 1) [default: 0.2 for digits, none otherwise].",
            HelpName = "p",
        }.Accepting("a number from 0 up to but not including 1", (string text, out double? value) =>
        {
            bool ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0 && v < 1;
            value = ok ? v : null;
            return ok;
        });
        var scheduler = new Option<string>("--scheduler")
        {
            Description = "Learning-rate schedule, stepped each epoch: cosine (CosineAnnealingLR over the epochs), step (StepLR: a tenth every third of the epochs), " +
                          "plateau (ReduceLROnPlateau on the validation loss: a tenth after 5 epochs without improvement) [default: none].",
            HelpName = "cosine|step|plateau",
        }.OneOf(TrainingOptions.Schedulers);
        var clipGradNorm = new Option<double?>("--clip-grad-norm")
        {
            Description = "Clip the gradients' total norm to this before each step (clip_grad_norm_) [default: no clipping].",
            HelpName = "max-norm",
        }.PositiveNumber();
        var save = new Option<string>("--save")
        {
            Description = "Write the trained model, with what minigrad predict needs to rebuild it (layers, activation, labels, input columns, standardization), to this safetensors file.",
            HelpName = "model.safetensors",
        }.FileToWrite();

        var checkpoint = new Option<string>("--checkpoint")
        {
            Description = "Save a training checkpoint (model, optimizer, schedule, generator, epoch, losses and these options) to this file, " +
                          "replaced crash-safe each time; --resume goes on from it.",
            HelpName = "file",
        }.FileToWrite();
        var checkpointEvery = new Option<int?>("--checkpoint-every")
        {
            Description = "Save the checkpoint every this many epochs, and after the last [default: 1, every epoch].",
            HelpName = "n",
        }.WholeNumber(atLeast: 1);
        var resume = new Option<string>("--resume")
        {
            Description = "Go on exactly from this checkpoint, with its options, to --epochs in all (default: its own), saving to it " +
                          "(or to --checkpoint); another option that contradicts it is an error.",
            HelpName = "file",
        }.ExistingFile();

        var threads = new Option<int?>("--threads")
        {
            Description = "Threads for the large matrix products and Adam's update (torch.set_num_threads); the results are the same bits at any count [default: the processor count].",
            HelpName = "n",
        }.WholeNumber(atLeast: 1);

        var command = new Command("train", "Train tutorial 003's network (10-18-18-4-1, ReLU, MSE, Adam) and print the loss of every epoch, or a classifier on real data.");
        foreach (var o in new Option[] { activation, hidden, epochs, batchSize, lr, optimizer, seed, useDouble, task, samples, compare, plot, diagnose,
                     data, target, classes, testFraction, standardize, dropout, scheduler, clipGradNorm, save, checkpoint, checkpointEvery, resume, threads })
            command.Options.Add(o);

        command.Action = new CliAction(parse =>
        {
            if (parse.GetValue(threads) is { } threadCount) MiniGrad.Kernels.Threading.MaxDegreeOfParallelism = threadCount;
            var options = new TrainingOptions
            {
                Activation = parse.GetValue(activation)!,
                // Not given, an array option's value is an empty array (no hidden layer), not null: ask whether it was given.
                Hidden = parse.GetResult(hidden) is null ? null : parse.GetValue(hidden) ?? [],
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batchSize),
                LearningRate = parse.GetValue(lr),
                Optimizer = parse.GetValue(optimizer)!,
                Seed = parse.GetValue(seed),
                Double = parse.GetValue(useDouble),
                Task = parse.GetValue(task) ?? defaults.Task,
                Samples = parse.GetValue(samples),
                Diagnose = parse.GetValue(diagnose),
                DataFile = parse.GetValue(data),
                Target = parse.GetValue(target),
                Classes = parse.GetValue(classes),
                TestFraction = parse.GetValue(testFraction),
                Standardize = parse.GetValue(standardize),
                Dropout = parse.GetValue(dropout),
                Scheduler = parse.GetValue(scheduler)?.ToLowerInvariant(),
                ClipGradNorm = parse.GetValue(clipGradNorm),
                SavePath = parse.GetValue(save),
            };
            bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
            CheckpointPlan? plan = null;
            if (parse.GetValue(resume) is { } resumeFrom)
            {
                plan = Resuming(resumeFrom, options, parse.GetValue(checkpoint), parse.GetValue(checkpointEvery), Given,
                [
                    (activation, o => ActivationCatalog.Normalize(o.Activation)),
                    (hidden, o => o.EffectiveHidden.Count == 0 ? "none" : string.Join(",", o.EffectiveHidden)),
                    (batchSize, o => Number(o.EffectiveBatchSize)),
                    (lr, o => Number(o.EffectiveLearningRate)),
                    (optimizer, o => o.Optimizer.ToLowerInvariant()),
                    (seed, o => Number(o.Seed)),
                    (useDouble, o => o.Double ? "given" : "not given"),
                    (task, o => o.DataFile is null ? o.Task.ToString().ToLowerInvariant() : "none (it trained on --data)"),
                    (samples, o => Number(o.EffectiveSamples)),
                    (data, o => o.DataFile is null ? "none" : Path.GetFullPath(o.DataFile)),
                    (target, o => o.Target ?? "none"),
                    (classes, o => o.Classes ? "given" : "not given"),
                    (testFraction, o => Number(o.EffectiveTestFraction)),
                    (standardize, o => o.Standardize ? "given" : "not given"),
                    (dropout, o => Number(o.EffectiveDropout)),
                    (scheduler, o => o.Scheduler?.ToLowerInvariant() ?? "none"),
                    (clipGradNorm, o => o.ClipGradNorm is { } c ? Number(c) : "none"),
                ]);
                // --save is where this run writes its model, not part of the run the checkpoint recorded.
                options = plan.Options with { SavePath = parse.GetValue(save) ?? plan.Options.SavePath };
            }
            else if (!Given(checkpoint) && Given(checkpointEvery))
            {
                throw new UsageException("--checkpoint-every applies to --checkpoint FILE or --resume FILE; give the file too.");
            }
            if ((Given(checkpoint) || Given(resume)) && parse.GetValue(compare))
                throw new UsageException("--compare trains once per activation; --checkpoint and --resume apply to a single run.");
            if (options.DataFile is not null && Given(task))
                throw new UsageException("--data and --task cannot be combined: --data trains on your CSV file, --task on a built-in task; drop one of them.");
            if (options.DataFile is not null && options.Target is null)
                throw new UsageException("--data needs --target COLUMN: the name of the column to predict.");
            foreach (var o in new Option[] { target, classes })
                if (options.DataFile is null && Given(o)) throw new UsageException($"{o.Name} applies to --data FILE.csv; give the file too.");
            if (options.IsHoldout)
            {
                string what = options.DataFile is null ? $"--task {options.Task.ToString().ToLowerInvariant()}" : "--data";
                foreach (var o in new Option[] { samples, compare, diagnose })
                    if (Given(o)) throw new UsageException($"{o.Name} applies to the generated tasks (random, sine, xor, spirals), not to {what}.");
            }
            else
            {
                foreach (var o in new Option[] { testFraction, standardize, dropout, scheduler, clipGradNorm })
                    if (Given(o))
                        throw new UsageException($"{o.Name} applies to --task iris, --task digits and --data (trained on a train/validation/test split), not to the generated {options.Task.ToString().ToLowerInvariant()} task.");
            }
            // --compare trains once per activation: an activation named as well would be silently ignored.
            if (parse.GetValue(compare) && parse.GetResult(activation) is { Implicit: false })
                throw new UsageException("--activation cannot be combined with --compare, which trains once with every activation; drop one of them.");
            if (parse.GetValue(compare) && options.SavePath is not null)
                throw new UsageException("--save cannot be combined with --compare, which trains once with every activation; save a single run.");
            // The options are each fine by now; this is the dry run, which catches an activation that does not fit
            // between Linear layers (one that changes the width, say) before any training starts.
            if (options.Validate() is { } invalid) throw new UsageException(invalid);

            var output = parse.InvocationConfiguration.Output;
            bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected &&
                               !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            string? plotPath = parse.GetValue(plot);
            if (plan is null && parse.GetValue(checkpoint) is { } checkpointPath)
                plan = CheckpointPlan.New(options, checkpointPath, parse.GetValue(checkpointEvery) ?? 1);
            try
            {
                if (options.IsHoldout)
                    return Saved(options, output, options.Double ? Holdout<double>(options, output, interactive, plotPath, plan) : Holdout<float>(options, output, interactive, plotPath, plan));
                if (TrainingRun.Check(options) is { } problem) throw new UsageException(problem);
                if (parse.GetValue(compare) && options.Diagnose)
                    output.WriteLine("--diagnose applies to a single run; --compare prints its table without it.");
                return parse.GetValue(compare)
                    ? TrainingReport.Compare(options with { Diagnose = false }, output, interactive, plotPath)
                    : Saved(options, output, TrainingReport.Single(options, output, interactive, plotPath, checkpoint: plan));
            }
            catch (MiniGrad.Checkpoints.CheckpointMismatchException e)
            {
                // Restored before the first epoch: nothing was trained or saved.
                throw new UsageException(e.Message);
            }
        });
        return command;
    }

    /// <summary>
    /// Loads the real data (a bad CSV file is a usage error naming the file, line and column: the command line
    /// pointed at it), checks the options against it, then trains and reports.
    /// </summary>
    private static int Holdout<T>(TrainingOptions options, TextWriter output, bool interactive, string? plotPath, CheckpointPlan? plan)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        HoldoutData<T> data;
        try
        {
            data = HoldoutData<T>.Load(options);
        }
        catch (MiniGrad.Data.CsvFormatException e)
        {
            throw new UsageException(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {options.DataFile}: {e.Message}");
        }
        if (HoldoutRun.Check(options, data) is { } problem) throw new UsageException(problem);
        return TrainingReport.Holdout(options, data, output, interactive, plotPath, checkpoint: plan);
    }

    /// <summary>
    /// Reads the checkpoint to resume (a missing, corrupt or foreign file is a usage error, in one line naming it) and
    /// returns the plan that goes on from it, with the options it recorded; an option given on the command line that
    /// sets something else than the checkpoint recorded is a usage error too (<c>--epochs</c>, <c>--checkpoint</c>,
    /// <c>--checkpoint-every</c>, <c>--plot</c> and <c>--diagnose</c> may change).
    /// </summary>
    private static CheckpointPlan Resuming(string path, TrainingOptions commandLine, string? checkpointPath, int? every, Func<Option, bool> given,
        IEnumerable<(Option Option, Func<TrainingOptions, string> Setting)> recordedSettings)
    {
        MiniGrad.Checkpoints.TrainingCheckpointFile file;
        try
        {
            file = MiniGrad.Checkpoints.TrainingCheckpointFile.Read(path);
        }
        catch (MiniGrad.Checkpoints.SafeTensorsFormatException e)
        {
            throw new UsageException(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }
        return CheckpointPlan.Resuming(file, checkpointPath, every, commandLine.Epochs, commandLine.Diagnose, recordedOptions =>
        {
            foreach (var (option, setting) in recordedSettings) CheckSame(option, setting, recordedOptions);
        });

        void CheckSame(Option option, Func<TrainingOptions, string> setting, TrainingOptions recordedOptions)
        {
            if (!given(option)) return;
            string mine = setting(commandLine), recorded = setting(recordedOptions);
            if (mine == recorded) return;
            // A flag is given or not: say so rather than print a value it does not take.
            var (yours, theirs) = option.Arity.MaximumNumberOfValues == 0 || option is Option<bool>
                ? (option.Name, $"{(recorded == "given" ? "with" : "without")} {option.Name}")
                : ($"{option.Name} {mine}", $"with {option.Name} {recorded}");
            throw new UsageException($"{yours} contradicts {path}, which was trained {theirs}; drop {option.Name} to resume it, or start a new run without --resume.");
        }
    }

    private static string Number<TNumber>(TNumber value) where TNumber : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>Says where the run saved its model (the run writes it: <see cref="TrainingOptions.SavePath"/>), and passes the exit code on.</summary>
    private static int Saved(TrainingOptions options, TextWriter output, int code)
    {
        if (options.SavePath is { } path)
            output.WriteLine($"Model saved to {path} (minigrad predict --model {path} --data FILE.csv predicts with it)");
        return code;
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
