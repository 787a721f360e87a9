using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Per-element binary cross entropy of probabilities, as PyTorch 1.13's CPU kernel (<c>aten/src/ATen/native/Loss.cpp</c>):
/// <c>(t - 1)·max(log(1 - x), -100) - t·max(log x, -100)</c>, the logs clamped so that x = 0 or 1 gives a finite loss.
/// </summary>
/// <remarks>
/// Backward as PyTorch's <c>binary_cross_entropy_backward</c> and <c>binary_cross_entropy_target_backward</c>:
/// <c>∂/∂x = g·(x - t) / max(x(1 - x), 1e-12)</c> (finite at 0 and 1; the clamp of the logs is not differentiated) and
/// <c>∂/∂t = g·(log(1 - x) - log x)</c> (unclamped: infinite at x = 0 or 1, as in PyTorch). Written with tensor ops, so
/// that a recorded backward (<c>createGraph</c>) differentiates again; its derivative in x equals PyTorch's
/// <c>binary_cross_entropy_double_backward</c> <c>(x² - 2xt + t)/(x²(1 - x)²)</c> up to where PyTorch adds its 1e-12
/// (PyTorch divides by <c>(x + ε)²(1 - x + ε)²</c>, MiniGrad by <c>max(x(1 - x), ε)²</c>: the same to about
/// <c>ε/x</c> relative, e.g. 1e-11 at x = 0.3, but where the clamp holds (x within about 1e-12 of 0 or 1) MiniGrad's is
/// about 1/ε and PyTorch's about t/ε²). The derivative in the upstream gradient is the first-order backward itself
/// (PyTorch's <c>binary_cross_entropy_double_backward_grad_output</c> divides by <c>(x + ε)(1 - x + ε)</c> instead).
/// Fused because the clamped forward composed from Log, Clamp and Maximum would have the wrong derivative (zero past the
/// clamp, a tie at it) and would not be PyTorch's.
/// </remarks>
internal sealed class BinaryCrossEntropyFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>
    /// PyTorch's <c>EPSILON</c> in the backward's denominator, the same for every dtype: Loss.cpp declares it
    /// <c>constexpr float EPSILON = 1e-12</c>, so in double it is 1e-12 rounded to float (9.99999996e-13).
    /// </summary>
    private const double Epsilon = (double)1e-12f;

    private BinaryCrossEntropyFunction()
    {
    }

    public override string Name => "BinaryCrossEntropy";

    /// <summary>The unreduced, unweighted loss; the caller has checked the shapes and that every input is in [0, 1].</summary>
    public static Tensor<T> Apply(Tensor<T> input, Tensor<T> target)
    {
        var y = Tensor<T>.Allocate(input.Shape, clear: false);
        var x = input.ReadOnlySpan;
        var t = target.ReadOnlySpan;
        var ys = y.Span;
        T floor = T.CreateChecked(-100);
        for (int i = 0; i < ys.Length; i++)
            ys[i] = (t[i] - T.One) * T.Max(T.Log(T.One - x[i]), floor) - t[i] * T.Max(T.Log(x[i]), floor);
        return Tape.ShouldRecord(input, target) ? Tape.Record(new BinaryCrossEntropyFunction<T>(), y, input, target) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var (x, t) = (Inputs[0], Inputs[1]);
        Tensor<T>? gx = null, gt = null;
        if (needs[0])
        {
            var denominator = ((T.One - x) * x).Clamp(T.CreateChecked(Epsilon), T.PositiveInfinity);
            gx = g * (x - t) / denominator;
        }
        if (needs[1]) gt = g * ((T.One - x).Log() - x.Log());
        return [gx, gt];
    }
}
