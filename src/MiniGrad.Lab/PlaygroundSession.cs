using MiniGrad.Nn;
using MiniGrad.Optim;
using MiniGrad.Study;

namespace MiniGrad.Lab;

/// <summary>
/// One browser tab's run: its data, network and optimizer, trained on the server. Every member locks the session, so
/// the stream that trains it and the requests that step, pause or reset it never see half a step.
/// </summary>
public sealed class PlaygroundSession
{
    /// <summary>The heat map's side in cells.</summary>
    public const int GridSize = 48;

    /// <summary>The side of each hidden unit's map.</summary>
    public const int UnitGridSize = 16;

    private readonly Lock gate = new();
    private PlaygroundSettings settings = null!;
    private PlaygroundData data = null!;
    private Sequential<float> model = null!;
    private List<Linear<float>> layers = null!;
    private List<int> activationIndices = null!;
    private Optimizer<float> optimizer = null!;
    private Generator batchOrder = null!;
    private int epoch, steps;
    private bool hasGradients, playing;

    /// <summary>Starts a run of <paramref name="settings"/> (checked first: see <see cref="PlaygroundSettings.Problem"/>).</summary>
    /// <exception cref="ArgumentException">The settings are invalid; the message says why.</exception>
    public PlaygroundSession(string id, PlaygroundSettings settings)
    {
        Id = id;
        Reset(settings);
    }

    /// <summary>The session's id, which the page sends with every request.</summary>
    public string Id { get; }

    /// <summary>Whether the stream trains the run (play) or only shows it (pause); a change is a new version, so the page hears of it.</summary>
    public bool Playing
    {
        get { lock (gate) return playing; }
        set
        {
            lock (gate)
            {
                if (playing == value) return;
                playing = value;
                Version++;
            }
        }
    }

    /// <summary>Increases whenever the run changes: the stream sends a frame when it sees a new version.</summary>
    public long Version { get; private set; }

    /// <summary>The settings of the current run.</summary>
    public PlaygroundSettings Settings { get { lock (gate) return settings; } }

    /// <summary>Starts over with <paramref name="newSettings"/>: new data, new weights, epoch 0; paused.</summary>
    /// <exception cref="ArgumentException">The settings are invalid; the message says why and nothing changed.</exception>
    public void Reset(PlaygroundSettings newSettings)
    {
        ArgumentNullException.ThrowIfNull(newSettings);
        if (newSettings.Problem() is { } problem) throw new ArgumentException(problem, nameof(newSettings));
        var newData = PlaygroundData.Create(newSettings);
        var (newModel, newLayers, newActivations) = Build(newSettings, newData.Classes, new Generator((ulong)newSettings.Seed + 1));
        var newOptimizer = NewOptimizer(newModel.Parameters(), newSettings);
        lock (gate)
        {
            settings = newSettings;
            data = newData;
            model = newModel;
            layers = newLayers;
            activationIndices = newActivations;
            optimizer = newOptimizer;
            batchOrder = new Generator((ulong)newSettings.Seed + 2);
            epoch = steps = 0;
            hasGradients = false;
            playing = false;
            Version++;
        }
    }

    // The network of the settings: Linear layers with the activation between them; the weights drawn from gen.
    private static (Sequential<float> Model, List<Linear<float>> Layers, List<int> ActivationIndices) Build(PlaygroundSettings s, int classes, Generator gen)
    {
        var model = new Sequential<float>();
        var layers = new List<Linear<float>>();
        var activations = new List<int>();
        int previous = 2;
        int outputs = classes == 2 ? 1 : classes;
        foreach (int size in s.Hidden.Append(outputs))
        {
            var linear = new Linear<float>(previous, size, gen);
            layers.Add(linear);
            model.Append(linear);
            if (layers.Count <= s.Hidden.Length)
            {
                if (ActivationCatalog.Create<float>(s.Activation, gen) is { } act) model.Append(act);
                activations.Add(model.Count - 1);
            }
            previous = size;
        }
        return (model, layers, activations);
    }

    // The optimizer of the settings over these parameters.
    private static Optimizer<float> NewOptimizer(IEnumerable<Tensor<float>> parameters, PlaygroundSettings s) => s.Optimizer switch
    {
        "sgd" => new Sgd<float>(parameters, s.Lr, momentum: s.Momentum, weightDecay: s.L2),
        "adamw" => new AdamW<float>(parameters, s.Lr, weightDecay: s.L2),
        "rmsprop" => new RmsProp<float>(parameters, s.Lr, momentum: s.Momentum, weightDecay: s.L2),
        "adagrad" => new Adagrad<float>(parameters, s.Lr, weightDecay: s.L2),
        _ => new Adam<float>(parameters, s.Lr, weightDecay: s.L2),
    };

    /// <summary>Trains one epoch: the training samples in a seeded shuffled order, one optimizer step per batch.</summary>
    public void TrainEpoch()
    {
        lock (gate)
        {
            var order = batchOrder.Permutation(data.TrainCount);
            int batch = Math.Min(settings.BatchSize, data.TrainCount);
            for (int start = 0; start < order.Length; start += batch)
            {
                var (x, y) = data.Gather(order[start..Math.Min(order.Length, start + batch)]);
                optimizer.ZeroGrad();
                var loss = Loss(model.Forward(x), y);
                loss.Backward();
                optimizer.Step();
                steps++;
            }
            hasGradients = true;
            epoch++;
            Version++;
        }
    }

    /// <summary>The run as the page draws it, computed now.</summary>
    public PlaygroundFrame Frame()
    {
        lock (gate)
        {
            using var _ = Tape.NoGrad();
            var (trainX, trainY) = data.Part(0, data.TrainCount);
            var (testX, testY) = data.Part(data.TrainCount, data.Points.Length - data.TrainCount);
            var (trainLoss, trainAccuracy) = Evaluate(trainX, trainY);
            var (testLoss, testAccuracy) = Evaluate(testX, testY);

            double extent = PlaygroundData.Extent;
            // One batched forward pass over every cell of the heat map.
            var logits = model.Forward(Grid(GridSize, extent)).ToArray();
            var boundary = new float[GridSize * GridSize];
            int k = data.Classes;
            for (int i = 0; i < boundary.Length; i++)
            {
                if (k == 2) boundary[i] = Short(Sigmoid(logits[i]), 3);
                else
                {
                    var p = Softmax(logits.AsSpan(i * k, k));
                    int best = Array.IndexOf(p, p.Max());
                    boundary[i] = Short(best + Math.Min(p[best], 0.999), 3);
                }
            }

            var unitMaps = HiddenOutputs(Grid(UnitGridSize, extent)).SelectMany(h => Columns(h, scale: true)).ToArray();
            var dead = HiddenOutputs(trainX).Select(h => Columns(h, scale: false).Select(c => c.All(v => v == 0)).ToArray()).ToArray();
            var pictures = layers.Select(l => new LayerPicture(l.InFeatures, l.OutFeatures, l.Weight.ToArray(), l.Bias!.ToArray(),
                hasGradients ? l.Weight.Grad?.ToArray() : null, hasGradients ? l.Bias.Grad?.ToArray() : null)).ToArray();
            var points = data.Points.Select((p, i) => new[] { Math.Round(p[0], 4), Math.Round(p[1], 4), data.Labels[i], i < data.TrainCount ? 1 : 0 }).ToArray();
            return new PlaygroundFrame(Id, epoch, steps, trainLoss, testLoss, trainAccuracy, testAccuracy, playing, k,
                GridSize, extent, boundary, unitMaps, UnitGridSize, dead, pictures, points);
        }
    }

    /// <summary>
    /// Explains the forward and backward pass of one training sample's loss with <see cref="TapeExplainer"/>, on a copy
    /// of the network (so the run's weights, gradients and optimizer are untouched), and the update the run's
    /// optimizer would make with that sample's gradients: a twin of the optimizer, loaded with a copy of its state
    /// (<see cref="Optimizer{T}.StateDict"/>), steps the copy's weights.
    /// </summary>
    /// <param name="sample">The training sample's index, 0 to the training set's size - 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">No training sample has that index.</exception>
    public BackpropView Backprop(int sample)
    {
        lock (gate)
        {
            if (sample < 0 || sample >= data.TrainCount)
                throw new ArgumentOutOfRangeException(nameof(sample), sample, $"sample must be a training sample's index from 0 to {data.TrainCount - 1}, got {sample}.");
            var (x, y) = data.Gather([sample]);
            x.Name = "x";
            var (copy, copyLayers, _) = Build(settings, data.Classes, new Generator(0));
            var original = model.Parameters();
            var parameters = copy.Parameters();
            for (int i = 0; i < parameters.Count; i++) original[i].ToArray().CopyTo(parameters[i].Span);
            for (int li = 0; li < copyLayers.Count; li++)
            {
                copyLayers[li].Weight.Name = $"W{li}";
                copyLayers[li].Bias!.Name = $"b{li}";
            }
            // The activation's own parameters (PReLU's slope) are a0, a1, ... after the hidden layer they follow.
            int hidden = 0;
            foreach (var (_, child) in copy.NamedChildren)
            {
                if (child is Linear<float>) continue;
                foreach (var p in child.Parameters()) p.Name = $"a{hidden}";
                hidden++;
            }
            var loss = Loss(copy.Forward(x), y);
            loss.Name = "loss";
            var explanation = TapeExplainer.Explain(loss);

            var saved = optimizer.StateDict();
            var before = parameters.Select(p => p.ToArray()).ToArray();
            var twin = NewOptimizer(parameters, settings);
            twin.LoadStateDict(saved);
            twin.Step();
            var updates = parameters.Select((p, i) => ParameterUpdate.Create(p.Name!, i, p.Shape.Dims.ToArray(), p.Grad?.ToArray(), before[i], p.ToArray(), saved)).ToArray();
            var update = new OptimizerUpdate(saved.Optimizer, optimizer.StepCount,
                saved.Scalars.Where(kv => !kv.Key.StartsWith("state.", StringComparison.Ordinal) && kv.Key != "step_count")
                    .ToDictionary(kv => kv.Key, kv => kv.Value), updates);
            return BackpropView.Create(explanation, [data.Points[sample][0], data.Points[sample][1]], y[0], update);
        }
    }

    private Tensor<float> Loss(Tensor<float> logits, int[] targets)
    {
        if (data.Classes != 2) return Functional.CrossEntropy(logits, targets);
        var t = Tensor<float>.FromArray(targets.Select(v => (float)v).ToArray(), targets.Length, 1);
        return Functional.BinaryCrossEntropyWithLogits(logits, t);
    }

    private (double Loss, double Accuracy) Evaluate(Tensor<float> x, int[] y)
    {
        var logits = model.Forward(x);
        double loss = Loss(logits, y).Item();
        var v = logits.ToArray();
        int k = data.Classes == 2 ? 1 : data.Classes, right = 0;
        for (int i = 0; i < y.Length; i++)
        {
            int predicted = k == 1 ? (v[i] > 0 ? 1 : 0) : Array.IndexOf(v, v.AsSpan(i * k, k).ToArray().Max(), i * k) - i * k;
            if (predicted == y[i]) right++;
        }
        return (loss, (double)right / y.Length);
    }

    // Each hidden layer's output (after its activation) for the inputs.
    private List<Tensor<float>> HiddenOutputs(Tensor<float> x)
    {
        var outputs = new List<Tensor<float>>();
        var h = x;
        for (int i = 0; i < model.Count; i++)
        {
            h = model[i].Forward(h);
            if (activationIndices.Contains(i)) outputs.Add(h);
        }
        return outputs;
    }

    // The columns (units) of a [n, units] tensor, each optionally scaled to [-1, 1] by its largest magnitude.
    private static IEnumerable<float[]> Columns(Tensor<float> h, bool scale)
    {
        var v = h.ToArray();
        int n = h.Shape[0], units = h.Shape[1];
        for (int u = 0; u < units; u++)
        {
            var c = new float[n];
            for (int i = 0; i < n; i++) c[i] = v[i * units + u];
            float max = scale ? c.Max(Math.Abs) : 0;
            if (max > 0) for (int i = 0; i < n; i++) c[i] = Short(c[i] / max, 2);
            yield return c;
        }
    }

    // The centres of size × size cells covering [-extent, extent]², row by row from the top.
    private static Tensor<float> Grid(int size, double extent)
    {
        var g = new float[size * size * 2];
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++)
            {
                g[2 * (r * size + c)] = (float)(-extent + (c + 0.5) * 2 * extent / size);
                g[2 * (r * size + c) + 1] = (float)(extent - (r + 0.5) * 2 * extent / size);
            }
        return Tensor<float>.FromArray(g, size * size, 2);
    }

    // The pictures need no more digits than a screen shows; fewer digits make a frame a third of the size to send and parse.
    private static float Short(double v, int digits) => (float)Math.Round(v, digits);

    private static double Sigmoid(float z) => 1 / (1 + Math.Exp(-z));

    private static double[] Softmax(ReadOnlySpan<float> z)
    {
        float max = float.MinValue;
        foreach (var v in z) max = Math.Max(max, v);
        var e = new double[z.Length];
        for (int i = 0; i < z.Length; i++) e[i] = Math.Exp(z[i] - max);
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }
}
