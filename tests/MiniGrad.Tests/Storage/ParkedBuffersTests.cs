using MiniGrad.Nn;
using MiniGrad.Optim;
using MiniGrad.Tests.Speed;

namespace MiniGrad.Tests.Storage;

/// <summary>
/// A training loop written the plain way (no <c>Tape.RecycleBuffers</c>, no <c>using</c>, <c>ZeroGrad()</c> with its
/// defaults) gets its buffers back by itself once nobody holds them, and every tensor the user still holds keeps its
/// values.
/// </summary>
[Collection(nameof(AllocationTests))]
public class ParkedBuffersTests
{
    /// <summary>The tutorial's loop, as a user writes it, over a 10-w-w-1 network.</summary>
    private sealed class PlainLoop
    {
        private readonly Sequential<float> model;
        private readonly Adam<float> optimizer;
        private readonly MseLoss criterion = new();
        private readonly Tensor<float> x, y;

        public PlainLoop(int batch, int width)
        {
            var g = new Generator(5);
            model = new Sequential<float>(new Linear<float>(10, width, g), new Relu<float>(),
                new Linear<float>(width, width, g), new Relu<float>(), new Linear<float>(width, 1, g));
            optimizer = new Adam<float>(model.Parameters(), lr: 1e-3);
            x = Tensor<float>.RandomNormal(g, batch, 10);
            y = Tensor<float>.RandomNormal(g, batch, 1);
        }

        public IReadOnlyList<Tensor<float>> Parameters => model.Parameters();

        public (Tensor<float> Outputs, Tensor<float> Loss) Step()
        {
            optimizer.ZeroGrad();
            var outputs = model.Forward(x);
            var loss = criterion.Forward(outputs, y);
            loss.Backward();
            optimizer.Step();
            return (outputs, loss);
        }
    }

    [Fact]
    public void APlainLoopTakesNoNewElementBufferOnceWarm()
    {
        using var tape = MiniGrad.Tape.Begin();
        var loop = new PlainLoop(batch: 100, width: 180);
        for (int i = 0; i < 30; i++) loop.Step();
        ParkedBuffers.ReturnUnreachableNow(); // what earlier tests parked must not come back while this one counts
        long buffers = TensorStorage<float>.OutstandingOnThisThread;
        long before = GC.GetAllocatedBytesForCurrentThread();
        const int steps = 300;
        for (int i = 0; i < steps; i++) loop.Step();
        double bytesPerStep = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)steps;
        long drift = TensorStorage<float>.OutstandingOnThisThread - buffers;
        // Without parking, each step would take about 16 new buffers (outputs, gradients), 1.3 MB at this size.
        Assert.True(bytesPerStep < 100 * 180 * 4 / 4.0,
            $"a plain step allocates {bytesPerStep:F0} B: element buffers are being allocated instead of coming back");
        Assert.True(drift < 100, $"{drift} more buffers are out after {steps} steps: parked buffers are not coming back");
    }

    [Fact]
    public void TensorsTheUserHoldsKeepTheirValuesWhileTheRestComesBack()
    {
        using var tape = MiniGrad.Tape.Begin();
        var loop = new PlainLoop(batch: 16, width: 24);
        for (int i = 0; i < 5; i++) loop.Step();
        var (outputs, loss) = loop.Step();
        var weight = loop.Parameters[0];
        var grad = weight.Grad!;
        var outputsThen = outputs.ReadOnlySpan.ToArray();
        var lossThen = loss.Item();
        var gradThen = grad.ReadOnlySpan.ToArray();

        for (int i = 0; i < 40; i++)
        {
            loop.Step(); // ZeroGrad drops (and parks) the gradient held above; backward parks this step's graph
            GC.Collect();
        }

        Assert.False(outputs.IsDisposed);
        Assert.Equal(outputsThen, outputs.ReadOnlySpan.ToArray());
        Assert.Equal(lossThen, loss.Item());
        Assert.Equal(gradThen, grad.ReadOnlySpan.ToArray());
        Assert.NotSame(grad, weight.Grad);
    }

    [Fact]
    public void ALossCurveOfDetachedLossesHoldsNoGraphWhileHeldLossesHoldTheirs()
    {
        using var tape = MiniGrad.Tape.Begin();
        var loop = new PlainLoop(batch: 32, width: 40);
        for (int i = 0; i < 30; i++) loop.Step();
        ParkedBuffers.ReturnUnreachableNow();
        long start = TensorStorage<float>.OutstandingOnThisThread;
        const int steps = 100;
        var detached = new List<Tensor<float>>();
        for (int i = 0; i < steps; i++) detached.Add(loop.Step().Loss.Detach());
        ParkedBuffers.ReturnUnreachableNow();
        long afterDetached = TensorStorage<float>.OutstandingOnThisThread;
        // What docs/training.md says: a detached loss (or Item()) keeps one element's buffer, a loss its whole graph.
        Assert.True(afterDetached - start <= 2 * steps, $"{afterDetached - start} buffers out after {steps} steps keeping Detach()ed losses");
        var held = new List<Tensor<float>>();
        for (int i = 0; i < steps; i++) held.Add(loop.Step().Loss);
        ParkedBuffers.ReturnUnreachableNow();
        long afterHeld = TensorStorage<float>.OutstandingOnThisThread;
        Assert.True(afterHeld - afterDetached >= 5 * steps, $"only {afterHeld - afterDetached} buffers out after {steps} steps keeping losses: the graph is no longer kept");
        Assert.Equal(steps, detached.Count(l => float.IsFinite(l.Item())));
    }

    [Fact]
    public void AGradientNobodyOutsideTheLibrarySawIsReusedAndOneThatWasSeenIsNot()
    {
        using var tape = MiniGrad.Tape.Begin();
        var loop = new PlainLoop(batch: 8, width: 12);
        var weight = loop.Parameters[2];
        loop.Step();
        var unseen = weight.GradForEngine; // the library's own read: does not count as handing the tensor out
        loop.Step();
        Assert.Same(unseen, weight.GradForEngine);

        var seen = weight.Grad!; // user code holds it now
        var values = seen.ReadOnlySpan.ToArray();
        loop.Step();
        Assert.NotSame(seen, weight.GradForEngine);
        Assert.Equal(values, seen.ReadOnlySpan.ToArray());
    }

    [Fact]
    public void BuffersNobodyHoldsGoBackAtTheNextBackwardAfterACollection()
    {
        using var tape = MiniGrad.Tape.Begin();
        var loop = new PlainLoop(batch: 8, width: 12);
        loop.Step();
        loop.Step();
        long parked = ParkedBuffers.BytesOnThisThread;
        Assert.True(parked > 0, "a plain backward pass parks its graph's buffers");
        GC.Collect();
        loop.Step();
        // What the two first steps parked is unreachable now and came back; only the last step's graph waits.
        Assert.True(ParkedBuffers.BytesOnThisThread < parked,
            $"parked bytes went from {parked} to {ParkedBuffers.BytesOnThisThread} after a collection and a backward pass");
    }

    [Fact]
    public void ThePlainAndTheRecyclingLoopGiveTheSameBits()
    {
        static float[] Losses(bool recycle)
        {
            using var tape = MiniGrad.Tape.Begin();
            tape.RecycleBuffers = recycle;
            var loop = new PlainLoop(batch: 20, width: 30);
            var losses = new float[60];
            for (int i = 0; i < losses.Length; i++)
            {
                losses[i] = loop.Step().Loss.Item();
                if (i % 7 == 0) GC.Collect(); // parked buffers come back in the middle of the run
            }
            return losses;
        }

        Assert.Equal(Losses(recycle: true), Losses(recycle: false));
    }
}
