using System.Diagnostics;
using System.Numerics;
using MiniGrad.Checkpoints;
using MiniGrad.Nn;
using MiniGrad.Optim;
using MiniGrad.Study;

namespace MiniGrad.Cli.Training;

/// <summary>
/// The training loop of tutorial 003 for any <see cref="TrainingOptions"/>: a Sequential of Linear layers with the
/// activation between them, mini-batches taken in order, <c>ZeroGrad</c> / forward / loss / <c>Backward</c> /
/// <c>Step</c>. Regression tasks use MSE; classification tasks use cross entropy on the logits (softmax included).
/// </summary>
public static class TrainingRun
{
    /// <summary>
    /// The first problem with <paramref name="options"/> as one line, or null: the options themselves
    /// (<see cref="TrainingOptions.Validate"/>), then a dry forward pass of one zero row through the network, which
    /// catches an activation that cannot sit between Linear layers (one that changes the width, say).
    /// </summary>
    public static string? Check(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem) return problem;
        var (features, outputs) = Dataset<double>.Shape(options.Task);
        return CheckNetwork(options, features, outputs);
    }

    /// <summary>
    /// The dry run of <see cref="Check"/> for a network of <paramref name="features"/> inputs and
    /// <paramref name="outputs"/> outputs (a CSV file's, known once it is read): one line, or null when it runs.
    /// </summary>
    public static string? CheckNetwork(TrainingOptions options, int features, int outputs)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            // In the element type the run trains in: a dry run in the other one would compile every kernel twice
            // in a process that uses one of them (a fifth of a short run's time).
            var shape = options.Double ? DryRun<double>(options, features, outputs) : DryRun<float>(options, features, outputs);
            if (shape != new TensorShape(2, outputs))
                return $"activation '{options.Activation}' does not fit between Linear layers: the network's output has shape {shape}, expected [2, {outputs}].";
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // The reason without .NET's "(Parameter 'x')" suffix, which means nothing to a user of the command.
            string reason = e is ArgumentException { ParamName: { } p } ? e.Message.Replace($" (Parameter '{p}')", "") : e.Message;
            return $"activation '{options.Activation}' does not fit between Linear layers: {reason}";
        }
        return null;
    }

    /// <summary>The shape of the network's output for two rows of zeros, without recording.</summary>
    private static TensorShape DryRun<T>(TrainingOptions options, int features, int outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var _ = Tape.NoGrad();
        var (model, _) = BuildModel<T>(features, options.EffectiveHidden, outputs, options.Activation, new Generator(0));
        return model.Forward(Tensor<T>.Zeros(2, features)).Shape;
    }

    /// <summary>
    /// Checks <paramref name="options"/> (<see cref="Check"/>), then trains in float (or double with <see cref="TrainingOptions.Double"/>),
    /// calling <paramref name="onEpoch"/> after each epoch.
    /// </summary>
    /// <param name="options">The run's settings.</param>
    /// <param name="onEpoch">Called after each epoch.</param>
    /// <param name="checkpoint">Where to save checkpoints and the one to resume from; null for neither.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message says why); nothing was trained.</exception>
    /// <exception cref="CheckpointMismatchException">The checkpoint resumed does not fit the run the options build; nothing was trained.</exception>
    public static TrainingResult Run(TrainingOptions options, Action<EpochReport>? onEpoch = null, CheckpointPlan? checkpoint = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Check(options) is { } problem) throw new ArgumentException(problem, nameof(options));
        if (options.IsHoldout)
            throw new ArgumentException("iris, digits and CSV files are trained on a train/validation/test split: use HoldoutRun.", nameof(options));
        return options.Double ? Run<double>(options, onEpoch, checkpoint) : Run<float>(options, onEpoch, checkpoint);
    }

    /// <summary>
    /// Builds the network: Linear layers of the given sizes with the activation after every one but the last, and
    /// a <see cref="Dropout{T}"/> of probability <paramref name="dropout"/> after each activation when it is above 0.
    /// </summary>
    public static (Sequential<T> Model, List<Linear<T>> Layers) BuildModel<T>(int inputs, IReadOnlyList<int> hidden, int outputs,
        string activation, Generator generator, double dropout = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var model = new Sequential<T>();
        var layers = new List<Linear<T>>();
        int previous = inputs;
        foreach (int size in hidden.Append(outputs))
        {
            var linear = new Linear<T>(previous, size, generator);
            layers.Add(linear);
            model.Append(linear);
            if (layers.Count <= hidden.Count)
            {
                if (ActivationCatalog.Create<T>(activation, generator) is { } act) model.Append(act);
                if (dropout > 0) model.Append(new Dropout<T>(dropout, generator));
            }
            previous = size;
        }
        return (model, layers);
    }

    private static TrainingResult Run<T>(TrainingOptions options, Action<EpochReport>? onEpoch, CheckpointPlan? checkpoint)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // One generator, used as the tutorial's script uses torch's: data first, then the model's initial weights. It
        // draws what PyTorch's CPU generator draws after torch.manual_seed(seed), so the random task starts from the
        // very data and weights the tutorial's script would with that seed.
        var generator = Generator.PyTorchCompatible(options.Seed);
        var data = Dataset<T>.Create(options.Task, options.EffectiveSamples, generator);
        string activation = ActivationCatalog.Normalize(options.Activation);
        var (model, layers) = BuildModel<T>(data.Features, options.EffectiveHidden, data.Outputs, activation, generator);
        var optimizer = CreateOptimizer(options, model.Parameters());
        var mse = new MseLoss();
        var crossEntropy = new CrossEntropyLoss();
        var diagnostics = options.Diagnose ? new TrainingDiagnostics<T>(model) : null;

        // The generator goes on drawing after the weights (rrelu's slopes): its state is part of the run's.
        var saver = checkpoint is null ? null
            : new TrainingCheckpoint<T>(model, optimizer, generators: new Dictionary<string, Generator> { ["generator"] = generator });
        var resumed = saver is null ? null : checkpoint!.Restore(saver);
        double initialLoss = resumed is null ? Evaluate(model, data).Loss : CheckpointPlan.Metric(resumed, "initial_loss").FirstOrDefault(double.NaN);
        // A tape of the run's own whose released intermediates go back to the pool: a warm step rents every buffer
        // it needs instead of allocating it. The diagnostics read layer outputs after backward, so they keep them.
        using var tape = Tape.Begin();
        tape.RecycleBuffers = diagnostics is null;
        int n = data.Samples, batch = options.EffectiveBatchSize, epochs = options.EffectiveEpochs;
        var losses = new List<double>(epochs);
        losses.AddRange(CheckpointPlan.Metric(resumed, "loss"));
        var clock = Stopwatch.StartNew();
        for (int epoch = (resumed?.Epoch ?? 0) + 1; epoch <= epochs; epoch++)
        {
            double last = double.NaN;
            for (int i = 0; i < n; i += batch)
            {
                int count = Math.Min(batch, n - i);
                var inputs = data.X.SliceRows(i, count);
                optimizer.ZeroGrad();
                var outputs = diagnostics?.Forward(inputs) ?? model.Forward(inputs);
                using var loss = data.Labels is { } labels
                    ? crossEntropy.Forward(outputs, labels.AsSpan(i, count))
                    : mse.Forward(outputs, data.Y!.SliceRows(i, count));
                loss.Backward();
                diagnostics?.AfterBackward();
                optimizer.Step();
                last = double.CreateChecked(loss.Item());
            }
            losses.Add(last);
            if (checkpoint is not null && checkpoint.Due(epoch, epochs))
                checkpoint.Save(saver!, epoch, new() { ["loss"] = losses.ToArray(), ["initial_loss"] = [initialLoss] });
            onEpoch?.Invoke(new EpochReport(epoch, epochs, last, data.IsClassification ? Evaluate(model, data).Accuracy : null,
                diagnostics?.EndEpoch(epoch)));
        }
        clock.Stop();

        var (finalLoss, accuracy) = Evaluate(model, data);
        double? dead = ActivationCatalog.IsReluLike(activation) && options.EffectiveHidden.Count > 0 ? DeadUnits(model, layers, data) : null;
        string architecture = string.Join("-", new[] { data.Features }.Concat(options.EffectiveHidden).Append(data.Outputs));
        // A generated task has no columns: its inputs are named x1, x2, ... and its classes by index.
        var trained = new TrainedModel<T>(model, new ModelDescription
        {
            Inputs = data.Features, Hidden = [.. options.EffectiveHidden], Outputs = data.Outputs, Activation = activation,
            Task = data.IsClassification ? ModelDescription.Classification : ModelDescription.Regression,
            Labels = data.IsClassification ? [.. Enumerable.Range(0, data.Outputs).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))] : null,
            Features = [.. Enumerable.Range(1, data.Features).Select(i => $"x{i}")], Dtype = TrainedModel<T>.DtypeOf,
        });
        if (options.SavePath is { } savePath) trained.Save(savePath);
        return new TrainingResult(activation, architecture, initialLoss, losses, finalLoss, accuracy, dead, clock.Elapsed) { Trained = trained };
    }

    internal static Optimizer<T> CreateOptimizer<T>(TrainingOptions options, IReadOnlyList<Tensor<T>> parameters)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double lr = options.EffectiveLearningRate;
        return options.Optimizer.ToLowerInvariant() switch
        {
            "adam" => new Adam<T>(parameters, lr),
            "adamw" => new AdamW<T>(parameters, lr),
            "sgd" => new Sgd<T>(parameters, lr, momentum: 0.9),
            _ => throw new ArgumentException($"unknown optimizer '{options.Optimizer}'."),
        };
    }

    /// <summary>The loss over the whole data set, and the accuracy for classification, without recording.</summary>
    private static (double Loss, double? Accuracy) Evaluate<T>(Module<T> model, Dataset<T> data)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var _ = Tape.NoGrad();
        // Evaluation mode (rrelu uses its mean slope, not random ones), then back to training.
        model.Eval();
        var outputs = model.Forward(data.X);
        model.Train();
        if (data.Labels is not { } labels) return (double.CreateChecked(Functional.MseLoss(outputs, data.Y!).Item()), null);
        double loss = double.CreateChecked(Functional.CrossEntropy(outputs, labels).Item());
        var predicted = outputs.ArgMax(1);
        int correct = 0;
        for (int i = 0; i < labels.Length; i++) if (predicted[i] == labels[i]) correct++;
        return (loss, (double)correct / labels.Length);
    }

    /// <summary>The fraction of hidden units whose pre-activation is &lt;= 0 for every sample: they never fire, so get no gradient.</summary>
    private static double DeadUnits<T>(Sequential<T> model, List<Linear<T>> layers, Dataset<T> data)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var _ = Tape.NoGrad();
        model.Eval();
        int dead = 0, total = 0;
        var h = data.X;
        for (int k = 0; k < model.Count; k++)
        {
            var z = model[k].Forward(h);
            if (model[k] is Linear<T> linear && !ReferenceEquals(linear, layers[^1]))
            {
                int units = z.Shape[1], rows = z.Shape[0];
                var zs = z.ReadOnlySpan;
                for (int u = 0; u < units; u++)
                {
                    bool alive = false;
                    for (int r = 0; r < rows && !alive; r++) alive = zs[r * units + u] > T.Zero;
                    if (!alive) dead++;
                }
                total += units;
            }
            h = z;
        }
        model.Train();
        return total == 0 ? 0 : (double)dead / total;
    }
}
