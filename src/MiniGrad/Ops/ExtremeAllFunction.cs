using System.Numerics;

namespace MiniGrad.Ops;

/// <summary>
/// The maximum (or minimum) of all elements, as a rank-0 tensor (<c>torch.max(x)</c>, <c>torch.min(x)</c>); NaN if
/// any element is. Backward, as PyTorch's full reduction: the gradient is split evenly over every element equal to
/// the result (over the NaNs when the result is NaN).
/// </summary>
internal sealed class ExtremeAllFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly bool maximum;

    private ExtremeAllFunction(bool maximum) => this.maximum = maximum;

    public override string Name => maximum ? "Max" : "Min";

    // The full max()/min() is PyTorch's second max overload (MaxBackward1); along a dim it is MaxBackward0.
    internal override int PyTorchOverload => 1;

    // Backward compares the input with the saved result.
    protected internal override bool SavesOutput => true;

    public static Tensor<T> Apply(Tensor<T> x, bool maximum)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length == 0)
            throw new InvalidOperationException(
                $"{(maximum ? "max" : "min")}: a tensor of shape {x.Shape} has no elements to take the {(maximum ? "maximum" : "minimum")} of; " +
                "give a dim to reduce over a non-empty one, or check the batch is not empty.");
        var xs = x.ReadOnlySpan;
        T best = xs[0];
        for (int i = 1; i < xs.Length && !T.IsNaN(best); i++)
        {
            T v = xs[i];
            if (T.IsNaN(v) || (maximum ? v > best : v < best)) best = v;
        }
        var y = Tensor<T>.Scalar(best);
        return Tape.ShouldRecord(x) ? Tape.Record(new ExtremeAllFunction<T>(maximum), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var x = Inputs[0];
        T result = Output.ReadOnlySpan[0];
        var mask = Tensor<T>.Allocate(x.Shape, clear: false);
        var xs = x.ReadOnlySpan;
        var ms = mask.Span;
        int count = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            bool hit = T.IsNaN(result) ? T.IsNaN(xs[i]) : xs[i] == result;
            ms[i] = hit ? T.One : T.Zero;
            if (hit) count++;
        }
        return [mask * (g / T.CreateChecked(count))];
    }
}
