using System.Numerics.Tensors;
using MiniGrad.Nn;

namespace MiniGrad.Tests.Speed;

/// <summary>
/// A training step, once warm, takes no new element buffer, and the managed bytes it allocates (tensor and tape
/// objects) do not depend on the batch size or the layer width.
/// </summary>
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

    /// <summary>Managed bytes per step over 100 warm steps, and the change in outstanding pooled buffers.</summary>
    private static (double BytesPerStep, long BufferDrift, float Loss) Measure(int batch, int width)
    {
        using var tape = MiniGrad.Tape.Begin();
        tape.RecycleBuffers = true;
        var job = new Job(batch, width);
        for (int i = 0; i < 30; i++) job.Step();
        long buffers = TensorStorage<float>.OutstandingOnThisThread;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) job.Step();
        long after = GC.GetAllocatedBytesForCurrentThread();
        return ((after - before) / 100.0, TensorStorage<float>.OutstandingOnThisThread - buffers, job.LastLoss);
    }

    [Fact]
    public void Bytes_per_step_do_not_grow_with_batch_or_width()
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
    public void Every_buffer_a_step_takes_goes_back_to_the_pool()
    {
        var (_, drift, _) = Measure(batch: 32, width: 40);
        Assert.Equal(0, drift);
    }
}
