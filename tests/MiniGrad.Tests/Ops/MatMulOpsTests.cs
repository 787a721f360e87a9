using static MiniGrad.Tests.Support.Expect;

namespace MiniGrad.Tests.Ops;

public class MatMulOpsTests
{
    // A = [[1,2,3],[4,5,6]], B = [[7,8],[9,10],[11,12]]: C = A B = [[58,64],[139,154]].
    // With G = ones: dA = G Bᵀ (row sums of B, per row) = [[15,19,23],[15,19,23]],
    // dB = Aᵀ G (row sums of Aᵀ = column sums of A) = [[5,5],[7,7],[9,9]].
    private static readonly double[] A = [1, 2, 3, 4, 5, 6];
    private static readonly double[] At = [1, 4, 2, 5, 3, 6];
    private static readonly double[] B = [7, 8, 9, 10, 11, 12];
    private static readonly double[] Bt = [7, 9, 11, 8, 10, 12];
    private static readonly double[] C = [58, 64, 139, 154];

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void AllFourTransposeCombinationsGiveTheSameProductAndGradients(bool transposeA, bool transposeB)
    {
        var a = (transposeA ? T(At, 3, 2) : T(A, 2, 3)).RequireGrad();
        var b = (transposeB ? T(Bt, 2, 3) : T(B, 3, 2)).RequireGrad();
        var c = Tensor<double>.MatMul(a, b, transposeA, transposeB);
        Values(c, [2, 2], C);
        c.Sum().Backward();
        // The gradient of a stored operand is the stored-layout version of dA / dB.
        if (transposeA) Values(a.Grad, [3, 2], [15, 15, 19, 19, 23, 23]);
        else Values(a.Grad, [2, 3], [15, 19, 23, 15, 19, 23]);
        if (transposeB) Values(b.Grad, [2, 3], [5, 7, 9, 5, 7, 9]);
        else Values(b.Grad, [3, 2], [5, 5, 7, 7, 9, 9]);
    }

    [Fact]
    public void GradientWithANonUniformUpstreamGradient()
    {
        var a = T(A, 2, 3).RequireGrad();
        var b = T(B, 3, 2).RequireGrad();
        var c = a.MatMul(b);
        // G = [[1,0],[0,2]]: dA = G Bᵀ = [[7,9,11],[16,20,24]]; dB = Aᵀ G = [[1,8],[2,10],[3,12]].
        c.Backward(T([1, 0, 0, 2], 2, 2));
        Values(a.Grad, [2, 3], [7, 9, 11, 16, 20, 24]);
        Values(b.Grad, [3, 2], [1, 8, 2, 10, 3, 12]);
    }

    [Fact]
    public void OnlyTheOperandThatRequiresGradGetsOne()
    {
        var a = T(A, 2, 3);
        var b = T(B, 3, 2).RequireGrad();
        a.MatMul(b).Sum().Backward();
        Assert.Null(a.Grad);
        Values(b.Grad, [3, 2], [5, 5, 7, 7, 9, 9]);
    }

    [Fact]
    public void VectorShapedOneByNProducts()
    {
        // [1,3] @ [3,1] = a dot product; [3,1] @ [1,3] = an outer product.
        Values(T([1, 2, 3], 1, 3).MatMul(T([4, 5, 6], 3, 1)), [1, 1], [32]);
        Values(T([1, 2, 3], 3, 1).MatMul(T([4, 5], 1, 2)), [3, 2], [4, 5, 8, 10, 12, 15]);
    }

    [Theory]
    [InlineData(false, false, "")]
    [InlineData(true, false, "Aᵀ")]
    [InlineData(false, true, "Bᵀ")]
    [InlineData(true, true, "Aᵀ, Bᵀ")]
    public void TransposedBatchedProductsMatchThePerBatchProductAndTheirGradientsCheck(bool transposeA, bool transposeB, string arguments)
    {
        // The backward of a batched product records transposed batched products (createGraph); every combination
        // is checked here directly, with its first and second derivatives.
        var generator = new Generator(11);
        var a = Tensor<double>.RandomNormal(generator, transposeA ? [2, 3, 2] : [2, 2, 3]).RequireGrad();
        var b = Tensor<double>.RandomNormal(generator, transposeB ? [2, 4, 3] : [2, 3, 4]).RequireGrad();
        var c = MiniGrad.Ops.BmmFunction<double>.Apply(a, b, transposeA, transposeB);
        Assert.Equal(new TensorShape(2, 2, 4), c.Shape);
        Assert.Equal(arguments, c.GradFn!.Arguments);
        for (int i = 0; i < 2; i++)
        {
            var expected = Tensor<double>.MatMul(a.Select(0, i), b.Select(0, i), transposeA, transposeB);
            Assert.Equal(expected.ToArray(), c.Select(0, i).ToArray());
        }
        Tensor<double>[] F(Tensor<double>[] x) => [MiniGrad.Ops.BmmFunction<double>.Apply(x[0], x[1], transposeA, transposeB)];
        Assert.True(GradCheck.Check(F, [a, b]).Passed);
        Assert.True(GradCheck.GradGradCheck(F, [a, b]).Passed);
    }

    [Theory]
    [InlineData(true, false, "[3, 2]ᵀ @ [2, 4]")]
    [InlineData(false, true, "[2, 3] @ [4, 2]ᵀ")]
    public void AShapeErrorOfATransposedProductShowsTheTranspose(bool transposeA, bool transposeB, string shown)
    {
        var a = Tensor<double>.Zeros(transposeA ? new TensorShape(3, 2) : new TensorShape(2, 3));
        var b = Tensor<double>.Zeros(transposeB ? new TensorShape(4, 2) : new TensorShape(2, 4));
        Assert.Contains(shown, Assert.Throws<ArgumentException>(() => Tensor<double>.MatMul(a, b, transposeA, transposeB)).Message);
        var a3 = a.Unsqueeze(0);
        var b3 = b.Unsqueeze(0);
        Assert.Contains(shown.Replace("[", "[1, "), Assert.Throws<ArgumentException>(() => MiniGrad.Ops.BmmFunction<double>.Apply(a3, b3, transposeA, transposeB)).Message);
    }
}
