using System.Globalization;
using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Dropout, as PyTorch's <c>nn.Dropout</c>: in training mode each element is zeroed with probability <c>p</c> and
/// the others are scaled by <c>1/(1 - p)</c>, so the expectation of the output is the input; in evaluation mode
/// (<see cref="Module{T}.Eval"/>) it is the identity.
/// </summary>
/// <remarks>
/// <para>Formula: <c>y = x · m</c> with <c>m = b/(1 - p)</c>, <c>b ~ Bernoulli(1 - p)</c> drawn per element from the
/// module's seeded <see cref="Generator"/>. Derivative: <c>dy/dx = m</c>, the same mask (it is a constant tensor on the
/// tape, multiplied with the input, so gradients of gradients work too).</para>
/// <para>As PyTorch: p = 0 returns the input itself and draws nothing; p = 1 gives zeros (and a zero gradient). Same
/// generator seed, same masks. The mask draws one <see cref="Generator.NextDouble"/> per element, so the masks are
/// not PyTorch's bits even with a <see cref="Generator.PyTorchCompatible"/> generator.</para>
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Dropout<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the module with PyTorch's default p = 0.5.</summary>
    /// <param name="generator">The seeded generator the masks are drawn from.</param>
    public Dropout(Generator generator)
        : this(0.5, generator)
    {
    }

    /// <summary>Creates the module.</summary>
    /// <param name="p">The probability of zeroing an element, in [0, 1].</param>
    /// <param name="generator">The seeded generator the masks are drawn from.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or NaN.</exception>
    public Dropout(double p, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(nameof(p), $"Dropout: dropout probability has to be between 0 and 1, but got {p.ToString(CultureInfo.InvariantCulture)}.");
        P = p;
        Generator = generator;
    }

    /// <summary>The probability of zeroing an element.</summary>
    public double P { get; }

    /// <summary>The generator the masks are drawn from.</summary>
    public Generator Generator { get; }

    /// <summary>
    /// In training mode <c>input · mask</c> with a fresh mask of the input's shape; in evaluation mode, or with p = 0,
    /// the input itself.
    /// </summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Training || P == 0 || input.Length == 0) return input;
        // Every element is drawn for p < 1; p = 1 keeps nothing, a mask of zeros.
        var mask = Tensor<T>.Allocate(input.Shape, clear: P >= 1);
        if (P < 1) Generator.FillKeepMask(mask.Span, P, T.One / T.CreateChecked(1 - P));
        // The mask is this op's own: its buffer goes back with the graph, or at once when nothing was recorded.
        return Tensor<T>.WithOwnedOperand(input * mask, mask);
    }

    /// <inheritdoc/>
    protected override string ExtraRepresentation() => "p: " + P.ToString("R", CultureInfo.InvariantCulture);
}
