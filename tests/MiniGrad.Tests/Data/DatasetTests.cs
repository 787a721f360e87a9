using MiniGrad.Data;

namespace MiniGrad.Tests.Data;

public class DatasetTests
{
    [Fact]
    public void TensorDatasetPairsSamplesAlongDimZero()
    {
        var x = Tensor<float>.Arange(12).Reshape(4, 3);
        var y = Tensor<float>.FromArray([10f, 11, 12, 13], 4, 1);
        var data = new TensorDataset<float>(x, y, ["a", "b", "c"]);
        Assert.Equal(4, data.Count);
        Assert.Equal(["a", "b", "c"], data.FeatureNames);
        var (sx, sy) = data.Slice(1, 2);
        Assert.True(sx.SharesStorageWith(x));
        Assert.Equal([3f, 4, 5, 6, 7, 8], sx.ToArray());
        Assert.Equal([11f, 12], sy.ToArray());
        var sub = data.Subset([3, 0]);
        Assert.Equal([9f, 10, 11, 0, 1, 2], sub.Inputs.ToArray());
        Assert.Equal([13f, 10], sub.Targets.ToArray());
        Assert.False(sub.Inputs.SharesStorageWith(x));
        Assert.Empty(new TensorDataset<float>(x, y).FeatureNames);
    }

    [Fact]
    public void MismatchedOrBadlyShapedTensorsAreRefusedWithTheirShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new TensorDataset<double>(Tensor<double>.Zeros(4, 2), Tensor<double>.Zeros(3)));
        Assert.Contains("shape [4, 2] hold 4 samples but targets of shape [3] hold 3", e.Message);
        var r = Assert.Throws<ArgumentException>(() => new TensorDataset<double>(Tensor<double>.Scalar(1), Tensor<double>.Zeros(1)));
        Assert.Contains("rank-0", r.Message);
        var g = Assert.Throws<ArgumentOutOfRangeException>(() => new TensorDataset<double>(Tensor<double>.Zeros(4, 2), Tensor<double>.Zeros(4)).Gather([1, 4]));
        Assert.Contains("index 4 (position 1) is out of range for a dataset of 4 samples", g.Message);
        var s = Assert.Throws<ArgumentOutOfRangeException>(() => new TensorDataset<double>(Tensor<double>.Zeros(4, 2), Tensor<double>.Zeros(4)).Slice(3, 2));
        Assert.Contains("samples [3, 5) are out of range", s.Message);
    }

    [Fact]
    public void ClassificationDatasetChecksItsTargetsAndNamesItsClasses()
    {
        var x = Tensor<float>.Zeros(3, 2);
        var named = new ClassificationDataset<float>(x, [2, 0, 2], ["cat", "dog", "emu"]);
        Assert.Equal([1, 0, 2], named.ClassCounts());
        Assert.Equal("emu", named.ClassNames[named.Targets[0]]);
        var unnamed = new ClassificationDataset<float>(x, [1, 0, 1]);
        Assert.Equal(["0", "1"], unnamed.ClassNames);
        var e = Assert.Throws<ArgumentException>(() => new ClassificationDataset<float>(x, [0, 3, 1], ["a", "b", "c"]));
        Assert.Contains("target 3 of sample 1 is not a class index in [0, 3)", e.Message);
        Assert.Throws<ArgumentException>(() => new ClassificationDataset<float>(x, [0, -1, 1]));
        var count = Assert.Throws<ArgumentException>(() => new ClassificationDataset<float>(x, [0, 1]));
        Assert.Contains("hold 3 samples but 2 targets", count.Message);
        var swapped = named.WithInputs(Tensor<float>.Ones(3, 5));
        Assert.Equal(named.ClassNames, swapped.ClassNames);
        Assert.Equal(5, swapped.Inputs.Shape[1]);
    }
}
