using System.Globalization;
using MiniGrad.Data;
using MiniGrad.Nn;
using MiniGrad.Optim;
using MiniGrad.Optim.LrScheduler;

namespace MiniGrad.Benchmarks;

/// <summary>
/// The Digits example's whole training run (examples/Digits/Program.cs, twin of examples/Digits/digits.py) as one
/// timed unit: the seeded 80/20 split, the shuffling loader (batch 32), Sequential(Linear(64, 64), ReLU, Dropout(p),
/// Linear(64, 10)), cross entropy, Adam (lr 0.01), CosineAnnealingLR stepped per epoch, the test accuracy after each
/// epoch and at the end. The example is a top-level program that cannot be called, so its loop is reproduced here
/// statement for statement (printing left out, on both sides); the dataset is read and scaled once, outside the timing,
/// as benchmarks/compare does with sklearn's load_digits.
/// </summary>
public sealed class DigitsJob
{
    private const int BatchSize = 32;
    private const double LearningRate = 0.01;
    private readonly ClassificationDataset<float> digits;
    private readonly int epochs;
    private readonly double dropout;
    private readonly ulong seed;

    /// <param name="epochs">Epochs per run (the example's default is 20).</param>
    /// <param name="style">How the loop is written: <see cref="LoopStyle.Plain"/> is the example's own.</param>
    /// <param name="dropout">The dropout probability (the example's default is 0.2).</param>
    /// <param name="seed">The example's <c>--seed</c>.</param>
    public DigitsJob(int epochs = 20, LoopStyle style = LoopStyle.Plain, double dropout = 0.2, ulong seed = 0)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "DigitsJob: needs at least 1 epoch.");
        var raw = Datasets.Digits<float>();
        digits = raw.WithInputs(raw.Inputs / 16f);
        this.epochs = epochs;
        this.dropout = dropout;
        this.seed = seed;
        Style = style;
    }

    /// <summary>How the loop is written.</summary>
    public LoopStyle Style { get; }

    /// <summary>The final test accuracy of the last run, in percent.</summary>
    public double LastAccuracy { get; private set; }

    /// <summary>The mean batch loss of the last epoch of the last run.</summary>
    public double LastEpochLoss { get; private set; }

    /// <summary>"digits 64-64-10, 20 epochs".</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"digits 64-64-10, {epochs} epochs");

    /// <summary>One whole training run, from the split to the final test accuracy.</summary>
    public void Run()
    {
        if (Style == LoopStyle.Plain)
        {
            Train();
            return;
        }
        // The tuned run recycles on a tape of its own, so that the switch does not outlive it.
        using var tape = Tape.Begin();
        tape.RecycleBuffers = true;
        Train();
    }

    private void Train()
    {
        bool tuned = Style == LoopStyle.Tuned;
        var parts = DataSplit.RandomSplit(digits, [0.8, 0.2], Generator.PyTorchCompatible(seed));
        var (train, test) = (parts[0], parts[1]);
        var loader = DataLoader.Create(train, BatchSize, shuffle: true, generator: Generator.PyTorchCompatible(seed));
        var g = Generator.PyTorchCompatible(seed);
        var model = new Sequential<float>(
            new Linear<float>(64, 64, g), new Relu<float>(), new Dropout<float>(dropout, g), new Linear<float>(64, 10, g));
        var criterion = new CrossEntropyLoss();
        var optimizer = new Adam<float>(model.Parameters(), lr: LearningRate);
        var scheduler = new CosineAnnealingLR<float>(optimizer, tMax: epochs);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            double total = 0;
            foreach (var (x, y) in loader)
            {
                if (tuned)
                {
                    optimizer.ZeroGrad(setToNone: false);
                    using var tunedLoss = criterion.Forward(model.Forward(x), y);
                    tunedLoss.Backward();
                    optimizer.Step();
                    total += tunedLoss.Item();
                }
                else
                {
                    optimizer.ZeroGrad();
                    var loss = criterion.Forward(model.Forward(x), y);
                    loss.Backward();
                    optimizer.Step();
                    total += loss.Item();
                }
            }
            scheduler.Step();
            // The example prints the epoch's mean loss and test accuracy; computing them is part of its cost.
            LastEpochLoss = total / loader.Count;
            LastAccuracy = TestAccuracy(model, test);
        }
        LastAccuracy = TestAccuracy(model, test);
    }

    private static double TestAccuracy(Sequential<float> model, ClassificationDataset<float> test)
    {
        model.Eval();
        double accuracy;
        using (Tape.NoGrad())
            accuracy = Metrics.Accuracy(model.Forward(test.Inputs), test.Targets);
        model.Train();
        return 100 * accuracy;
    }
}
