using MiniGrad.Nn;

namespace MiniGrad.Tests.Nn;

/// <summary>The layers of issue 15 beyond the PyTorch reference values: modes, edge cases, errors and printing.</summary>
public class NnLayerTests
{
    [Fact]
    public void DropoutZeroesAboutPAndScalesTheRestSoTheExpectationIsKept()
    {
        var dropout = new Dropout<double>(0.3, new Generator(42));
        var x = Tensor<double>.Ones(100_000).RequireGrad();
        var y = dropout.Forward(x);
        var values = y.ToArray();
        double zeros = values.Count(v => v == 0) / (double)values.Length;
        Assert.InRange(zeros, 0.29, 0.31);
        Assert.All(values, v => Assert.True(v == 0 || v == 1 / 0.7));
        Assert.InRange(values.Average(), 0.98, 1.02);
        // The gradient is the mask itself.
        y.Sum().Backward();
        Assert.Equal(values, x.Grad!.ToArray());
    }

    [Fact]
    public void DropoutIsTheIdentityInEvalModeAndSameSeedGivesSameMasks()
    {
        var x = Tensor<double>.RandomNormal(new Generator(1), 4, 5);
        var a = new Dropout<double>(new Generator(9));
        var b = new Dropout<double>(new Generator(9));
        Assert.Equal(0.5, a.P);
        Assert.Equal(a.Forward(x).ToArray(), b.Forward(x).ToArray());
        Assert.NotEqual(a.Forward(x).ToArray(), a.Forward(x).ToArray()); // a new mask per call
        a.Eval();
        Assert.Same(x, a.Forward(x));
        Assert.Equal("Dropout(p: 0.5)", a.ToString());
    }

    [Fact]
    public void DropoutWithPZeroReturnsTheInputAndWithPOneGivesZeros()
    {
        var x = Tensor<double>.RandomNormal(new Generator(1), 3, 3).RequireGrad();
        Assert.Same(x, new Dropout<double>(0, new Generator(1)).Forward(x));
        var y = new Dropout<double>(1, new Generator(1)).Forward(x);
        Assert.All(y.ToArray(), v => Assert.Equal(0.0, v));
        y.Sum().Backward();
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(0.0, g));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void DropoutRefusesAProbabilityOutsideZeroToOne(double p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout<double>(p, new Generator(1)));

    [Fact]
    public void LayerNormStartsAtOnesAndZerosAndGivesTheBiasForAConstantSample()
    {
        var ln = new LayerNorm<float>(4);
        Assert.Equal([1f, 1f, 1f, 1f], ln.Weight!.ToArray());
        Assert.Equal([0f, 0f, 0f, 0f], ln.Bias!.ToArray());
        ln.Bias.Span.Fill(0.25f);
        var x = Tensor<float>.Full(1e20f, 2, 4).RequireGrad();
        var y = ln.Forward(x);
        Assert.All(y.ToArray(), v => Assert.Equal(0.25f, v));
        y.Sum().Backward();
        Assert.All(x.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
        Assert.All(ln.Weight.Grad!.ToArray(), g => Assert.Equal(0f, g));
        Assert.Equal("LayerNorm(normalizedShape: [4], eps: 1E-05, elementwiseAffine: True)", ln.ToString());
    }

    [Fact]
    public void LayerNormRefusesAnInputNotEndingInTheNormalizedShape()
    {
        var ln = new LayerNorm<double>(new TensorShape(3, 4));
        Assert.Throws<ArgumentException>(() => ln.Forward(Tensor<double>.Zeros(4, 3)));
        Assert.Throws<ArgumentException>(() => ln.Forward(Tensor<double>.Zeros(4)));
        Assert.Equal(new TensorShape(3, 4), ln.Forward(Tensor<double>.Zeros(3, 4)).Shape);
        Assert.Throws<ArgumentException>(() => new LayerNorm<double>(0));
    }

    [Fact]
    public void BatchNormRefusesOneValuePerChannelWhenTrainingAsPyTorch()
    {
        var bn = new BatchNorm1d<double>(3);
        var e = Assert.Throws<ArgumentException>(() => bn.Forward(Tensor<double>.Ones(1, 3)));
        Assert.Contains("Expected more than 1 value per channel when training", e.Message);
        Assert.Equal(0.0, bn.NumBatchesTracked!.Item());
        bn.Eval();
        Assert.Equal(new TensorShape(1, 3), bn.Forward(Tensor<double>.Ones(1, 3)).Shape);
        Assert.Throws<ArgumentException>(() => bn.Forward(Tensor<double>.Ones(2, 3, 1, 1)));
        Assert.Throws<ArgumentException>(() => bn.Forward(Tensor<double>.Ones(2, 4)));
    }

    [Fact]
    public void BatchNormUpdatesItsRunningStatsOnlyInTrainingModeAndOffTheTape()
    {
        var bn = new BatchNorm1d<double>(2);
        var x = Tensor<double>.FromArray([1.0, 10, 3, 20], 2, 2).RequireGrad();
        var y = bn.Forward(x);
        Assert.Equal([0.2, 1.5], bn.RunningMean!.ToArray());      // 0.9·0 + 0.1·mean
        Assert.Equal([0.9 + 0.2, 0.9 + 5], bn.RunningVar!.ToArray()); // 0.9·1 + 0.1·unbiased variance (2, 50)
        Assert.Equal(1.0, bn.NumBatchesTracked!.Item());
        Assert.All(bn.Buffers(), b => Assert.True(b.IsLeaf && !b.RequiresGrad));
        y.Sum().Backward();
        Assert.All(bn.Buffers(), b => Assert.Null(b.Grad));
        bn.Eval();
        var before = bn.StateDict();
        bn.Forward(x);
        Assert.Equal(before.Values.Select(t => t.ToArray()), bn.StateDict().Values.Select(t => t.ToArray()));
    }

    [Fact]
    public void BatchNormOfAConstantBatchIsFiniteAndWithoutRunningStatsHasNoBuffers()
    {
        var bn = new BatchNorm1d<float>(2, trackRunningStats: false);
        Assert.Empty(bn.Buffers());
        Assert.Equal(["weight", "bias"], bn.StateDict().Keys);
        var x = Tensor<float>.Full(3e30f, 4, 2, 3).RequireGrad();
        var y = bn.Forward(x);
        Assert.All(y.ToArray(), v => Assert.Equal(0f, v));
        y.Sum().Backward();
        Assert.All(x.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
        Assert.Equal("BatchNorm1d(numFeatures: 2, eps: 1E-05, momentum: 0.1, affine: True, trackRunningStats: False)", bn.ToString());
    }

    [Fact]
    public void TrainAndEvalReachNormalizationAndDropoutInsideASequential()
    {
        var model = new Sequential<double>(new Linear<double>(3, 2, new Generator(1)), new BatchNorm1d<double>(2), new Dropout<double>(0.5, new Generator(2)));
        model.Eval();
        Assert.All(Enumerable.Range(0, 3), i => Assert.False(model[i].Training));
        Assert.Equal(["1.running_mean", "1.running_var", "1.num_batches_tracked"], model.NamedBuffers().Select(b => b.Name));
        var x = Tensor<double>.Ones(1, 3);
        // In eval mode Dropout passes its input and BatchNorm1d uses its fresh running statistics (mean 0, variance 1),
        // so the model is the linear layer scaled by 1/√(1 + eps), and a batch of one is allowed.
        var linear = ((Linear<double>)model[0]).Forward(x).ToArray();
        Assert.Equal(linear.Select(v => v / Math.Sqrt(1 + 1e-5)), model.Forward(x).ToArray(), (a, b) => Math.Abs(a - b) <= 1e-12);
    }

    [Fact]
    public void FlattenKeepsTheBatchDimByDefaultAndIdentityReturnsItsInput()
    {
        var x = Tensor<double>.Zeros(2, 3, 4, 5);
        Assert.Equal(new TensorShape(2, 60), new Flatten<double>().Forward(x).Shape);
        Assert.Equal(new TensorShape(6, 4, 5), new Flatten<double>(0, 1).Forward(x).Shape);
        Assert.Same(x, new Identity<double>().Forward(x));
        Assert.Equal("Flatten(startDim: 1, endDim: -1)", new Flatten<double>().ToString());
        Assert.Equal("Identity()", new Identity<double>().ToString());
    }

    [Fact]
    public void EmbeddingAccumulatesTheGradientOfRepeatedIndices()
    {
        var emb = new Embedding<double>(4, 2, new Generator(5));
        var y = emb.Forward([2, 0, 2, 2]);
        Assert.Equal(new TensorShape(4, 2), y.Shape);
        Assert.Equal(emb.Weight[2, 1], y[3, 1]);
        y.Sum().Backward();
        Assert.Equal([1.0, 1, 0, 0, 3, 3, 0, 0], emb.Weight.Grad!.ToArray());
    }

    [Fact]
    public void EmbeddingTakesIndexShapesAndWholeNumberTensorsAndRefusesOthers()
    {
        var emb = new Embedding<float>(5, 3, new Generator(5));
        Assert.Equal(new TensorShape(2, 2, 3), emb.Forward([1, 2, 3, 4], new TensorShape(2, 2)).Shape);
        Assert.Equal(new TensorShape(3, 1, 3), emb.Forward(Tensor<float>.FromArray([0f, 4f, 1f], 3, 1)).Shape);
        Assert.Throws<ArgumentException>(() => emb.Forward(Tensor<float>.FromArray([0.5f], 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => emb.Forward([5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => emb.Forward([-1]));
        Assert.Throws<ArgumentException>(() => emb.Forward([1, 2], new TensorShape(3)));
        Assert.Equal("Embedding(numEmbeddings: 5, embeddingDim: 3)", emb.ToString());
    }
}
