using MiniGrad.Nn;
using MiniGrad.Optim;

namespace MiniGrad.Benchmarks;

/// <summary>
/// A training job exactly as the tutorials write it: Linear layers with an activation between them, MSE loss, Adam,
/// mini-batches taken in order from a fixed random dataset. One <see cref="Step"/> is ZeroGrad, forward, loss,
/// backward, optimizer step; it allocates no element buffer once warm (buffers are recycled, see Tape.RecycleBuffers).
/// </summary>
public sealed class TrainingJob
{
    private readonly Sequential<float> model;
    private readonly Adam<float> optimizer;
    private readonly MseLoss loss = new();
    private readonly Tensor<float> x, y;
    private readonly int batch, samples;
    private int next;

    /// <param name="sizes">Layer widths, input first: 10-18-18-4-1 is the tutorial 003 network.</param>
    /// <param name="batch">Rows per step.</param>
    /// <param name="batches">Distinct mini-batches in the dataset (the tutorial has 100 samples in batches of 10).</param>
    /// <param name="seed">Seed of the data and the initial weights.</param>
    public TrainingJob(int[] sizes, int batch, int batches = 10, ulong seed = 42)
    {
        var generator = new Generator(seed);
        this.batch = batch;
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
    public static TrainingJob Tutorial003() => new([10, 18, 18, 4, 1], batch: 10);

    /// <summary>The MNIST-sized job: 784-256-256-10, ReLU, batch 128, MSE, Adam.</summary>
    public static TrainingJob Mlp() => new([784, 256, 256, 10], batch: 128, batches: 4);

    /// <summary>"10-18-18-4-1 batch 10".</summary>
    public string Name { get; }

    /// <summary>The number of trainable parameters.</summary>
    public int Parameters { get; }

    /// <summary>The loss of the last step.</summary>
    public float LastLoss { get; private set; }

    /// <summary>One training step on the next mini-batch.</summary>
    public void Step()
    {
        Tape.Current.RecycleBuffers = true;
        using var inputs = x.SliceRows(next, batch);
        using var targets = y.SliceRows(next, batch);
        next = (next + batch) % samples;
        // PyTorch 1.13's zero_grad() (what the tutorial calls, and what benchmarks/compare runs) zeroes in place.
        optimizer.ZeroGrad(setToNone: false);
        var outputs = model.Forward(inputs);
        using var l = loss.Forward(outputs, targets);
        l.Backward();
        optimizer.Step();
        LastLoss = l.Item();
    }
}
