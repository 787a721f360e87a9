using static MiniGrad.Tests.Support.Expect;

namespace MiniGrad.Tests.Ops;

// Expected values are worked out by hand in the comments; gradients come from Backward(gradient: G) with an
// upstream gradient G whose entries differ, so that a mix-up of positions shows.
public class ArithmeticOpsTests
{
    [Fact]
    public void AddBiasOverBatchBroadcastsAndSumsTheBiasGradientOverRows()
    {
        var x = T([1, 2, 3, 4, 5, 6], 2, 3).RequireGrad();
        var b = T([10, 20, 30]).RequireGrad();
        var y = x + b;
        Values(y, [2, 3], [11, 22, 33, 14, 25, 36]);
        y.Backward(T([1, 2, 3, 4, 5, 6], 2, 3));
        Values(x.Grad, [2, 3], [1, 2, 3, 4, 5, 6]);
        Values(b.Grad, [3], [5, 7, 9]); // column sums of G
    }

    [Fact]
    public void AddBiasOnTheLeftIsTheSame()
    {
        var x = T([1, 2, 3, 4, 5, 6], 2, 3).RequireGrad();
        var b = T([10, 20, 30]).RequireGrad();
        var y = b + x;
        Values(y, [2, 3], [11, 22, 33, 14, 25, 36]);
        y.Backward(T([1, 2, 3, 4, 5, 6], 2, 3));
        Values(b.Grad, [3], [5, 7, 9]);
    }

    [Fact]
    public void AddScalarValueAndScalarTensorGradient()
    {
        var x = T([1, 2, 3, 4], 2, 2).RequireGrad();
        Values(x + 2.0, [2, 2], [3, 4, 5, 6]);
        Values(2.0 + x, [2, 2], [3, 4, 5, 6]);
        var s = Tensor.Scalar(2.0).RequireGrad();
        var y = x + s;
        y.Backward(T([1, 2, 3, 4], 2, 2));
        Values(x.Grad, [2, 2], [1, 2, 3, 4]);
        Values(s.Grad, [], [10]); // the scalar was used by every element: 1 + 2 + 3 + 4
    }

    [Fact]
    public void AddGeneralBroadcastOfBothOperands()
    {
        // a[2,1,3] + b[4,1] -> y[2,4,3], y[i,j,k] = a[i,0,k] + b[j,0].
        var a = T([0, 1, 2, 3, 4, 5], 2, 1, 3).RequireGrad();
        var b = T([10, 20, 30, 40], 4, 1).RequireGrad();
        var y = a + b;
        var expected = new double[24];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 4; j++)
                for (int k = 0; k < 3; k++)
                    expected[(i * 4 + j) * 3 + k] = 3 * i + k + 10 * (j + 1);
        Values(y, [2, 4, 3], expected);
        // G[i,j,k] = 12i + 3j + k. da[i,0,k] = sum_j G = 48i + 4k + 18; db[j,0] = sum_{i,k} G = 42 + 18j.
        y.Backward(Tensor<double>.Arange(24).Reshape(2, 4, 3));
        Values(a.Grad, [2, 1, 3], [18, 22, 26, 66, 70, 74]);
        Values(b.Grad, [4, 1], [42, 60, 78, 96]);
    }

    [Fact]
    public void AddSameTensorTwiceDoublesTheGradient()
    {
        var x = T([1, 2, 3]).RequireGrad();
        (x + x).Backward(T([1, 10, 100]));
        Values(x.Grad, [3], [2, 20, 200]);
    }

    [Fact]
    public void SubBroadcastGivesMinusColumnSumsToTheRightOperand()
    {
        var a = T([5, 6, 7, 8], 2, 2).RequireGrad();
        var b = T([1, 2]).RequireGrad();
        var y = a - b;
        Values(y, [2, 2], [4, 4, 6, 6]);
        y.Backward(T([1, 2, 3, 4], 2, 2));
        Values(a.Grad, [2, 2], [1, 2, 3, 4]);
        Values(b.Grad, [2], [-4, -6]);
    }

    [Fact]
    public void SubWithScalars()
    {
        var x = T([1, 2, 3]).RequireGrad();
        Values(x - 1.0, [3], [0, 1, 2]);
        var y = 1.0 - x;
        Values(y, [3], [0, -1, -2]);
        y.Backward(T([1, 2, 3]));
        Values(x.Grad, [3], [-1, -2, -3]);
    }

    [Fact]
    public void MulBroadcastGradientIsTheOtherOperandTimesG()
    {
        var a = T([1, 2, 3, 4, 5, 6], 2, 3).RequireGrad();
        var b = T([2, -1, 0.5]).RequireGrad();
        var y = a * b;
        Values(y, [2, 3], [2, -2, 1.5, 8, -5, 3]);
        y.Backward(T([1, 1, 1, 2, 2, 2], 2, 3));
        Values(a.Grad, [2, 3], [2, -1, 0.5, 4, -2, 1]);           // G * b
        Values(b.Grad, [3], [1 + 8, 2 + 10, 3 + 12]);              // column sums of G * a
    }

    [Fact]
    public void MulByScalarBothSides()
    {
        var x = T([1, -2]).RequireGrad();
        Values(x * 3.0, [2], [3, -6]);
        var y = 3.0 * x;
        Values(y, [2], [3, -6]);
        y.Sum().Backward();
        Values(x.Grad, [2], [3, 3]);
    }

    [Fact]
    public void DivBroadcastGradients()
    {
        var a = T([1, 2, 3, 4], 2, 2).RequireGrad();
        var b = T([2, 4]).RequireGrad();
        var y = a / b;
        Values(y, [2, 2], [0.5, 0.5, 1.5, 1]);
        y.Sum().Backward();
        Values(a.Grad, [2, 2], [0.5, 0.25, 0.5, 0.25]);          // 1 / b
        Values(b.Grad, [2], [-(1 + 3) / 4.0, -(2 + 4) / 16.0]);  // -sum_rows a / b^2
    }

    [Fact]
    public void ScalarDividedByTensorAndTensorByScalar()
    {
        var x = T([2, 4]).RequireGrad();
        Values(x / 2.0, [2], [1, 2]);
        var y = 1.0 / x;
        Values(y, [2], [0.5, 0.25]);
        y.Sum().Backward();
        Values(x.Grad, [2], [-0.25, -0.0625]); // -1 / x^2
    }

    [Fact]
    public void NegValueAndGradient()
    {
        var x = T([1, -2, 0]).RequireGrad();
        var y = -x;
        Values(y, [3], [-1, 2, 0]);
        y.Backward(T([1, 2, 3]));
        Values(x.Grad, [3], [-1, -2, -3]);
        Values(x.Neg(), [3], [-1, 2, 0]);
    }

    [Fact]
    public void MethodFormsMatchOperators()
    {
        var a = T([1, 2]);
        var b = T([4, 8]);
        Values(a.Add(b), [2], [5, 10]);
        Values(a.Sub(b), [2], [-3, -6]);
        Values(a.Mul(b), [2], [4, 16]);
        Values(a.Div(b), [2], [0.25, 0.25]);
    }

    [Fact]
    public void FloatTensorsWorkThroughTheSameCodePath()
    {
        var a = Tensor.FromArray(new[] { 1f, 2f, 3f, 4f }, 2, 2).RequireGrad();
        var b = Tensor.FromArray(new[] { 0.5f, 2f }).RequireGrad();
        var y = a * b + 1f;
        Values(y, [2, 2], [1.5, 5, 2.5, 9]);
        y.Sum().Backward();
        Values(b.Grad, [2], [4, 6]);
    }
}
