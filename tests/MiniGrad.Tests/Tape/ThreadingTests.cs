namespace MiniGrad.Tests.Tape;

/// <summary>Two models trained on two threads at once give exactly the bits of training them one after the other.</summary>
public class ThreadingTests
{
    private sealed class Mlp
    {
        public readonly Tensor<double> W1, B1, W2, B2;

        public Mlp(ulong seed)
        {
            var g = new Generator(seed);
            W1 = Tensor<double>.RandomNormal(g, 0, 0.5, 4, 6).RequireGrad();
            B1 = Tensor<double>.RandomNormal(g, 0, 0.1, 6).RequireGrad();
            W2 = Tensor<double>.RandomNormal(g, 0, 0.5, 6, 1).RequireGrad();
            B2 = Tensor<double>.Zeros(1).RequireGrad();
        }

        public Tensor<double>[] Parameters => [W1, B1, W2, B2];

        /// <summary>A few full-batch SGD steps of a sigmoid MLP (sigmoid written as 1 / (1 + exp(-h))), MSE loss.</summary>
        public double[] Train(Tensor<double> x, Tensor<double> target, int steps)
        {
            var losses = new double[steps];
            for (int s = 0; s < steps; s++)
            {
                var h = x.MatMul(W1) + B1;
                var a = 1.0 / ((-h).Exp() + 1.0);
                var y = a.MatMul(W2) + B2;
                var loss = (y - target).Pow(2).Mean();
                loss.Backward();
                losses[s] = loss.Item();
                foreach (var p in Parameters)
                {
                    var ps = p.Span;
                    var gs = p.Grad!.ReadOnlySpan;
                    for (int i = 0; i < ps.Length; i++) ps[i] -= 0.5 * gs[i];
                    p.Grad = null;
                }
            }
            return losses;
        }
    }

    private static (Tensor<double> X, Tensor<double> Y) Data(ulong seed)
    {
        var g = new Generator(seed);
        var x = Tensor<double>.RandomUniform(g, -1, 1, 16, 4);
        var y = Tensor<double>.RandomUniform(g, 0, 1, 16, 1);
        return (x, y);
    }

    private static (double[] Losses, double[][] Params) Run(ulong seed)
    {
        var (x, y) = Data(seed + 100);
        var model = new Mlp(seed);
        var losses = model.Train(x, y, 30);
        return (losses, model.Parameters.Select(p => p.ToArray()).ToArray());
    }

    [Fact]
    public void TwoThreadsAtOnceMatchOneAfterTheOtherBitForBit()
    {
        var sequentialA = Run(1);
        var sequentialB = Run(2);

        (double[], double[][])? parallelA = null, parallelB = null;
        using var start = new Barrier(2);
        var ta = new Thread(() => { start.SignalAndWait(); parallelA = Run(1); });
        var tb = new Thread(() => { start.SignalAndWait(); parallelB = Run(2); });
        ta.Start();
        tb.Start();
        ta.Join();
        tb.Join();

        AssertSameBits(sequentialA, parallelA!.Value);
        AssertSameBits(sequentialB, parallelB!.Value);
        Assert.True(sequentialA.Losses[^1] < sequentialA.Losses[0], "training should lower the loss");
        Assert.NotEqual(sequentialA.Losses[0], sequentialB.Losses[0]);
    }

    private static void AssertSameBits((double[] Losses, double[][] Params) expected, (double[] Losses, double[][] Params) actual)
    {
        Assert.Equal(expected.Losses.Select(BitConverter.DoubleToInt64Bits), actual.Losses.Select(BitConverter.DoubleToInt64Bits));
        for (int p = 0; p < expected.Params.Length; p++)
            Assert.Equal(expected.Params[p].Select(BitConverter.DoubleToInt64Bits), actual.Params[p].Select(BitConverter.DoubleToInt64Bits));
    }
}
