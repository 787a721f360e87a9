using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary><c>y = ln(x)</c>. Backward: <c>g / x</c>.</summary>
internal sealed class LogFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private LogFunction()
    {
    }

    public override string Name => "Log";

    public static Tensor<T> Apply(Tensor<T> x)
    {
        var y = Tensor<T>.Allocate(x.Shape, clear: false);
        Elementwise.Log(x.ReadOnlySpan, y.Span);
        return Tape.ShouldRecord(x) ? Tape.Record(new LogFunction<T>(), y, x) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) => [g / Inputs[0]];
}
