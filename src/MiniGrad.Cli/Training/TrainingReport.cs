using System.Globalization;
using Spectre.Console;

namespace MiniGrad.Cli.Training;

/// <summary>
/// Prints training runs: the tutorial's epoch lines (with a Spectre progress bar on a terminal, plain lines when
/// the output is redirected), the final loss and the time; or, for <c>--compare</c>, a table.
/// </summary>
public static class TrainingReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Trains once and prints the run (with a health table per epoch when <see cref="TrainingOptions.Diagnose"/>);
    /// writes the loss curve to <paramref name="plotPath"/> as SVG when given. Returns the exit code (0).
    /// <paramref name="terminal"/> is where the interactive run draws (the process's terminal unless a test gives one).
    /// </summary>
    public static int Single(TrainingOptions options, TextWriter output, bool interactive, string? plotPath = null, IAnsiConsole? terminal = null,
        CheckpointPlan? checkpoint = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(Describe(options));
        WriteResuming(checkpoint, options, output);
        TrainingResult result;
        if (interactive)
        {
            var console = terminal ?? AnsiConsole.Console;
            result = UnderProgressBar(console, options.EffectiveEpochs, checkpoint?.Done ?? 0, step => TrainingRun.Run(options, e =>
                step($"Epoch {e.Epoch}/{e.Epochs}", () =>
                {
                    console.WriteLine(EpochLine(e));
                    if (e.Health is not null) console.Write(HealthTable.Build(e));
                }), checkpoint));
        }
        else
        {
            var plain = options.Diagnose ? PlainConsole.Create(output) : null;
            result = TrainingRun.Run(options, e =>
            {
                output.WriteLine(EpochLine(e));
                if (e.Health is not null) plain!.Write(HealthTable.Build(e));
            }, checkpoint);
        }
        output.WriteLine("Training complete.");
        WriteSaved(checkpoint, options, output);
        output.WriteLine(Summary(result));
        if (plotPath is not null) HealthTable.WritePlot(plotPath, [result], $"{result.Architecture} with {result.Activation}, {options.Task.ToString().ToLowerInvariant()} task", output);
        return 0;
    }

    /// <summary>
    /// Trains once per activation with the same seed and data, and prints a table; with <paramref name="plotPath"/>,
    /// also writes every run's loss curve to one SVG chart. Returns the exit code (0).
    /// </summary>
    public static int Compare(TrainingOptions options, TextWriter output, bool interactive, string? plotPath = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(Describe(options with { Activation = "each activation" }, validated: false));
        var results = new List<TrainingResult>();
        var skipped = new List<string>();
        void RunAll(Action<string> starting)
        {
            foreach (string name in ActivationCatalog.Names)
            {
                if (TrainingRun.Check(options with { Activation = name }) is { } problem)
                {
                    skipped.Add(problem);
                    continue;
                }
                starting(name);
                var r = TrainingRun.Run(options with { Activation = name });
                results.Add(r);
                if (!interactive) output.WriteLine(string.Create(Inv, $"  {name}: final loss {r.FinalLoss:F6} ({r.Elapsed.TotalSeconds:F2} s)"));
            }
        }
        if (interactive) AnsiConsole.Status().Start("Training", ctx => RunAll(name => ctx.Status($"Training with {name}...")));
        else RunAll(_ => { });

        bool classification = options.Task is TrainingTask.Xor or TrainingTask.Spirals;
        var table = new Table().Border(TableBorder.Rounded).Title($"{options.Task.ToString().ToLowerInvariant()} task, seed {options.Seed}");
        table.AddColumn("activation");
        table.AddColumn(new TableColumn("final loss").RightAligned());
        if (classification) table.AddColumn(new TableColumn("accuracy").RightAligned());
        table.AddColumn(new TableColumn("time").RightAligned());
        table.AddColumn(new TableColumn("dead units").RightAligned());
        foreach (var r in results.OrderBy(r => r.FinalLoss))
        {
            var cells = new List<string> { r.Activation, r.FinalLoss.ToString("F6", Inv) };
            if (classification) cells.Add(r.FinalAccuracy is { } a ? Percent(a, 1) : "-");
            cells.Add($"{r.Elapsed.TotalSeconds.ToString("F2", Inv)} s");
            cells.Add(r.DeadUnitFraction is { } d ? Percent(d, 0) : "-");
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        var console = interactive ? AnsiConsole.Console : PlainConsole.Create(output);
        console.Write(table);
        foreach (string problem in skipped) output.WriteLine($"Skipped: {problem}");
        if (plotPath is not null)
            HealthTable.WritePlot(plotPath, results, $"Loss per activation, {options.Task.ToString().ToLowerInvariant()} task, seed {options.Seed}", output);
        return 0;
    }

    /// <summary>
    /// Runs <paramref name="run"/> under a progress bar of <paramref name="epochs"/> steps on <paramref name="console"/>.
    /// The run calls the step it is given once per epoch with the bar's new description and the writing of that
    /// epoch's lines. Returns what the run returns.
    /// </summary>
    private static TResult UnderProgressBar<TResult>(IAnsiConsole console, int epochs, int done, Func<Action<string, Action>, TResult> run)
    {
        TResult result = default!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var bar = ctx.AddTask("Training", maxValue: epochs);
                bar.Value = done; // a resumed run starts where its checkpoint stopped
                result = run((description, writeLines) =>
                {
                    // The bar first: writing a line redraws the live display with the bar's state at that moment,
                    // so a bar moved after the line would be drawn one epoch late (at 0% for a short run).
                    bar.Description = description;
                    bar.Increment(1);
                    writeLines();
                    ctx.Refresh();
                });
            });
        return result;
    }

    /// <summary>
    /// Trains on a real dataset split into train, validation and test parts (<see cref="HoldoutRun"/>) and prints
    /// the run: a line per epoch (train loss, validation accuracy or loss; under a progress bar on a terminal), then
    /// <c>Test accuracy: 97.5%</c> and the test part's confusion matrix, or <c>Test loss: ...</c> for regression.
    /// Writes the train and validation curves to <paramref name="plotPath"/> as SVG when given. Returns the exit code (0).
    /// </summary>
    public static int Holdout<T>(TrainingOptions options, HoldoutData<T> data, TextWriter output, bool interactive,
        string? plotPath = null, IAnsiConsole? terminal = null, CheckpointPlan? checkpoint = null)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(DescribeHoldout(options, data));
        WriteResuming(checkpoint, options, output);
        HoldoutResult result;
        if (interactive)
        {
            var console = terminal ?? AnsiConsole.Console;
            // The bar shows the epoch, the loss and the validation metric.
            result = UnderProgressBar(console, options.EffectiveEpochs, checkpoint?.Done ?? 0, step => HoldoutRun.Run(options, data, e =>
                step(Markup.Escape(string.Create(Inv, $"Epoch {e.Epoch}/{e.Epochs}, loss {e.TrainLoss:F4}, ") + ValidationMetric(e)),
                    () => console.WriteLine(HoldoutEpochLine(e))), checkpoint));
        }
        else
        {
            result = HoldoutRun.Run(options, data, e => output.WriteLine(HoldoutEpochLine(e)), checkpoint);
        }
        output.WriteLine("Training complete.");
        WriteSaved(checkpoint, options, output);
        if (result.TestAccuracy is { } accuracy)
        {
            output.WriteLine($"Test accuracy: {Percent(accuracy, 1)}");
            output.WriteLine($"Confusion matrix of the test part ({result.Split[2]} samples; rows: true class, columns: predicted):");
            var console = interactive ? terminal ?? AnsiConsole.Console : PlainConsole.Create(output);
            console.Write(ConfusionTable(result.ConfusionMatrix!, result.ClassNames!));
        }
        else
        {
            output.WriteLine(string.Create(Inv, $"Test loss: {result.TestLoss:F6} (MSE, {result.Split[2]} samples)"));
        }
        output.WriteLine(string.Create(Inv, $"Time: {result.Elapsed.TotalSeconds:F2} s"));
        if (plotPath is not null) WriteHoldoutPlot(plotPath, result, data.Name, output);
        return 0;
    }

    /// <summary>A resumed run says so under its first line: <c>Resuming run.ckpt after epoch 10 of 20.</c></summary>
    private static void WriteResuming(CheckpointPlan? checkpoint, TrainingOptions options, TextWriter output)
    {
        if (checkpoint?.Resume is { } file)
            output.WriteLine(string.Create(Inv, $"Resuming {file.Path} after epoch {checkpoint.Done} of {options.EffectiveEpochs}."));
    }

    /// <summary>After a run that saves checkpoints: <c>Checkpoint saved to run.ckpt after epoch 20 (every 5 epochs and the last).</c></summary>
    private static void WriteSaved(CheckpointPlan? checkpoint, TrainingOptions options, TextWriter output)
    {
        if (checkpoint?.Path is { } path)
            output.WriteLine(string.Create(Inv, $"Checkpoint saved to {path} after epoch {options.EffectiveEpochs} ") +
                             (checkpoint.Every == 1 ? "(every epoch)." : string.Create(Inv, $"(every {checkpoint.Every} epochs and the last).")));
    }

    /// <summary>The first line of a held-out run: the network, the data and its split, the settings.</summary>
    public static string DescribeHoldout<T>(TrainingOptions options, HoldoutData<T> data)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        var hidden = options.EffectiveHidden;
        string activation = hidden.Count == 0 ? "no activation" : ActivationCatalog.Normalize(options.Activation);
        string layers = string.Join("-", new[] { data.Features }.Concat(hidden).Append(data.Outputs));
        int[] split = HoldoutRun.SplitLengths(data.Count, options.EffectiveTestFraction);
        string kind = data.IsClassification ? $"{data.Outputs} classes" : "regression";
        bool standardized = options.Standardize || options.DataFile is null;
        string dropout = hidden.Count > 0 && options.EffectiveDropout > 0 ? string.Create(Inv, $" and dropout {options.EffectiveDropout}") : "";
        string schedule = options.Scheduler is { } sc ? $" ({sc.ToLowerInvariant()} schedule)" : "";
        string clip = options.ClipGradNorm is { } c ? string.Create(Inv, $", gradient norm clipped to {c}") : "";
        return string.Create(Inv,
            $"Training {layers} with {activation}{dropout} on {data.Name}, {kind}: {data.Count} samples (train {split[0]}, validation {split[1]}, test {split[2]})" +
            $"{(standardized ? ", standardized" : "")}, batch {Math.Min(options.EffectiveBatchSize, split[0])} shuffled, {options.EffectiveEpochs} epochs, " +
            $"{(data.IsClassification ? "cross entropy" : "MSE")}, {options.Optimizer.ToLowerInvariant()} lr {options.EffectiveLearningRate}{schedule}{clip}, " +
            $"{(options.Double ? "float64" : "float32")}, seed {options.Seed}");
    }

    /// <summary>An epoch of a held-out run: <c>Epoch 3/20, Train loss: 0.123456, Validation accuracy: 96.3%</c> (or validation loss for regression).</summary>
    public static string HoldoutEpochLine(HoldoutEpoch e) =>
        string.Create(Inv, $"Epoch {e.Epoch}/{e.Epochs}, Train loss: {e.TrainLoss:F6}, ") +
        (e.ValidationAccuracy is { } a ? $"Validation accuracy: {Percent(a, 1)}" : string.Create(Inv, $"Validation loss: {e.ValidationLoss:F6}")) +
        (e.LearningRate is { } lr ? $", lr {LearningRate(lr)}" : "");

    /// <summary>A learning rate as a person writes it: <c>0.003</c>, <c>0.000151</c>, <c>8.217e-6</c> when smaller.</summary>
    private static string LearningRate(double lr) => lr.ToString(lr == 0 || lr >= 1e-4 ? "0.######" : "0.###e+0", Inv);

    private static string ValidationMetric(HoldoutEpoch e) =>
        e.ValidationAccuracy is { } a ? $"validation accuracy {Percent(a, 1)}" : string.Create(Inv, $"validation loss {e.ValidationLoss:F4}");

    /// <summary>A table of <paramref name="matrix"/> (row = true class, column = predicted), headed by the class names.</summary>
    public static Table ConfusionTable(MiniGrad.Nn.ConfusionMatrix matrix, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(classNames);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("true \\ predicted");
        foreach (string name in classNames) table.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        for (int r = 0; r < classNames.Count; r++)
        {
            var cells = new List<string> { Markup.Escape(classNames[r]) };
            for (int c = 0; c < classNames.Count; c++) cells.Add(matrix[r, c].ToString(Inv));
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    private static void WriteHoldoutPlot(string path, HoldoutResult result, string dataName, TextWriter output)
    {
        var grid = new MiniGrad.Plotting.ChartGrid { Title = $"{result.Architecture} with {result.Activation} on {dataName}", Columns = 2, CellWidth = 460, CellHeight = 320 };
        grid.Charts.Add(MiniGrad.Plotting.LossPlot.Chart([("train", result.TrainLosses), ("validation", result.ValidationLosses)], "Loss per epoch"));
        if (result.ValidationAccuracies is { } accuracies)
        {
            // One line, named by the title: no legend to cover its end, where accuracy is highest.
            var chart = new MiniGrad.Plotting.LineChart { Title = "Validation accuracy", XLabel = "epoch", YLabel = "accuracy (%)", IntegerX = true, ShowLegend = false };
            chart.Add(MiniGrad.Plotting.LineSeries.Indexed("validation", accuracies.Select(a => a * 100).ToList()));
            grid.Charts.Add(chart);
        }
        File.WriteAllText(path, grid.ToSvg());
        output.WriteLine($"Loss and validation curves written to {path}");
    }

    /// <summary>The first line: what is trained, on what, how.</summary>
    public static string Describe(TrainingOptions options, bool validated = true)
    {
        // What really runs: no hidden layer means no activation, and a batch is never larger than the data.
        string activation = options.EffectiveHidden.Count == 0 ? "no activation"
            : validated ? ActivationCatalog.Normalize(options.Activation) : options.Activation;
        int batch = Math.Min(options.EffectiveBatchSize, options.EffectiveSamples);
        var (features, outputs) = Dataset<double>.Shape(options.Task);
        string layers = string.Join("-", new[] { features }.Concat(options.EffectiveHidden).Append(outputs));
        string loss = outputs == 2 ? "cross entropy" : "MSE";
        return string.Create(Inv,
            $"Training {layers} with {activation} on the {options.Task.ToString().ToLowerInvariant()} task: {options.EffectiveSamples} samples, " +
            $"batch {batch}, {options.EffectiveEpochs} epochs, {loss}, {options.Optimizer.ToLowerInvariant()} lr {options.EffectiveLearningRate}, " +
            $"{(options.Double ? "float64" : "float32")}, seed {options.Seed}");
    }

    /// <summary>
    /// The tutorial's line, <c>Epoch 1/150, Loss: 0.6066838502883911</c> (and the accuracy for classification): Python's
    /// <c>f'{loss}'</c> prints a one-element tensor as its value's shortest round-trip repr, and so does this.
    /// </summary>
    public static string EpochLine(EpochReport e) =>
        string.Create(Inv, $"Epoch {e.Epoch}/{e.Epochs}, Loss: {e.Loss:R}") +
        (e.Accuracy is { } a ? $", Accuracy: {Percent(a, 1)}" : "");

    /// <summary>The closing lines: final loss (and accuracy, dead units) and the time taken.</summary>
    public static string Summary(TrainingResult r)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(string.Create(Inv, $"Final loss (all samples): {r.FinalLoss:F6}"));
        if (r.FinalAccuracy is { } a) sb.Append($", accuracy: {Percent(a, 1)}");
        if (r.DeadUnitFraction is { } d) sb.Append($", dead hidden units: {Percent(d, 0)}");
        sb.AppendLine();
        sb.Append(string.Create(Inv, $"Time: {r.Elapsed.TotalSeconds:F2} s"));
        return sb.ToString();
    }

    private static string Percent(double fraction, int decimals) => (fraction * 100).ToString("F" + decimals, Inv) + "%";
}
