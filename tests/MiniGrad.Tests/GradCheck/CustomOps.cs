using System.Numerics;
using System.Numerics.Tensors;

namespace MiniGrad.Tests.GradChecking;

/// <summary>
/// The third way to write an activation: a full custom op, written with the public API only (a user outside MiniGrad
/// writes "protected override"; this assembly sees the internals, hence "protected internal").
/// y = x * sigmoid(1.5 x); it saves the sigmoid for backward.
/// </summary>
public sealed class SwishFunction : Function<double>
{
    private readonly Tensor<double> sigmoid;
    private readonly bool accumulateTwice;

    private SwishFunction(Tensor<double> sigmoid, bool accumulateTwice) => (this.sigmoid, this.accumulateTwice) = (sigmoid, accumulateTwice);

    public override string Name => accumulateTwice ? "SwishTwice" : "Swish";

    public static Tensor<double> Apply(Tensor<double> x, bool accumulateTwice = false)
    {
        var s = Tensor<double>.Zeros(x.Shape);
        var y = Tensor<double>.Zeros(x.Shape);
        var xs = x.ReadOnlySpan;
        var ss = s.Span;
        for (int i = 0; i < xs.Length; i++) ss[i] = 1 / (1 + Math.Exp(-1.5 * xs[i]));
        TensorPrimitives.Multiply(xs, ss, y.Span);
        if (!MiniGrad.Tape.ShouldRecord(x)) return y;
        // The broken variant records x twice and returns a full gradient for both slots: the engine adds them.
        return accumulateTwice
            ? MiniGrad.Tape.Record(new SwishFunction(s, true), y, x, x)
            : MiniGrad.Tape.Record(new SwishFunction(s, false), y, x);
    }

    protected internal override Tensor<double>?[] Backward(Tensor<double> g, ReadOnlySpan<bool> needs)
    {
        var x = Inputs[0];
        // Written with tensor ops, so that it is differentiable in g (the saved sigmoid is a constant here).
        var d = sigmoid + x.Detach() * 1.5 * sigmoid * (1.0 - sigmoid);
        var gx = g * d;
        return accumulateTwice ? [gx, gx] : [gx];
    }
}

/// <summary>An op whose backward changes from call to call (a counter): nondeterministic.</summary>
public sealed class DriftingFunction : Function<double>
{
    private int calls;

    public override string Name => "Drifting";

    public static Tensor<double> Apply(Tensor<double> x)
    {
        var y = x.Clone();
        return MiniGrad.Tape.ShouldRecord(x) ? MiniGrad.Tape.Record(new DriftingFunction(), y, x) : y;
    }

    protected internal override Tensor<double>?[] Backward(Tensor<double> g, ReadOnlySpan<bool> needs) => [g * (1 + 1e-9 * ++calls)];
}

/// <summary>An op whose backward ignores the upstream gradient: returns f'(x) = 2x instead of g * 2x.</summary>
public sealed class IgnoresUpstreamFunction : Function<double>
{
    public override string Name => "IgnoresUpstream";

    public static Tensor<double> Apply(Tensor<double> x)
    {
        var y = Tensor<double>.Zeros(x.Shape);
        TensorPrimitives.Multiply(x.ReadOnlySpan, x.ReadOnlySpan, y.Span);
        return MiniGrad.Tape.ShouldRecord(x) ? MiniGrad.Tape.Record(new IgnoresUpstreamFunction(), y, x) : y;
    }

    protected internal override Tensor<double>?[] Backward(Tensor<double> g, ReadOnlySpan<bool> needs) => [Inputs[0].Detach() * 2.0];
}

/// <summary>An op whose backward returns a gradient of the wrong shape.</summary>
public sealed class WrongShapeFunction : Function<double>
{
    public override string Name => "WrongShape";

    public static Tensor<double> Apply(Tensor<double> x)
    {
        var y = x.Clone();
        return MiniGrad.Tape.ShouldRecord(x) ? MiniGrad.Tape.Record(new WrongShapeFunction(), y, x) : y;
    }

    protected internal override Tensor<double>?[] Backward(Tensor<double> g, ReadOnlySpan<bool> needs) => [g.Sum()];
}
