using System.Globalization;
using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Layer normalization, as PyTorch's <c>nn.LayerNorm</c>: each sample is normalized over its last dims (those of
/// <see cref="NormalizedShape"/>) to mean 0 and variance 1, then scaled and shifted elementwise by learned
/// <see cref="Weight"/> and <see cref="Bias"/>.
/// </summary>
/// <remarks>
/// <para>Formula, over the <c>M</c> elements of the normalized dims: <c>μ = Σx/M</c>, <c>σ² = Σ(x - μ)²/M</c> (the
/// biased variance, as PyTorch), <c>x̂ = (x - μ)/√(σ² + eps)</c>, <c>y = x̂ · weight + bias</c>.</para>
/// <para>Derivative, with <c>g = dy · weight</c>: <c>dx = (g - mean(g) - x̂ · mean(g · x̂))/√(σ² + eps)</c>,
/// <c>dweight = Σ dy · x̂</c> and <c>dbias = Σ dy</c> summed over the leading (batch) dims. It is composed of
/// differentiable ops (mean, subtraction, product, rsqrt), so gradients of gradients work.</para>
/// <para>Weight starts at ones and bias at zeros (PyTorch's <c>reset_parameters</c>); parameters are named
/// <c>weight</c> and <c>bias</c>, of shape <see cref="NormalizedShape"/>. A constant sample gives <c>x̂ = 0</c>
/// (eps keeps the division finite), so <c>y = bias</c>.</para>
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class LayerNorm<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the layer normalizing over the last dim, of size <paramref name="normalizedShape"/>.</summary>
    /// <param name="normalizedShape">The size of the last dim.</param>
    /// <param name="eps">Added to the variance before the square root.</param>
    /// <param name="elementwiseAffine">Whether to learn a weight and a bias (PyTorch's default: yes).</param>
    public LayerNorm(int normalizedShape, double eps = 1e-5, bool elementwiseAffine = true)
        : this(new TensorShape(normalizedShape), eps, elementwiseAffine)
    {
    }

    /// <summary>Creates the layer normalizing over the last dims, of shape <paramref name="normalizedShape"/>.</summary>
    /// <param name="normalizedShape">The shape of the last dims (rank at least 1, sizes positive).</param>
    /// <param name="eps">Added to the variance before the square root (positive or 0).</param>
    /// <param name="elementwiseAffine">Whether to learn a weight and a bias (PyTorch's default: yes).</param>
    /// <exception cref="ArgumentException">The shape is empty or has a size below 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="eps"/> is negative or NaN.</exception>
    public LayerNorm(TensorShape normalizedShape, double eps = 1e-5, bool elementwiseAffine = true)
    {
        if (normalizedShape.Rank == 0 || normalizedShape.Length <= 0 || normalizedShape.Dims.ToArray().Any(d => d <= 0))
            throw new ArgumentException($"LayerNorm: normalizedShape {normalizedShape} must have at least one dim, all positive.", nameof(normalizedShape));
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), $"LayerNorm: eps ({eps}) must be 0 or positive.");
        NormalizedShape = normalizedShape;
        Eps = eps;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", Tensor<T>.Ones(normalizedShape));
            Bias = RegisterParameter("bias", Tensor<T>.Zeros(normalizedShape));
        }
    }

    /// <summary>The shape of the last dims normalized over.</summary>
    public TensorShape NormalizedShape { get; }

    /// <summary>The value added to the variance.</summary>
    public double Eps { get; }

    /// <summary>The learned scale, of shape <see cref="NormalizedShape"/>, or null without elementwise affine.</summary>
    public Tensor<T>? Weight { get; }

    /// <summary>The learned shift, of shape <see cref="NormalizedShape"/>, or null without elementwise affine.</summary>
    public Tensor<T>? Bias { get; }

    /// <summary>Normalizes each sample of <paramref name="input"/>, of shape [..., *NormalizedShape]; the output has the input's shape.</summary>
    /// <exception cref="ArgumentException">The input's last dims are not <see cref="NormalizedShape"/>.</exception>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int k = NormalizedShape.Rank;
        var dims = input.Shape.Dims.ToArray();
        if (dims.Length < k || !dims[^k..].AsSpan().SequenceEqual(NormalizedShape.Dims))
            throw new ArgumentException(
                $"LayerNorm: input of shape {input.Shape} does not end in the normalized shape {NormalizedShape}.", nameof(input));
        var x = input.Reshape(new TensorShape([.. dims[..^k], NormalizedShape.Length]));
        var centered = x - x.Mean(-1, keepDim: true);
        var variance = (centered * centered).Mean(-1, keepDim: true);
        var y = (centered * (variance + T.CreateChecked(Eps)).Rsqrt()).Reshape(input.Shape);
        return Weight is null ? y : y * Weight + Bias!;
    }

    /// <inheritdoc/>
    protected override string ExtraRepresentation() =>
        string.Create(CultureInfo.InvariantCulture,
            $"normalizedShape: {NormalizedShape}, eps: {Eps:R}, elementwiseAffine: {(Weight is null ? "False" : "True")}");
}
