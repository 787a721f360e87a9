using MiniGrad.Tests.Support;
using static MiniGrad.Tests.Support.Expect;

namespace MiniGrad.Tests.Tape;

/// <summary>A user-defined op (as docs/tensors-and-the-tape.md shows): derive Function&lt;T&gt;, compute with spans, record, backward with tensor ops.</summary>
public class CustomFunctionTests
{
    /// <summary>softplus(x) = ln(1 + e^x); d/dx = 1 / (1 + e^-x).</summary>
    private sealed class Softplus : Function<double>
    {
        public override string Name => "Softplus";

        public static Tensor<double> Apply(Tensor<double> x)
        {
            var y = Tensor<double>.Zeros(x.Shape);
            var xs = x.ReadOnlySpan;
            var ys = y.Span;
            for (int i = 0; i < xs.Length; i++) ys[i] = Math.Log(1 + Math.Exp(xs[i]));
            return MiniGrad.Tape.ShouldRecord(x) ? MiniGrad.Tape.Record(new Softplus(), y, x) : y;
        }

        protected internal override Tensor<double>?[] Backward(Tensor<double> gradOutput, ReadOnlySpan<bool> needsInputGrad) =>
            [gradOutput / ((-Inputs[0]).Exp() + 1.0)];
    }

    [Fact]
    public void ACustomOpRecordsAndDifferentiates()
    {
        using var tape = MiniGrad.Tape.Begin();
        var x = T([-1, 0, 2]).RequireGrad();
        var y = Softplus.Apply(x);
        Assert.Equal("Softplus", tape.Entries[^1].Name);
        // 33 + 2 + 19 ("dtype=torch.float64") = 54, and 54 + 2 + 27 > 80: the grad_fn goes on a new line.
        Assert.Equal("tensor([0.3133, 0.6931, 2.1269], dtype=torch.float64,\n       grad_fn=<SoftplusBackward0>)", y.ToString());
        y.Sum().Backward();
        Close.All<double>(x.ToArray().Select(v => 1 / (1 + Math.Exp(-v))).ToArray(), x.Grad!.ReadOnlySpan, 1e-15, 0);
        // Its backward is made of tensor ops, so second order works too: d2/dx2 softplus = s(x)(1 - s(x)).
        var x2 = T([0.5]).RequireGrad();
        var g = Autograd.Grad(Softplus.Apply(x2).Sum(), [x2], createGraph: true)[0]!;
        var h = Autograd.Grad(g.Sum(), [x2])[0]!;
        double s = 1 / (1 + Math.Exp(-0.5));
        Assert.Equal(s * (1 - s), h.Item(), 1e-15);
    }

    [Fact]
    public void BackwardOnAnotherThreadThanTheGraphWasRecordedOnThrows()
    {
        var loss = (T([1, 2]).RequireGrad() * 2.0).Sum();
        Exception? error = null;
        var t = new Thread(() =>
        {
            try { loss.Backward(); } catch (InvalidOperationException e) { error = e; }
        });
        t.Start();
        t.Join();
        Assert.NotNull(error);
        Assert.Contains("another thread", error!.Message);
        loss.Backward(); // still fine on its own thread
    }
}
