namespace MiniGrad.Tests.Docs;

/// <summary>
/// Numbers the docs show that are worth deriving by other means than running the snippet (which
/// <see cref="DocSnippetTests"/> does): the quickstart's loss and gradient by hand, and the custom-activation forms
/// of docs/gradient-checking.md against the composed ops.
/// </summary>
public class DocNumbersTests
{
    [Fact]
    public void TheQuickstartNumbersAreTheHandDerivedOnes()
    {
        // x wᵀ = [[-1.5, 2.5], [-2.5, 7]]; minus 1 and squared: 6.25, 2.25, 12.25, 36; mean 56.75 / 4 = 14.1875.
        // dLoss/dY = 2 (Y - 1) / 4 = [[-1.25, 0.75], [-1.75, 3]]; dLoss/dW = (dLoss/dY)ᵀ x.
        var x = Tensor.FromArray(new[] { 1.0, 2.0, 3.0, 4.0 }, 2, 2);
        var w = Tensor.FromArray(new[] { 0.5, -1.0, 2.0, 0.25 }, 2, 2).RequireGrad();
        var loss = (Tensor<double>.MatMul(x, w, transposeB: true) - 1.0).Pow(2.0).Mean();
        loss.Backward();
        Assert.Equal(14.1875, loss.Item());
        Assert.Equal([-6.5, -9.5, 9.75, 13.5], w.Grad!.ToArray());
    }

    [Fact]
    public void TheStructAndDelegateFormsAgreeWithTheComposedOne()
    {
        var x = Tensor.FromArray(new[] { -1.0, 0.5, 2.0 });
        var composed = x * Functional.Sigmoid(x * 1.5);
        var delegates = CustomActivation.Create("MySwish",
            v => v / (1 + Math.Exp(-1.5 * v)),
            v => { double s = 1 / (1 + Math.Exp(-1.5 * v)); return s + 1.5 * v * s * (1 - s); }).Apply(x);
        for (int i = 0; i < 3; i++) Assert.Equal(composed.Span[i], delegates.Span[i], 14);
    }
}
