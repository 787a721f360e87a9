using System.Numerics;

namespace MiniGrad.Ops;

/// <summary>
/// What every one-input elementwise math op shares: allocate the output, run the op's kernel, record it when a
/// gradient may be needed. A derived type holds its kernel and its backward side by side.
/// </summary>
internal abstract class UnaryFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary><c>y = f(x)</c> over spans of one length.</summary>
    protected abstract void Forward(ReadOnlySpan<T> x, Span<T> y);

    /// <summary>Runs <paramref name="fn"/> on <paramref name="x"/>.</summary>
    protected static Tensor<T> Run(UnaryFunction<T> fn, Tensor<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Tensor<T>.Allocate(x.Shape, clear: false);
        fn.Forward(x.ReadOnlySpan, y.Span);
        return Tape.ShouldRecord(x) ? Tape.Record(fn, y, x) : y;
    }
}
