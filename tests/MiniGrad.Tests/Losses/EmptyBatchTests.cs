using MiniGrad.Nn;

namespace MiniGrad.Tests.Losses;

/// <summary>
/// The mean loss of an empty batch is refused by the loss itself, naming it and the input's shape (issue 13: cross
/// entropy said "mean: the mean of an empty tensor is undefined.", which names no loss); Sum gives 0 and None an
/// empty tensor, as in PyTorch.
/// </summary>
public class EmptyBatchTests
{
    private static void RefusedNaming(Action call, params string[] inMessage)
    {
        var e = Assert.ThrowsAny<ArgumentException>(call);
        foreach (string s in inMessage) Assert.Contains(s, e.Message);
        Assert.DoesNotContain("mean: the mean of an empty tensor", e.Message);
    }

    [Fact]
    public void CrossEntropyNamesItselfAndTheEmptyBatch()
    {
        var logits = Tensor<double>.Zeros(0, 3);
        RefusedNaming(() => Functional.CrossEntropy(logits, ReadOnlySpan<int>.Empty), "CrossEntropyLoss: the batch is empty", "[0, 3]");
        RefusedNaming(() => new CrossEntropyLoss().Forward(logits, Array.Empty<int>()), "CrossEntropyLoss: the batch is empty");
        RefusedNaming(() => new CrossEntropyLoss().Forward(logits, Tensor<double>.Zeros(0)), "CrossEntropyLoss: the batch is empty");
        Assert.Equal(0.0, Functional.CrossEntropy(logits, ReadOnlySpan<int>.Empty, Reduction.Sum).Item());
        Assert.Equal(0, Functional.CrossEntropy(logits, ReadOnlySpan<int>.Empty, Reduction.None).Length);
        // A target that does not fit an empty batch is still reported as such.
        var e = Assert.Throws<ArgumentException>(() => Functional.CrossEntropy(logits, new[] { 1, 2 }));
        Assert.Contains("has 0 rows but the target holds 2", e.Message);
    }

    [Fact]
    public void ElementwiseLossesNameThemselvesAndTheEmptyInput()
    {
        var empty = Tensor<float>.Zeros(0, 4);
        RefusedNaming(() => Functional.L1Loss(empty, empty), "L1Loss: the input is empty", "[0, 4]");
        RefusedNaming(() => Functional.HuberLoss(empty, empty), "HuberLoss: the input is empty", "[0, 4]");
        RefusedNaming(() => Functional.BinaryCrossEntropyWithLogits(empty, empty), "BceWithLogitsLoss: the input is empty", "[0, 4]");
        RefusedNaming(() => new L1Loss().Forward(empty, empty), "L1Loss");
        RefusedNaming(() => new HuberLoss().Forward(empty, empty), "HuberLoss");
        RefusedNaming(() => new BceWithLogitsLoss().Forward(empty, empty), "BceWithLogitsLoss");
        Assert.Equal(0f, Functional.L1Loss(empty, empty, Reduction.Sum).Item());
        Assert.Equal(0f, Functional.HuberLoss(empty, empty, reduction: Reduction.Sum).Item());
        Assert.Equal(0f, Functional.BinaryCrossEntropyWithLogits(empty, empty, Reduction.Sum).Item());
        Assert.Equal(0, Functional.L1Loss(empty, empty, Reduction.None).Length);
    }

    [Fact]
    public void MseLossKeepsPyTorchsNaNForTheMeanOfNothing()
    {
        // MseLoss's fused kernel returns 0/0 = NaN for an empty mean, as PyTorch does (MseLossFunctionTests pins it).
        var empty = Tensor<double>.Zeros(0, 3);
        Assert.True(double.IsNaN(Functional.MseLoss(empty, empty).Item()));
    }
}
