using System.Numerics;
using MiniGrad.Activations;

namespace MiniGrad.Nn;

/// <summary>
/// The randomized leaky ReLU as a module (PyTorch's <c>nn.RReLU</c>): random slopes from <see cref="Generator"/> in
/// training mode, the mean slope after <see cref="Module{T}.Eval"/>; see <see cref="Functional.Rrelu{T}"/> for the
/// formula, derivative, range and kink convention.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Rrelu<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the module.</summary>
    /// <param name="lower">The lowest slope; PyTorch's default 1/8.</param>
    /// <param name="upper">The highest slope; PyTorch's default 1/3.</param>
    /// <param name="generator">The seeded generator for training-mode slopes; required before a training-mode forward.</param>
    /// <exception cref="ArgumentException"><paramref name="lower"/> &gt; <paramref name="upper"/> or a bound is NaN.</exception>
    public Rrelu(double lower = 1.0 / 8, double upper = 1.0 / 3, Generator? generator = null)
    {
        RreluFunction<T>.CheckBounds(lower, upper);
        Lower = lower;
        Upper = upper;
        Generator = generator;
    }

    /// <summary>The lowest slope.</summary>
    public double Lower { get; }

    /// <summary>The highest slope.</summary>
    public double Upper { get; }

    /// <summary>The generator for the random slopes (training mode).</summary>
    public Generator? Generator { get; set; }

    /// <summary>Applies RReLU; in training mode a <see cref="Generator"/> must be set.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Functional.Rrelu(input, Lower, Upper, Training, Generator);

    /// <inheritdoc/>
    protected override string ExtraRepresentation() =>
        $"lower: {ActivationHelpers.Number(Lower)}, upper: {ActivationHelpers.Number(Upper)}";
}
