using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Ops;

public class AddmmTests
{
    private static Tensor<T> Random<T>(int seed, params int[] shape)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T> =>
        Tensor<T>.RandomNormal(new Generator((ulong)seed), shape);

    [Fact]
    public void LinearWithBiasIsOneAddmmEntryPrintedAsPytorchPrintsIt()
    {
        using var tape = MiniGrad.Tape.Begin();
        var w = Random<double>(1, 2, 3).RequireGrad();
        var b = Random<double>(2, 2).RequireGrad();
        var y = Functional.Linear(Random<double>(3, 4, 3), w, b);
        Assert.Equal("Addmm", Assert.Single(tape.Entries).Name);
        Assert.Contains("grad_fn=<AddmmBackward0>", y.ToString());
        Assert.Equal("Mm", Functional.Linear(Random<double>(3, 4, 3), w).GradFn!.Name); // no bias: a plain product
    }

    [Fact]
    public void GivesTheBitsOfTheComposedMatmulAndAddForwardAndBackward()
    {
        // The fused op is an optimisation, not new arithmetic: the same GEMM, the same bias sum, the same products.
        foreach (var (m, k, n) in new[] { (10, 10, 18), (1, 7, 1), (37, 64, 5), (128, 256, 10) })
        {
            var x = Random<float>(m, m, k).RequireGrad();
            var w = Random<float>(k, n, k).RequireGrad();
            var b = Random<float>(n, n).RequireGrad();
            var g = Random<float>(m + n, m, n);

            var fused = Functional.Linear(x, w, b);
            fused.Backward(g);
            var (fx, fw, fb) = (x.Grad!.ToArray(), w.Grad!.ToArray(), b.Grad!.ToArray());
            x.Grad = w.Grad = b.Grad = null;

            var composed = Tensor<float>.MatMul(x, w, transposeB: true) + b;
            composed.Backward(g);
            Assert.Equal(composed.ToArray(), fused.ToArray());
            Assert.Equal(x.Grad!.ToArray(), fx);
            Assert.Equal(w.Grad!.ToArray(), fw);
            Assert.Equal(b.Grad!.ToArray(), fb);
        }
    }

    [Theory]
    [InlineData(128, 96, 64)] // depth (the batch) in one GEMM block: the weight gradient is added in place
    [InlineData(300, 20, 40)] // two blocks: the gradient is made aside, then added
    [InlineData(37, 4, 1)] // one output (as the tutorial's last layer): the bias gradient is a whole-tensor sum
    public void GradientsAddedIntoExistingGradsHaveTheBitsOfTheComposedOps(int m, int k, int n)
    {
        // The engine lets Addmm add the weight and bias gradients straight into w.Grad and b.Grad; the result must be Grad + gradient,
        // exactly what the composed ops (which never get that offer) produce, also when Grad already holds values.
        var x = Random<float>(1, m, k);
        var w = Random<float>(2, n, k).RequireGrad();
        var b = Random<float>(3, n).RequireGrad();
        var g = Random<float>(4, m, n);
        var before = (W: Random<float>(5, n, k), B: Random<float>(6, n));

        (float[] W, float[] B) Run(Func<Tensor<float>> forward)
        {
            (w.Grad, b.Grad) = (before.W.Clone(), before.B.Clone());
            for (int pass = 0; pass < 2; pass++) forward().Backward(g);
            return (w.Grad!.ToArray(), b.Grad!.ToArray());
        }
        var fused = Run(() => Functional.Linear(x, w, b));
        var composed = Run(() => Tensor<float>.MatMul(x, w, transposeB: true) + b);
        Assert.Equal(composed.W, fused.W);
        Assert.Equal(composed.B, fused.B);
        Assert.NotEqual(before.W.ToArray(), fused.W);
        Assert.NotEqual(before.B.ToArray(), fused.B);
    }

    [Fact]
    public void AWeightGradientWrittenIntoTheBufferZeroGradDroppedHasTheComposedBits()
    {
        // With no Grad, Addmm writes the weight and bias gradients straight into the buffer that becomes w.Grad: a new one on
        // the first pass, then the one ZeroGrad dropped unseen. Each pass must give what the composed ops give.
        var w = Random<float>(1, 40, 30).RequireGrad();
        var b = Random<float>(2, 40).RequireGrad();
        var inputs = new[] { Random<float>(3, 128, 30), Random<float>(4, 7, 30), Random<float>(5, 128, 30) };

        (List<float[]> Grads, List<Tensor<float>> Buffers) Run(Func<Tensor<float>, Tensor<float>> forward)
        {
            var (grads, buffers) = (new List<float[]>(), new List<Tensor<float>>());
            foreach (var x in inputs)
            {
                w.ZeroGrad();
                b.ZeroGrad();
                forward(x).Square().Sum().Backward();
                buffers.Add(w.GradForEngine!); // the library's own read: the buffer stays reusable
                grads.Add(w.GradForEngine!.ReadOnlySpan.ToArray());
                grads.Add(b.GradForEngine!.ReadOnlySpan.ToArray());
            }
            return (grads, buffers);
        }
        var fused = Run(x => Functional.Linear(x, w, b));
        var composed = Run(x => Tensor<float>.MatMul(x, w, transposeB: true) + b);
        Assert.Equal(composed.Grads, fused.Grads);
        Assert.Same(fused.Buffers[0], fused.Buffers[2]); // the dropped buffer was written again, not a new one
        Assert.NotEqual(fused.Grads[0], fused.Grads[4]); // weight gradients of the first and the third input
        Assert.NotEqual(fused.Grads[1], fused.Grads[5]); // and bias gradients
    }

    [Fact]
    public void GradientsThatMustNotReachGradDirectlyDoNot()
    {
        var x = Random<double>(1, 8, 5);
        var w = Random<double>(2, 3, 5).RequireGrad();
        var b = Random<double>(3, 3).RequireGrad();
        var before = Random<double>(4, 3, 5);

        // Autograd.Grad returns the gradient and leaves Grad alone.
        w.Grad = before.Clone();
        var returned = Autograd.Grad(Functional.Linear(x, w, b).Sum(), [w])[0]!;
        Assert.Equal(before.ToArray(), w.Grad!.ToArray());

        // A hook sees (and here doubles) the gradient before it is added.
        w.RegisterHook(grad => grad * 2.0);
        Functional.Linear(x, w, b).Sum().Backward();
        Assert.Equal(before.ToArray().Zip(returned.ToArray(), (p, q) => p + 2 * q), w.Grad!.ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AGradThatTheOpAlsoReadsIsNotWrittenWhileItIsRead(bool gradIsTheSeed)
    {
        // w.Grad is also the incoming gradient (or the input x): adding into it during the product would change what
        // the GEMM is still reading. 64 × 64 takes the packed GEMM, the path that adds in place.
        var w = Random<float>(1, 64, 64).RequireGrad();
        var b = Random<float>(2, 64).RequireGrad();
        var x = Random<float>(3, 64, 64);
        var start = Random<float>(4, 64, 64);

        float[] Run(Func<Tensor<float>, Tensor<float>> forward)
        {
            w.Grad = start.Clone();
            var shared = w.Grad;
            if (gradIsTheSeed) forward(x).Backward(shared);
            else forward(shared).Backward(Random<float>(5, 64, 64));
            return w.Grad!.ToArray();
        }
        var fused = Run(input => Functional.Linear(input, w, b));
        var composed = Run(input => Tensor<float>.MatMul(input, w, transposeB: true) + b);
        Assert.Equal(composed, fused);
    }

    [Fact]
    public void GradientsAndSecondDerivativesCheckNumerically()
    {
        var inputs = new[] { Random<double>(4, 5, 3), Random<double>(5, 4, 3), Random<double>(6, 4) };
        // Squared so that the second derivative is not zero.
        Tensor<double>[] F(Tensor<double>[] t)
        {
            var y = Functional.Linear(t[0], t[1], t[2]);
            return [y * y];
        }
        var first = GradCheck.Check(F, inputs);
        Assert.True(first.Passed, first.Report);
        var second = GradCheck.GradGradCheck(F, inputs);
        Assert.True(second.Passed, second.Report);
    }

    [Fact]
    public void LeadingDimsAreFlattenedAndRestoredAsInPytorch()
    {
        var x = Random<double>(7, 2, 3, 4).RequireGrad();
        var w = Random<double>(8, 5, 4);
        var b = Random<double>(9, 5);
        var y = Functional.Linear(x, w, b);
        Assert.Equal(new TensorShape(2, 3, 5), y.Shape);
        var flat = Functional.Linear(x.Detach().Reshape(6, 4), w, b);
        Assert.Equal(flat.ToArray(), y.ToArray());
        y.Sum().Backward();
        Assert.Equal(x.Shape, x.Grad!.Shape);
    }

    [Fact]
    public void MismatchedShapesThrowNamingLinearAndEveryShape()
    {
        var e = Assert.Throws<ArgumentException>(() => Functional.Linear(Tensor<double>.Zeros(4, 3), Tensor<double>.Zeros(2, 5), Tensor<double>.Zeros(2)));
        Assert.Contains("linear", e.Message);
        Assert.Contains("[4, 3]", e.Message);
        Assert.Contains("[2, 5]", e.Message);
        var eb = Assert.Throws<ArgumentException>(() => Functional.Linear(Tensor<double>.Zeros(4, 3), Tensor<double>.Zeros(2, 3), Tensor<double>.Zeros(3)));
        Assert.Contains("bias [3]", eb.Message);
    }
}
