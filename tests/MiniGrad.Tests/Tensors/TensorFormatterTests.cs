namespace MiniGrad.Tests.Tensors;

/// <summary>
/// ToString as PyTorch 1.13 prints (torch/_tensor_str.py, default print options). The expected strings are the
/// tutorials' printed outputs, or worked out from _tensor_str.py's rules as noted beside them.
/// </summary>
public class TensorFormatterTests
{
    private static Tensor<float> F(params float[] v) => Tensor.FromArray(v);

    private static readonly float[] TutorialInput = [-1f, 2f, -3f, 4f, 0f];

    [Fact]
    public void TutorialOutputs()
    {
        var x = F(TutorialInput);
        var sigmoid = 1f / ((-x).Exp() + 1f);
        Assert.Equal("tensor([0.2689, 0.8808, 0.0474, 0.9820, 0.5000])", sigmoid.ToString());
        var e2 = (x * 2f).Exp();
        Assert.Equal("tensor([-0.7616,  0.9640, -0.9951,  0.9993,  0.0000])", ((e2 - 1f) / (e2 + 1f)).ToString());
        Assert.Equal("tensor([0., 2., 0., 4., 0.])", x.Clamp(0f, float.MaxValue).ToString());
        Assert.Equal("tensor([-0.1000,  2.0000, -0.3000,  4.0000,  0.0000])", F(-0.1f, 2f, -0.3f, 4f, 0f).ToString());
        var ex = F(1f, 2f, 3f, 4f, 5f).Exp();
        var softmax = ex / ex.Sum();
        Assert.Equal("tensor([0.0117, 0.0317, 0.0861, 0.2341, 0.6364])", softmax.ToString());
        Assert.Equal("tensor(1.0000)", Tensor.Scalar(0.99999994f).ToString());
    }

    [Fact]
    public void RankTwoAndThreeNestWithNewlineAndIndent()
    {
        Assert.Equal("tensor([[1., 2.],\n        [3., 4.]])", Tensor.FromArray(new float[,] { { 1, 2 }, { 3, 4 } }).ToString());
        // One width for the whole tensor: "-1.2500" is 7 wide, so the others get a leading space.
        Assert.Equal("tensor([[ 0.5000, -1.2500],\n        [ 2.0000,  3.0000]])",
            Tensor.FromArray(new float[,] { { 0.5f, -1.25f }, { 2, 3 } }).ToString());
        // Rank 3: blocks are separated by a blank line (dim - 1 newlines), rows indented one more.
        Assert.Equal("tensor([[[0., 1.],\n         [2., 3.]],\n\n        [[4., 5.],\n         [6., 7.]]])",
            Tensor<float>.Arange(8).Reshape(2, 2, 2).ToString());
        Assert.Equal("tensor([5.])", F(5f).ToString());
    }

    [Fact]
    public void ScientificModeForWideRangesTinyOrHugeValues()
    {
        Assert.Equal("tensor([1.0000e-05, 1.0000e+00])", F(1e-5f, 1f).ToString());          // min < 1e-4
        Assert.Equal("tensor([1.0000e+00, 1.0000e+04])", F(1f, 10000f).ToString());        // integers, max / min > 1000
        Assert.Equal("tensor([5.0000e-01, 2.0000e+03])", F(0.5f, 2000f).ToString());       // max / min = 4000
        Assert.Equal("tensor([1.0000e+09])", F(1e9f).ToString());                           // max > 1e8
        Assert.Equal("tensor([-1.0000e-05,  1.0000e+00])", F(-1e-5f, 1f).ToString());      // padded to one width
    }

    [Fact]
    public void ARatioOfExactlyOneThousandStaysFixed()
    {
        Assert.Equal("tensor([   1., 1000.])", F(1f, 1000f).ToString());
    }

    [Fact]
    public void LongVectorsWrapAtEightyColumns()
    {
        // Width 3 ("29."), so floor((80 - 7) / (3 + 2)) = 14 elements per line.
        Assert.Equal(
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n" +
            "        14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27.,\n" +
            "        28., 29.])",
            Tensor<float>.Arange(30).ToString());
    }

    [Fact]
    public void MoreThanAThousandElementsAreSummarized()
    {
        Assert.Equal("tensor([1000., 1001., 1002.,  ..., 2997., 2998., 2999.])",
            Tensor<float>.Arange(1000f, 3000f, 1f).ToString());
        Assert.Equal(
            "tensor([[0., 0., 0.,  ..., 0., 0., 0.],\n" +
            "        [0., 0., 0.,  ..., 0., 0., 0.],\n" +
            "        [0., 0., 0.,  ..., 0., 0., 0.],\n" +
            "        ...,\n" +
            "        [0., 0., 0.,  ..., 0., 0., 0.],\n" +
            "        [0., 0., 0.,  ..., 0., 0., 0.],\n" +
            "        [0., 0., 0.,  ..., 0., 0., 0.]])",
            Tensor<float>.Zeros(100, 100).ToString());
        string thousand = Tensor<float>.Zeros(1000).ToString();
        Assert.DoesNotContain("...", thousand);
        Assert.Equal(1000, thousand.Split("0.").Length - 1);
        // The formatter sizes itself on the printed edges only: the hidden 1e6 does not force scientific mode.
        var big = Tensor<float>.Ones(2000);
        big.Span[1000] = 1e6f;
        Assert.Equal("tensor([1., 1., 1.,  ..., 1., 1., 1.])", big.ToString());
    }

    [Fact]
    public void DtypeAndAutogradSuffixes()
    {
        Assert.Equal("tensor([1., 2.], dtype=torch.float64)", Tensor.FromArray(new[] { 1.0, 2.0 }).ToString());
        var x = F(1f, 2f).RequireGrad();
        Assert.Equal("tensor([1., 2.], requires_grad=True)", x.ToString());
        Assert.Equal("tensor([2., 4.], grad_fn=<MulBackward0>)", (x * 2f).ToString());
        var d = Tensor.FromArray(new[] { 1.0, 2.0 }).RequireGrad();
        Assert.Equal("tensor(3., dtype=torch.float64, grad_fn=<SumBackward0>)", d.Sum().ToString());
        Assert.Equal("tensor([1., 2.])", x.Detach().ToString());
    }

    [Fact]
    public void SuffixesWrapOntoANewLineIndentedByThePrefix()
    {
        // "tensor([0.0000, ..., 3.5000]" is 71 characters; PyTorch counts it as 73, and 73 + 2 + 19 > 80.
        var x = Tensor<double>.Arange(8) * 0.5;
        Assert.Equal("tensor([0.0000, 0.5000, 1.0000, 1.5000, 2.0000, 2.5000, 3.0000, 3.5000],\n       dtype=torch.float64)", x.ToString());
        var y = x.Detach().RequireGrad() * 1.0;
        Assert.Equal("tensor([0.0000, 0.5000, 1.0000, 1.5000, 2.0000, 2.5000, 3.0000, 3.5000],\n       dtype=torch.float64, grad_fn=<MulBackward0>)", y.ToString());
    }

    [Fact]
    public void DigitsRoundLikePythonTiesToEven()
    {
        // 0.03125, 0.09375 and 1.40625 are exact in binary and ties at 4 decimals: Python rounds them to even.
        Assert.Equal("tensor([0.0312, 0.0938, 1.4062])", F(0.03125f, 0.09375f, 1.40625f).ToString());
        // 1.00005 is stored a little above the tie (1.0000500000000000011...), so it rounds up, as in Python.
        Assert.Equal("tensor([1.0001, 2.0000], dtype=torch.float64)", Tensor.FromArray(new[] { 1.00005, 2.0 }).ToString());
        Assert.Equal("tensor([1.2346e-05, 1.0000e+00])", F(1.23456e-5f, 1f).ToString());
        Assert.Equal("tensor([9.9999e-05, 1.0000e+00], dtype=torch.float64)", Tensor.FromArray(new[] { 9.99994e-5, 1.0 }).ToString());
        // Rounding up carries into the exponent: 9.99996e-05 prints as 1.0000e-04.
        Assert.Equal("tensor([1.0000e-04, 1.0000e+00], dtype=torch.float64)", Tensor.FromArray(new[] { 9.99996e-5, 1.0 }).ToString());
    }

    [Fact]
    public void EmptyAndNonFinite()
    {
        Assert.Equal("tensor([])", Tensor<float>.Zeros(0).ToString());
        Assert.Equal("tensor([], size=(2, 0))", Tensor<float>.Zeros(2, 0).ToString());
        Assert.Equal("tensor([], size=(2, 0, 3))", Tensor<float>.Zeros(2, 0, 3).ToString()); // PyTorch 1.13's print
        Assert.Equal("tensor([], dtype=torch.float64)", Tensor<double>.Zeros(0).ToString());
        Assert.Equal("tensor([0., inf])", F(0f, float.PositiveInfinity).ToString());           // nothing sized: width 1
        Assert.Equal("tensor([1.5000,    nan])", F(1.5f, float.NaN).ToString());
        Assert.Equal("tensor([-inf, 1., 2.])", F(float.NegativeInfinity, 1f, 2f).ToString());
        Assert.Equal("tensor([0., 0.])", F(0f, 0f).ToString());
    }
}
