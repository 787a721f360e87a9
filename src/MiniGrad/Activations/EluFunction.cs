using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Activations;

/// <summary>
/// PyTorch's elu kernel, which Elu, Selu and Celu share: <c>y = x &gt; 0 ? scale·x : scale·alpha·expm1(inputScale·x)</c>.
/// Backward (from the input, as PyTorch's non-in-place elu): <c>x &gt; 0 ? scale·g : scale·alpha·inputScale·e^(inputScale·x)·g</c>,
/// which at the kink 0 takes the exponential branch.
/// </summary>
/// <remarks>Forward and backward are scalar loops: each element needs an exp/expm1 behind a branch.</remarks>
internal sealed class EluFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>SELU's α and λ (Klambauer et al. 2017), as PyTorch spells them.</summary>
    public const double SeluAlpha = 1.6732632423543772848170429916717, SeluScale = 1.0507009873554804934193349852946;

    private readonly double alpha, scale, inputScale;
    private readonly string name;

    private EluFunction(double alpha, double scale, double inputScale, string name) =>
        (this.alpha, this.scale, this.inputScale, this.name) = (alpha, scale, inputScale, name);

    public override string Name => name;

    public override string Arguments => name == "Selu" ? "" : $"alpha={ActivationHelpers.Number(alpha)}";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Elu(Tensor<T> x, double alpha)
    {
        ActivationHelpers.NotNaN(alpha, "elu", nameof(alpha));
        return Run(new EluFunction<T>(alpha, 1.0, 1.0, "Elu"), x);
    }

    public static Tensor<T> Selu(Tensor<T> x) => Run(new EluFunction<T>(SeluAlpha, SeluScale, 1.0, "Selu"), x);

    public static Tensor<T> Celu(Tensor<T> x, double alpha)
    {
        ActivationHelpers.NotNaN(alpha, "celu", nameof(alpha));
        if (alpha == 0)
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "celu: alpha cannot be 0 (CELU divides by it); pass a nonzero alpha.");
        return Run(new EluFunction<T>(alpha, 1.0, 1.0 / alpha, "Celu"), x);
    }

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y) => Simd.MapScalar(new Op(this), x, y);

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx) => Simd.MapScalar(new BackwardOp(this), g, x, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        T c = T.CreateChecked(scale * alpha * inputScale * inputScale);
        // exp of the input clamped to <= 0: where the mask is 0 (x > 0), exp(x) could overflow and 0 * inf be NaN.
        return gg * g * ActivationHelpers.Mask(x, v => v <= T.Zero) * (x.Clamp(T.NegativeInfinity, T.Zero) * T.CreateChecked(inputScale)).Exp() * c;
    }

    private readonly struct Op(EluFunction<T> f) : IScalarOp<T>
    {
        private readonly T negCoef = T.CreateChecked(f.alpha * f.scale), posCoef = T.CreateChecked(f.scale), inScale = T.CreateChecked(f.inputScale);

        public T Invoke(T x) => x <= T.Zero ? ScalarMath.Expm1(x * inScale) * negCoef : x * posCoef;
    }

    private readonly struct BackwardOp(EluFunction<T> f) : IBinaryScalarOp<T>
    {
        private readonly T negCoef = T.CreateChecked(f.alpha * f.scale * f.inputScale), posCoef = T.CreateChecked(f.scale),
            inScale = T.CreateChecked(f.inputScale);

        public T Invoke(T g, T x) => x <= T.Zero ? g * negCoef * T.Exp(x * inScale) : g * posCoef;
    }
}
