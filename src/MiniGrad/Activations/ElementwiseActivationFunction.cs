using System.Numerics;

namespace MiniGrad.Activations;

/// <summary>
/// The shape every elementwise activation shares: a one-pass forward kernel, a one-pass fused backward kernel
/// <c>dx = g * f'(s)</c> that reads what forward saved (<c>s</c> is the input or, where cheaper, the output), and the
/// derivative of that backward with respect to <c>s</c>, written with tensor ops so gradients of gradients work.
/// </summary>
/// <remarks>
/// A derived type holds the activation's parameters and its three formulas side by side. Nothing is saved beyond
/// the tape's own references to the input and output.
/// </remarks>
internal abstract class ElementwiseActivationFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>True when backward reads the output <c>y</c> (sigmoid, tanh, relu), false when it reads the input <c>x</c>.</summary>
    protected abstract bool BackwardUsesOutput { get; }

    /// <inheritdoc/>
    protected internal override bool SavesInput(int index) => !BackwardUsesOutput;

    /// <inheritdoc/>
    protected internal override bool SavesOutput => BackwardUsesOutput;

    /// <summary><c>y = f(x)</c> in one pass.</summary>
    internal abstract void Forward(ReadOnlySpan<T> x, Span<T> y);

    /// <summary><c>dx = g * f'(s)</c> in one pass, <c>s</c> being the saved input or output.</summary>
    internal abstract void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> s, Span<T> dx);

    /// <summary>
    /// <c>gg * d(g * f'(s))/ds</c> with tensor ops: the gradient that the backward op sends to <c>s</c> in a second-order pass.
    /// </summary>
    internal abstract Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> s);

    /// <summary>Runs <paramref name="fn"/>'s forward on <paramref name="x"/> and records it when a gradient may be needed.</summary>
    protected static Tensor<T> Run(ElementwiseActivationFunction<T> fn, Tensor<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Tensor<T>.Allocate(x.Shape, clear: false);
        fn.Forward(x.ReadOnlySpan, y.Span);
        return Tape.ShouldRecord(x) ? Tape.Record(fn, y, x) : y;
    }

    /// <inheritdoc/>
    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) =>
        [ActivationBackwardFunction<T>.Apply(this, g, BackwardUsesOutput ? Output : Inputs[0])];
}

/// <summary>
/// The backward of an elementwise activation as an op of its own, <c>dx = g * f'(s)</c>.
/// </summary>
/// <remarks>
/// Fused because composing <c>g * f'(s)</c> from tensor ops would walk the buffers three to five times and allocate
/// as many temporaries for the hot path of every training step; as an op with its own backward (to <c>g</c>: the
/// same kernel; to <c>s</c>: <see cref="ElementwiseActivationFunction{T}.SecondDerivative"/>) it still supports
/// <c>createGraph</c> and gradients of any order.
/// </remarks>
internal sealed class ActivationBackwardFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ElementwiseActivationFunction<T> owner;

    private ActivationBackwardFunction(ElementwiseActivationFunction<T> owner) => this.owner = owner;

    public override string Name => owner.Name + "Backward";

    public override string Arguments => owner.Arguments;

    public static Tensor<T> Apply(ElementwiseActivationFunction<T> owner, Tensor<T> g, Tensor<T> s)
    {
        if (g.Shape != s.Shape)
            throw new ArgumentException($"{owner.Name}: gradient of shape {g.Shape} for a tensor of shape {s.Shape}.");
        var dx = Tensor<T>.Allocate(g.Shape, clear: false);
        owner.BackwardKernel(g.ReadOnlySpan, s.ReadOnlySpan, dx.Span);
        return Tape.ShouldRecord(g, s) ? Tape.Record(new ActivationBackwardFunction<T>(owner), dx, g, s) : dx;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> gg, ReadOnlySpan<bool> needs)
    {
        var (g, s) = (Inputs[0], Inputs[1]);
        return
        [
            needs[0] ? Apply(owner, gg, s) : null,
            needs[1] ? owner.SecondDerivative(gg, g, s) : null,
        ];
    }
}
