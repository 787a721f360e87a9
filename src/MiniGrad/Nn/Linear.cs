using System.Globalization;
using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// A fully connected layer <c>y = x Wᵀ + b</c>, as PyTorch's <c>nn.Linear</c>: the weight is stored
/// [outFeatures, inFeatures] and the input's last dim is <c>inFeatures</c>.
/// </summary>
/// <remarks>
/// Initialisation follows PyTorch's <c>reset_parameters</c>: <c>kaiming_uniform_(weight, a = sqrt(5))</c>, which comes
/// to a uniform draw in ±1/sqrt(inFeatures), then the bias uniform in the same range; weight first, then bias, from
/// the given seeded <see cref="Generator"/>.
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Linear<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the layer and draws its parameters from <paramref name="generator"/>.</summary>
    /// <param name="inFeatures">The size of each input row (the input's last dim).</param>
    /// <param name="outFeatures">The size of each output row.</param>
    /// <param name="generator">The seeded generator the initial weights and bias come from.</param>
    /// <param name="bias">Whether to add a learned bias (PyTorch's default: yes).</param>
    public Linear(int inFeatures, int outFeatures, Generator generator, bool bias = true)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (inFeatures <= 0 || outFeatures <= 0)
            throw new ArgumentOutOfRangeException(inFeatures <= 0 ? nameof(inFeatures) : nameof(outFeatures),
                $"Linear: inFeatures ({inFeatures}) and outFeatures ({outFeatures}) must both be positive.");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        // kaiming_uniform_ with a = sqrt(5): bound = sqrt(3) * gain / sqrt(fanIn), mathematically 1 / sqrt(fanIn),
        // computed in PyTorch's order so that a PyTorch-compatible generator gives PyTorch's weights to the last bit.
        double a = Math.Sqrt(5.0);
        double gain = Math.Sqrt(2.0 / (1 + a * a));
        double weightBound = Math.Sqrt(3.0) * (gain / Math.Sqrt(inFeatures));
        double biasBound = 1 / Math.Sqrt(inFeatures);
        Weight = RegisterParameter("weight", Tensor<T>.RandomUniform(generator, -weightBound, weightBound, outFeatures, inFeatures));
        if (bias) Bias = RegisterParameter("bias", Tensor<T>.RandomUniform(generator, -biasBound, biasBound, outFeatures));
    }

    /// <summary>The size of each input row.</summary>
    public int InFeatures { get; }

    /// <summary>The size of each output row.</summary>
    public int OutFeatures { get; }

    /// <summary>The weight, shape [outFeatures, inFeatures].</summary>
    public Tensor<T> Weight { get; }

    /// <summary>The bias, shape [outFeatures], or null when created with <c>bias: false</c>.</summary>
    public Tensor<T>? Bias { get; }

    /// <summary>
    /// <c>input @ Weightᵀ + Bias</c> for an input of shape [..., inFeatures]; the output has shape [..., outFeatures].
    /// The transposed weight is read in place (no copy); see <see cref="Functional.Linear{T}"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The input's last dim is not <see cref="InFeatures"/>.</exception>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 0 || input.Shape[-1] != InFeatures)
            throw new ArgumentException(
                $"{this}: input of shape {input.Shape} does not end in {InFeatures} features; give an input of shape [batch, {InFeatures}].",
                nameof(input));
        return Functional.Linear(input, Weight, Bias);
    }

    /// <inheritdoc/>
    protected override string ExtraRepresentation() =>
        string.Create(CultureInfo.InvariantCulture,
            $"inFeatures: {InFeatures}, outFeatures: {OutFeatures}, bias: {(Bias is null ? "False" : "True")}");
}
