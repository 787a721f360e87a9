using System.Globalization;
using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>
/// <c>y = min(max(x, min), max)</c>. Backward: <c>g</c> where <c>min &lt;= x &lt;= max</c> (bounds included, as
/// PyTorch's clamp), else 0.
/// </summary>
internal sealed class ClampFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T min, max;

    private ClampFunction(T min, T max) => (this.min, this.max) = (min, max);

    public override string Name => "Clamp";

    // clamp(Tensor, Scalar min, Scalar max) is the second clamp overload PyTorch derives: ClampBackward1.
    internal override int PyTorchOverload => 1;

    public override string Arguments =>
        string.Create(CultureInfo.InvariantCulture, $"min={double.CreateChecked(min)}, max={double.CreateChecked(max)}");

    public static Tensor<T> Apply(Tensor<T> x, T min, T max)
    {
        // A min above max is allowed, as in PyTorch (every element becomes max); a NaN bound is refused.
        if (T.IsNaN(min) || T.IsNaN(max))
            throw new ArgumentException($"clamp: the bounds must be numbers, got min {min} and max {max}.");
        var y = Tensor<T>.Allocate(x.Shape, clear: false);
        Elementwise.Clamp(x.ReadOnlySpan, min, max, y.Span);
        return Tape.ShouldRecord(x) ? Tape.Record(new ClampFunction<T>(min, max), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var x = Inputs[0];
        var pass = Tensor<T>.Allocate(x.Shape, clear: false);
        Elementwise.InRangeMask(x.ReadOnlySpan, min, max, pass.Span);
        return [Tensor.Where(pass, g, Tensor<T>.ZerosLike(g))];
    }
}
