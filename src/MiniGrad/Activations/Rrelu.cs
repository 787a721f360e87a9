using System.Numerics;
using System.Numerics.Tensors;
using MiniGrad.Activations;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The randomized leaky ReLU (PyTorch's <c>F.rrelu</c>): in training, each non-positive element is multiplied by
    /// its own slope drawn uniformly from [<paramref name="lower"/>, <paramref name="upper"/>) with
    /// <paramref name="generator"/>; in evaluation, by the mean slope <c>(lower + upper)/2</c>, as a leaky ReLU.
    /// </summary>
    /// <remarks>
    /// Derivative: 1 for <c>x &gt; 0</c>, the element's slope otherwise (at 0 too, as PyTorch). Range: (-∞, ∞).
    /// Kink at 0: the value is 0 and the gradient the slope.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="lower">The lowest slope; PyTorch's default 1/8.</param>
    /// <param name="upper">The highest slope; PyTorch's default 1/3.</param>
    /// <param name="training">Draw random slopes (true) or use the mean slope (false, PyTorch's default for the function).</param>
    /// <param name="generator">The seeded generator for the slopes; required when <paramref name="training"/>.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException"><paramref name="lower"/> &gt; <paramref name="upper"/> or a bound is NaN.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="training"/> is true and <paramref name="generator"/> is null.</exception>
    public static Tensor<T> Rrelu<T>(Tensor<T> x, double lower = 1.0 / 8, double upper = 1.0 / 3, bool training = false,
        Generator? generator = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => RreluFunction<T>.Apply(x, lower, upper, training, generator);
}

/// <summary>
/// Training-mode RReLU: <c>y = x·noise</c> where <c>noise</c> is 1 for <c>x &gt; 0</c> and a slope drawn uniformly
/// from [lower, upper) for <c>x ≤ 0</c> (PyTorch's rrelu_with_noise). Backward: <c>g·noise</c>, the saved slopes.
/// </summary>
internal sealed class RreluFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private Tensor<T>? noise;

    private RreluFunction(Tensor<T> noise) => this.noise = noise;

    public override string Name => "Rrelu";

    public static Tensor<T> Apply(Tensor<T> x, double lower, double upper, bool training, Generator? generator)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckBounds(lower, upper);
        if (!training) return LeakyReluFunction<T>.Apply(x, (lower + upper) / 2, "Rrelu");
        if (generator is null)
            throw new ArgumentNullException(nameof(generator),
                "rrelu: training mode draws random slopes; pass a seeded Generator (or training: false for the mean slope).");
        var n = Tensor<T>.Allocate(x.Shape, clear: false);
        ReadOnlySpan<T> xs = x.ReadOnlySpan;
        Span<T> ns = n.Span;
        for (int i = 0; i < ns.Length; i++)
            ns[i] = xs[i] <= T.Zero ? T.CreateChecked(generator.NextUniform(lower, upper)) : T.One;
        var y = Tensor<T>.Allocate(x.Shape, clear: false);
        TensorPrimitives.Multiply(xs, ns, y.Span);
        return Tape.ShouldRecord(x) ? Tape.Record(new RreluFunction<T>(n), y, x) : y;
    }

    /// <summary>Refuses NaN bounds and <c>lower &gt; upper</c>.</summary>
    public static void CheckBounds(double lower, double upper)
    {
        ActivationHelpers.NotNaN(lower, "rrelu", nameof(lower));
        ActivationHelpers.NotNaN(upper, "rrelu", nameof(upper));
        if (lower > upper)
            throw new ArgumentException($"rrelu: lower ({lower}) must not be above upper ({upper}).", nameof(lower));
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) =>
        [g * (noise ?? throw new InvalidOperationException("rrelu: backward after release."))];

    protected override void ReleaseSaved() => noise = null;
}
