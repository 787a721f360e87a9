using System.Diagnostics;
using System.Numerics;
using MiniGrad.Checkpoints;
using MiniGrad.Data;
using MiniGrad.Nn;
using MiniGrad.Optim;
using MiniGrad.Optim.LrScheduler;

namespace MiniGrad.Cli.Training;

/// <summary>
/// Training on real data as a PyTorch script does it: a seeded random split into train, validation and test parts
/// (<see cref="DataSplit.RandomSplit{T}(ClassificationDataset{T}, ReadOnlySpan{int}, Generator)"/>), inputs
/// standardized with statistics of the training part only, shuffled mini-batches (<see cref="DataLoader"/>), an MLP
/// (with dropout after each hidden activation when asked) trained with cross entropy (classification) or MSE
/// (regression), gradients clipped when asked, the learning rate scheduled when asked; after each epoch the mean
/// training loss and the validation loss (and accuracy); at the end the test part, looked at once: its accuracy and
/// confusion matrix (<see cref="Metrics"/>), or its loss.
/// </summary>
/// <remarks>
/// One generator, <c>Generator.PyTorchCompatible(seed)</c>, draws everything in this order: the split, the initial
/// weights, then each epoch's order of the training samples. The test part is as large as the validation part:
/// <see cref="TrainingOptions.EffectiveTestFraction"/> of the samples each (lengths as PyTorch's <c>random_split</c>
/// gives them for <c>[1 - 2f, f, f]</c>); the rest trains. The result holds the trained model with its
/// <see cref="ModelDescription"/> (the standardization included), written to <see cref="TrainingOptions.SavePath"/> when set.
/// </remarks>
public static class HoldoutRun
{
    /// <summary>The train, validation and test lengths of <paramref name="count"/> samples for test fraction <paramref name="testFraction"/>.</summary>
    public static int[] SplitLengths(int count, double testFraction) =>
        DataSplit.Lengths(count, [1 - 2 * testFraction, testFraction, testFraction]);

    /// <summary>
    /// The first problem with training on <paramref name="data"/> as <paramref name="options"/> say, as one line, or
    /// null: the options (<see cref="TrainingOptions.Validate"/>), a part of the split left empty, the network's dry run.
    /// </summary>
    public static string? Check<T>(TrainingOptions options, HoldoutData<T> data)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        if (options.Validate() is { } problem) return problem;
        int[] lengths = SplitLengths(data.Count, options.EffectiveTestFraction);
        if (lengths.Any(l => l == 0))
            return $"{data.Name} has {data.Count} sample{(data.Count == 1 ? "" : "s")}: too few to split into train, validation and test parts " +
                   $"({string.Join(", ", lengths)} samples at test fraction {options.EffectiveTestFraction.ToString(System.Globalization.CultureInfo.InvariantCulture)}); each needs at least one.";
        return TrainingRun.CheckNetwork(options, data.Features, data.Outputs);
    }

    /// <summary>
    /// Splits, trains and tests (see the type's remarks), calling <paramref name="onEpoch"/> after each epoch.
    /// </summary>
    /// <param name="options">The run's settings.</param>
    /// <param name="data">The data to split.</param>
    /// <param name="onEpoch">Called after each epoch.</param>
    /// <param name="checkpoint">Where to save checkpoints and the one to resume from; null for neither.</param>
    /// <exception cref="ArgumentException">The options do not fit the data (<see cref="Check{T}"/> says why).</exception>
    /// <exception cref="CheckpointMismatchException">The checkpoint resumed does not fit the run the options build; nothing was trained.</exception>
    public static HoldoutResult Run<T>(TrainingOptions options, HoldoutData<T> data, Action<HoldoutEpoch>? onEpoch = null, CheckpointPlan? checkpoint = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        if (Check(options, data) is { } problem) throw new ArgumentException(problem, nameof(options));
        var generator = Generator.PyTorchCompatible(options.Seed);
        int[] lengths = SplitLengths(data.Count, options.EffectiveTestFraction);
        bool standardize = options.Standardize || options.DataFile is null;
        if (data.Classification is { } classes)
        {
            var parts = DataSplit.RandomSplit(classes, lengths, generator);
            var scaler = standardize ? Standardizer.Fit(parts[0].Inputs) : null; // the training part only
            if (scaler is not null) parts = [.. parts.Select(p => p.WithInputs(scaler.Transform(p.Inputs)))];
            return Train(options, data, generator, parts[0], parts[1], parts[2], classes.ClassNames, scaler, onEpoch, checkpoint);
        }
        var values = DataSplit.RandomSplit(data.Regression!, lengths, generator);
        var valueScaler = standardize ? Standardizer.Fit(values[0].Inputs) : null;
        if (valueScaler is not null) values = [.. values.Select(p => p.WithInputs(valueScaler.Transform(p.Inputs)))];
        return Train(options, data, generator, values[0], values[1], values[2], null, valueScaler, onEpoch, checkpoint);
    }

    private static HoldoutResult Train<T, TTargets>(TrainingOptions options, HoldoutData<T> data, Generator generator,
        IDataset<(Tensor<T> Inputs, TTargets Targets)> train, IDataset<(Tensor<T> Inputs, TTargets Targets)> validation,
        IDataset<(Tensor<T> Inputs, TTargets Targets)> test, IReadOnlyList<string>? classNames, Standardizer<T>? scaler, Action<HoldoutEpoch>? onEpoch, CheckpointPlan? checkpoint)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string activation = ActivationCatalog.Normalize(options.Activation);
        var hidden = options.EffectiveHidden;
        var (model, _) = TrainingRun.BuildModel<T>(data.Features, hidden, data.Outputs, activation, generator, options.EffectiveDropout);
        var parameters = model.Parameters();
        var optimizer = TrainingRun.CreateOptimizer(options, parameters);
        int epochs = options.EffectiveEpochs;
        // A resumed run keeps the schedule of the run it goes on from, however many epochs it adds.
        int scheduleEpochs = checkpoint?.ScheduleEpochs ?? epochs;
        // Stepped once per epoch (PyTorch's usual place); the plateau schedule watches the validation loss.
        LRScheduler<T>? schedule = options.Scheduler?.ToLowerInvariant() switch
        {
            "cosine" => new CosineAnnealingLR<T>(optimizer, tMax: scheduleEpochs),
            "step" => new StepLR<T>(optimizer, stepSize: Math.Max(1, scheduleEpochs / 3)),
            _ => null,
        };
        var plateau = options.Scheduler?.ToLowerInvariant() == "plateau" ? new ReduceLROnPlateau<T>(optimizer, patience: 5) : null;
        var loader = DataLoader.Create(train, options.EffectiveBatchSize, shuffle: true, generator: generator);
        var crossEntropy = new CrossEntropyLoss();
        var mse = new MseLoss();
        Tensor<T> Loss(Tensor<T> outputs, TTargets targets) =>
            targets is int[] labels ? crossEntropy.Forward(outputs, labels) : mse.Forward(outputs, (Tensor<T>)(object)targets!);

        // One generator draws the split, the weights, each epoch's order and dropout's masks: its state is the run's.
        var saver = checkpoint is null ? null
            : new TrainingCheckpoint<T>(model, optimizer, (IStatefulScheduler?)schedule ?? plateau, new Dictionary<string, Generator> { ["generator"] = generator });
        var resumed = saver is null ? null : checkpoint!.Restore(saver);
        var trainLosses = new List<double>(CheckpointPlan.Metric(resumed, "train_loss"));
        var validationLosses = new List<double>(CheckpointPlan.Metric(resumed, "validation_loss"));
        var validationAccuracies = new List<double>(CheckpointPlan.Metric(resumed, "validation_accuracy"));
        // The run's own tape, its released intermediates recycled (as TrainingRun's).
        using var tape = Tape.Begin();
        tape.RecycleBuffers = true;
        var clock = Stopwatch.StartNew();
        for (int epoch = (resumed?.Epoch ?? 0) + 1; epoch <= epochs; epoch++)
        {
            double sum = 0, learningRate = optimizer.LearningRate;
            int seen = 0;
            foreach (var (inputs, targets) in loader)
            {
                optimizer.ZeroGrad();
                using var loss = Loss(model.Forward(inputs), targets);
                loss.Backward();
                if (options.ClipGradNorm is { } maxNorm) GradClipping.ClipGradNorm(parameters, maxNorm);
                optimizer.Step();
                int rows = inputs.Shape[0];
                sum += double.CreateChecked(loss.Item()) * rows; // the mean loss of the batch, weighted by its size
                seen += rows;
            }
            var (validationLoss, validationAccuracy, _) = Evaluate(model, validation, Loss);
            trainLosses.Add(sum / seen);
            validationLosses.Add(validationLoss);
            if (validationAccuracy is { } a) validationAccuracies.Add(a);
            schedule?.Step();
            plateau?.Step(validationLoss);
            if (checkpoint is not null && checkpoint.Due(epoch, epochs))
                checkpoint.Save(saver!, epoch, new()
                {
                    ["train_loss"] = trainLosses.ToArray(), ["validation_loss"] = validationLosses.ToArray(),
                    ["validation_accuracy"] = validationAccuracies.ToArray(),
                });
            onEpoch?.Invoke(new HoldoutEpoch(epoch, epochs, sum / seen, validationLoss, validationAccuracy,
                options.Scheduler is null ? null : learningRate));
        }
        clock.Stop();

        var (testLoss, testAccuracy, confusion) = Evaluate(model, test, Loss);
        var trained = new TrainedModel<T>(model, new ModelDescription
        {
            Inputs = data.Features, Hidden = [.. hidden], Outputs = data.Outputs, Activation = activation, Dropout = options.EffectiveDropout,
            Task = classNames is null ? ModelDescription.Regression : ModelDescription.Classification, Labels = classNames,
            Target = options.DataFile is null ? null : options.Target, Features = data.FeatureNames,
            Mean = scaler?.Mean, Std = scaler?.Std, Dtype = TrainedModel<T>.DtypeOf,
        });
        if (options.SavePath is { } savePath) trained.Save(savePath);
        string architecture = string.Join("-", new[] { data.Features }.Concat(hidden).Append(data.Outputs));
        return new HoldoutResult(architecture, activation, [train.Count, validation.Count, test.Count], trainLosses, validationLosses,
            classNames is null ? null : validationAccuracies, testLoss, testAccuracy, confusion, classNames, clock.Elapsed) { Trained = trained };
    }

    /// <summary>The loss over a whole part, without recording, in evaluation mode; for classes also the accuracy and confusion matrix.</summary>
    private static (double Loss, double? Accuracy, ConfusionMatrix? Confusion) Evaluate<T, TTargets>(Module<T> model,
        IDataset<(Tensor<T> Inputs, TTargets Targets)> part, Func<Tensor<T>, TTargets, Tensor<T>> lossOf)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var _ = Tape.NoGrad();
        model.Eval();
        try
        {
            var (inputs, targets) = part.Slice(0, part.Count);
            var outputs = model.Forward(inputs);
            double loss = double.CreateChecked(lossOf(outputs, targets).Item());
            if (targets is not int[] labels) return (loss, null, null);
            var confusion = Metrics.ConfusionMatrix(outputs, labels, numClasses: outputs.Shape[1]);
            return (loss, confusion.Accuracy(), confusion);
        }
        finally
        {
            model.Train();
        }
    }
}

/// <summary>One finished epoch of a <see cref="HoldoutRun"/>.</summary>
/// <param name="Epoch">The epoch number, from 1.</param>
/// <param name="Epochs">The number of epochs.</param>
/// <param name="TrainLoss">The mean loss over the epoch's training batches (weighted by their sizes).</param>
/// <param name="ValidationLoss">The loss over the validation part after the epoch.</param>
/// <param name="ValidationAccuracy">The accuracy over the validation part (classification), else null.</param>
/// <param name="LearningRate">The learning rate the epoch trained with, when a schedule changes it; else null.</param>
public readonly record struct HoldoutEpoch(int Epoch, int Epochs, double TrainLoss, double ValidationLoss, double? ValidationAccuracy, double? LearningRate = null);

/// <summary>What a <see cref="HoldoutRun"/> produced.</summary>
/// <param name="Architecture">The layer sizes, e.g. <c>64-128-10</c>.</param>
/// <param name="Activation">The activation's display name.</param>
/// <param name="Split">The sizes of the train, validation and test parts.</param>
/// <param name="TrainLosses">Each epoch's mean training loss.</param>
/// <param name="ValidationLosses">Each epoch's validation loss.</param>
/// <param name="ValidationAccuracies">Each epoch's validation accuracy (classification), else null.</param>
/// <param name="TestLoss">The loss over the test part after training.</param>
/// <param name="TestAccuracy">The accuracy over the test part (classification), else null.</param>
/// <param name="ConfusionMatrix">The test part's counts, row = true class, column = predicted (classification), else null.</param>
/// <param name="ClassNames">The class names (classification), else null.</param>
/// <param name="Elapsed">The wall-clock time of the training loop.</param>
public sealed record HoldoutResult(
    string Architecture,
    string Activation,
    IReadOnlyList<int> Split,
    IReadOnlyList<double> TrainLosses,
    IReadOnlyList<double> ValidationLosses,
    IReadOnlyList<double>? ValidationAccuracies,
    double TestLoss,
    double? TestAccuracy,
    ConfusionMatrix? ConfusionMatrix,
    IReadOnlyList<string>? ClassNames,
    TimeSpan Elapsed)
{
    /// <summary>The trained network with its description (saved when <see cref="TrainingOptions.SavePath"/> is set).</summary>
    public TrainedModel? Trained { get; init; }
}
