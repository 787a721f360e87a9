using System.Numerics.Tensors;
using MiniGrad.Nn;
using MiniGrad.Optim;

namespace MiniGrad.Tests.Speed;

/// <summary>
/// A training step, once warm, takes no new element buffer, and the managed bytes it allocates (tensor and tape
/// objects) do not depend on the batch size or the layer width.
/// </summary>
/// <remarks>
/// Runs alone (its own collection, parallelization off): the shared array pool is process-wide, and tests renting
/// from it on other threads at the same time can take the buffers a step gave back.
/// </remarks>
[Collection(nameof(AllocationTests))]
public class AllocationTests
{
    /// <summary>A 10-w-w-1 MLP built from core ops (matmul, bias add, clamp as ReLU), trained by plain SGD.</summary>
    private sealed class CoreMlp : Module<float>
    {
        private readonly Tensor<float> w1, b1, w2, b2, w3, b3;

        public CoreMlp(int width, Generator g)
        {
            w1 = RegisterParameter("w1", Tensor<float>.RandomUniform(g, -0.3, 0.3, width, 10));
            b1 = RegisterParameter("b1", Tensor<float>.Zeros(width));
            w2 = RegisterParameter("w2", Tensor<float>.RandomUniform(g, -0.3, 0.3, width, width));
            b2 = RegisterParameter("b2", Tensor<float>.Zeros(width));
            w3 = RegisterParameter("w3", Tensor<float>.RandomUniform(g, -0.3, 0.3, 1, width));
            b3 = RegisterParameter("b3", Tensor<float>.Zeros(1));
        }

        public override Tensor<float> Forward(Tensor<float> x)
        {
            var h = (Tensor<float>.MatMul(x, w1, transposeB: true) + b1).Clamp(0f, float.MaxValue);
            h = (Tensor<float>.MatMul(h, w2, transposeB: true) + b2).Clamp(0f, float.MaxValue);
            return Tensor<float>.MatMul(h, w3, transposeB: true) + b3;
        }
    }

    private sealed class Job
    {
        private readonly CoreMlp model;
        private readonly IReadOnlyList<Tensor<float>> parameters;
        private readonly Tensor<float> x, y;

        public Job(int batch, int width)
        {
            var g = new Generator(7);
            model = new CoreMlp(width, g);
            parameters = model.Parameters();
            x = Tensor<float>.RandomNormal(g, batch, 10);
            y = Tensor<float>.RandomNormal(g, batch, 1);
        }

        public float LastLoss { get; private set; }

        public void Step()
        {
            model.ZeroGrad();
            using var loss = (model.Forward(x) - y).Pow(2f).Mean();
            loss.Backward();
            LastLoss = loss.Item();
            foreach (var p in parameters) TensorPrimitives.MultiplyAdd(p.Grad!.ReadOnlySpan, -0.01f, p.ReadOnlySpan, p.Span);
        }
    }

    /// <summary>
    /// Managed bytes per step in steady state: the least of three windows of 100 steps, so that a one-off event
    /// (the shared array pool growing a bucket while other tests run in parallel) does not count as per-step cost.
    /// </summary>
    private static double SteadyBytesPerStep(Action step)
    {
        double best = double.MaxValue;
        for (int window = 0; window < 3; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++) step();
            best = Math.Min(best, (GC.GetAllocatedBytesForCurrentThread() - before) / 100.0);
        }
        return best;
    }

    /// <summary>Managed bytes per warm step, and the change in outstanding pooled buffers over the measured steps.</summary>
    private static (double BytesPerStep, long BufferDrift, float Loss) Measure(int batch, int width)
    {
        using var tape = MiniGrad.Tape.Begin();
        tape.RecycleBuffers = true;
        var job = new Job(batch, width);
        for (int i = 0; i < 30; i++) job.Step();
        ParkedBuffers.ReturnUnreachableNow(); // what earlier tests parked must not come back while this one counts
        long buffers = TensorStorage<float>.OutstandingOnThisThread;
        double bytes = SteadyBytesPerStep(job.Step);
        return (bytes, TensorStorage<float>.OutstandingOnThisThread - buffers, job.LastLoss);
    }

    [Fact]
    public void BytesPerStepDoNotGrowWithBatchOrWidth()
    {
        var small = Measure(batch: 10, width: 18);
        var large = Measure(batch: 100, width: 180);
        Assert.True(float.IsFinite(small.Loss) && float.IsFinite(large.Loss));
        // Same ops, same number of objects: only the element buffers could differ, and those come from the pool.
        // The slack (64 bytes a step) covers a one-off internal resize landing inside the measured window.
        Assert.True(large.BytesPerStep <= small.BytesPerStep + 64,
            $"a step allocates {large.BytesPerStep:F0} B at batch 100 / width 180 but {small.BytesPerStep:F0} B at batch 10 / width 18");
        // An element buffer of the large job is at least 100 × 180 × 4 bytes: none is allocated per step.
        Assert.True(large.BytesPerStep < 100 * 180 * 4, $"a step allocates {large.BytesPerStep:F0} B: an element buffer is being allocated");
    }

    [Fact]
    public void EveryBufferAStepTakesGoesBackToThePool()
    {
        var (_, drift, _) = Measure(batch: 32, width: 40);
        Assert.Equal(0, drift);
    }

    /// <summary>
    /// The tutorial's loop with the library's modules: Linear, ReLU, MSE, Adam (both ZeroGrad modes), with a Dropout
    /// after the first ReLU when asked (its mask is the graph's, and goes back with it).
    /// </summary>
    private static (double BytesPerStep, long BufferDrift) MeasureModules(int batch, int width, bool setToNone, bool dropout = false)
    {
        using var tape = MiniGrad.Tape.Begin();
        tape.RecycleBuffers = true;
        var g = new Generator(11);
        var model = new Sequential<float>(new Linear<float>(10, width, g), new Relu<float>());
        if (dropout) model.Append(new Dropout<float>(0.2, g));
        model.Append(new Linear<float>(width, width, g));
        model.Append(new Relu<float>());
        model.Append(new Linear<float>(width, 1, g));
        var optimizer = new Adam<float>(model.Parameters(), lr: 1e-3);
        var mse = new MseLoss();
        var x = Tensor<float>.RandomNormal(g, batch, 10);
        var y = Tensor<float>.RandomNormal(g, batch, 1);
        void Step()
        {
            optimizer.ZeroGrad(setToNone);
            using var loss = mse.Forward(model.Forward(x), y);
            loss.Backward();
            optimizer.Step();
        }
        for (int i = 0; i < 30; i++) Step();
        ParkedBuffers.ReturnUnreachableNow(); // what earlier tests parked must not come back while this one counts
        long buffers = TensorStorage<float>.OutstandingOnThisThread;
        double bytes = SteadyBytesPerStep(Step);
        return (bytes, TensorStorage<float>.OutstandingOnThisThread - buffers);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void ALinearReluMseAdamStepAllocatesTheSameAtEverySize(bool setToNone, bool dropout)
    {
        var small = MeasureModules(batch: 10, width: 18, setToNone, dropout);
        var large = MeasureModules(batch: 100, width: 180, setToNone, dropout);
        Assert.True(large.BytesPerStep <= small.BytesPerStep + 64,
            $"a step allocates {large.BytesPerStep:F0} B at batch 100 / width 180 but {small.BytesPerStep:F0} B at batch 10 / width 18");
        Assert.True(large.BytesPerStep < 100 * 180 * 4, $"a step allocates {large.BytesPerStep:F0} B: an element buffer is being allocated");
        Assert.Equal(0, small.BufferDrift);
        Assert.Equal(0, large.BufferDrift);
    }

    [Fact]
    public void AnOperandMadeForOneOpGoesBackAtOnceWithoutAGraph()
    {
        var g = new Generator(3);
        var dropout = new Dropout<float>(0.5, g);
        var x = Tensor<float>.RandomNormal(g, 64, 64);
        using (MiniGrad.Tape.NoGrad()) dropout.Forward(x).Dispose(); // warm: the pool now has a buffer of this size
        long buffers = TensorStorage<float>.OutstandingOnThisThread;
        using (MiniGrad.Tape.NoGrad())
            for (int i = 0; i < 20; i++) dropout.Forward(x).Dispose();
        Assert.Equal(0, TensorStorage<float>.OutstandingOnThisThread - buffers);
        // The scalar an operator wraps around a number, the same way.
        using (MiniGrad.Tape.NoGrad())
            for (int i = 0; i < 20; i++) (x * 0.5f).Dispose();
        Assert.Equal(0, TensorStorage<float>.OutstandingOnThisThread - buffers);
    }
}

/// <summary>The collection that keeps <see cref="AllocationTests"/> from running beside other tests.</summary>
[CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
public sealed class AllocationTestsCollection
{
}
