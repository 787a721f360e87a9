using MiniGrad.Nn;
using MiniGrad.Optim;

namespace MiniGrad.Benchmarks;

/// <summary>
/// A training job as the tutorials write it: Linear layers with ReLU between them, MSE loss, Adam (lr 1e-3), float32,
/// mini-batches taken in order from a fixed random dataset. One <see cref="Step"/> is ZeroGrad, forward, loss,
/// backward, optimizer step, written in the job's <see cref="LoopStyle"/>.
/// </summary>
public sealed class TrainingJob
{
    private readonly Sequential<float> model;
    private readonly Adam<float> optimizer;
    private readonly MseLoss criterion = new();
    private readonly Tensor<float> x, y;
    private readonly int batch, samples;
    private int next;

    /// <param name="sizes">Layer widths, input first: 10-18-18-4-1 is the tutorial 003 network.</param>
    /// <param name="batch">Rows per step.</param>
    /// <param name="batches">Distinct mini-batches in the dataset (the tutorial has 100 samples in batches of 10).</param>
    /// <param name="style">How the step is written (see <see cref="LoopStyle"/>).</param>
    /// <param name="seed">Seed of the data and the initial weights.</param>
    public TrainingJob(int[] sizes, int batch, int batches = 10, LoopStyle style = LoopStyle.Tuned, ulong seed = 42)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Length < 2 || sizes.Any(s => s < 1) || batch < 1 || batches < 1)
            throw new ArgumentException($"TrainingJob: needs at least two layer sizes, all at least 1, and a batch and batch count of at least 1; got sizes {string.Join("-", sizes)}, batch {batch}, batches {batches}.");
        var generator = new Generator(seed);
        this.batch = batch;
        Style = style;
        Sizes = [.. sizes];
        samples = batch * batches;
        x = Tensor<float>.RandomNormal(generator, samples, sizes[0]);
        y = Tensor<float>.RandomNormal(generator, samples, sizes[^1]);
        model = new Sequential<float>();
        for (int i = 1; i < sizes.Length; i++)
        {
            model.Append(new Linear<float>(sizes[i - 1], sizes[i], generator));
            if (i < sizes.Length - 1) model.Append(new Relu<float>());
        }
        optimizer = new Adam<float>(model.Parameters(), lr: 1e-3);
        Parameters = model.Parameters().Sum(p => p.Length);
        Name = string.Join("-", sizes) + $" batch {batch}";
    }

    /// <summary>The tutorial 003 job: 10-18-18-4-1, ReLU, batch 10, MSE, Adam.</summary>
    public static TrainingJob Tutorial003(LoopStyle style = LoopStyle.Tuned) => new([10, 18, 18, 4, 1], batch: 10, style: style);

    /// <summary>The MNIST-sized job: 784-256-256-10, ReLU, batch 128, MSE, Adam.</summary>
    public static TrainingJob Mlp(LoopStyle style = LoopStyle.Tuned) => new([784, 256, 256, 10], batch: 128, batches: 4, style: style);

    /// <summary>"10-18-18-4-1 batch 10".</summary>
    public string Name { get; }

    /// <summary>How <see cref="Step"/> is written.</summary>
    public LoopStyle Style { get; }

    /// <summary>The layer widths, input first.</summary>
    public IReadOnlyList<int> Sizes { get; }

    /// <summary>The number of trainable parameters.</summary>
    public int Parameters { get; }

    /// <summary>The loss of the last tuned step (the plain loop, like the tutorial's, does not read it).</summary>
    public float LastLoss { get; private set; }

    /// <summary>One training step on the next mini-batch, in the job's <see cref="Style"/>.</summary>
    public void Step()
    {
        if (Style == LoopStyle.Plain) PlainStep();
        else TunedStep();
    }

    /// <summary>
    /// Adam's update alone, on the gradients the last step left (run a <see cref="LoopStyle.Tuned"/> step first: the
    /// plain loop's <c>ZeroGrad()</c> drops them). It measures the optimizer inside the job, at the job's size.
    /// </summary>
    public void OptimizerStep() => optimizer.Step();

    // Tutorial003Training.cs's loop body, statement for statement.
    private void PlainStep()
    {
        var inputs = x.SliceRows(next, batch);
        var labels = y.SliceRows(next, batch);
        next = (next + batch) % samples;
        optimizer.ZeroGrad();
        var outputs = model.Forward(inputs);
        var loss = criterion.Forward(outputs, labels);
        loss.Backward();
        optimizer.Step();
    }

    private void TunedStep()
    {
        Tape.Current.RecycleBuffers = true;
        using var inputs = x.SliceRows(next, batch);
        using var targets = y.SliceRows(next, batch);
        next = (next + batch) % samples;
        // PyTorch 1.13's zero_grad() (what benchmarks/compare runs) zeroes in place.
        optimizer.ZeroGrad(setToNone: false);
        var outputs = model.Forward(inputs);
        using var l = criterion.Forward(outputs, targets);
        l.Backward();
        optimizer.Step();
        LastLoss = l.Item();
    }
}
