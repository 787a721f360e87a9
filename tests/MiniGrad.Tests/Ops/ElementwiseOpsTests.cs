using static MiniGrad.Tests.Support.Expect;

namespace MiniGrad.Tests.Ops;

public class ElementwiseOpsTests
{
    [Fact]
    public void Exp()
    {
        var x = T([0, 1, Math.Log(2)]).RequireGrad();
        var y = x.Exp();
        Values(y, [3], [1, Math.E, 2]);
        y.Backward(T([1, 2, 3]));
        Values(x.Grad, [3], [1, 2 * Math.E, 6]);
    }

    [Fact]
    public void Log()
    {
        var x = T([1, Math.E, 4]).RequireGrad();
        var y = x.Log();
        Values(y, [3], [0, 1, Math.Log(4)]);
        y.Sum().Backward();
        Values(x.Grad, [3], [1, 1 / Math.E, 0.25]);
    }

    [Fact]
    public void PowCube()
    {
        var x = T([1, 2, -3]).RequireGrad();
        var y = x.Pow(3);
        Values(y, [3], [1, 8, -27]);
        y.Sum().Backward();
        Values(x.Grad, [3], [3, 12, 27]);
    }

    [Fact]
    public void PowSquareHalfAndMinusOne()
    {
        var x = T([4, 9]).RequireGrad();
        var y = x.Pow(0.5);
        Values(y, [2], [2, 3]);
        y.Sum().Backward();
        Values(x.Grad, [2], [0.25, 1.0 / 6]);

        var z = T([2, -4]).RequireGrad();
        var w = z.Pow(-1);
        Values(w, [2], [0.5, -0.25]);
        w.Sum().Backward();
        Values(z.Grad, [2], [-0.25, -0.0625]);

        var q = T([3, -5]).RequireGrad();
        q.Pow(2).Sum().Backward();
        Values(q.Grad, [2], [6, -10]);
    }

    [Fact]
    public void PowZeroHasAZeroGradientEvenAtZero()
    {
        var x = T([0, 2]).RequireGrad();
        var y = x.Pow(0);
        Values(y, [2], [1, 1]);
        y.Sum().Backward();
        Values(x.Grad, [2], [0, 0]);
    }

    [Fact]
    public void Sqrt()
    {
        var x = T([4, 9, 16]).RequireGrad();
        var y = x.Sqrt();
        Values(y, [3], [2, 3, 4]);
        y.Sum().Backward();
        Values(x.Grad, [3], [0.25, 1.0 / 6, 0.125]);
    }

    [Fact]
    public void AbsHasGradientZeroAtZero()
    {
        var x = T([-2, 0, 3]).RequireGrad();
        var y = x.Abs();
        Values(y, [3], [2, 0, 3]);
        y.Backward(T([5, 5, 5]));
        Values(x.Grad, [3], [-5, 0, 5]);
    }

    [Fact]
    public void ClampPassesTheGradientInsideAndOnTheBounds()
    {
        var x = T([-2, -1, 0.5, 1, 3]).RequireGrad();
        var y = x.Clamp(-1, 1);
        Values(y, [5], [-1, -1, 0.5, 1, 1]);
        y.Backward(T([1, 2, 3, 4, 5]));
        Values(x.Grad, [5], [0, 2, 3, 4, 0]); // PyTorch: bounds included
    }

    [Fact]
    public void WhereRoutesTheGradientByTheMask()
    {
        var cond = T([1, 0, 1]);
        var a = T([1, 2, 3]).RequireGrad();
        var b = T([10, 20, 30]).RequireGrad();
        var y = Tensor.Where(cond, a, b);
        Values(y, [3], [1, 20, 3]);
        y.Backward(T([4, 5, 6]));
        Values(a.Grad, [3], [4, 0, 6]);
        Values(b.Grad, [3], [0, 5, 0]);
    }
}
