using CommunityToolkit.HighPerformance.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The exponential linear unit, <c>x</c> for <c>x &gt; 0</c> and <c>alpha·(e^x - 1)</c> otherwise (PyTorch's <c>F.elu</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: 1 for <c>x &gt; 0</c>, <c>alpha·e^x</c> for <c>x ≤ 0</c>. Range: (-alpha, ∞) for alpha &gt; 0.
    /// Kink at 0 (for alpha ≠ 1): the value is 0 and, as in PyTorch, the gradient is <c>alpha</c> (the exponential branch).
    /// Stable: elu(-1000) = -alpha. Any alpha is accepted, as PyTorch's non-in-place elu does; NaN is refused.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="alpha">The value approached for large negative inputs; PyTorch's default 1.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException"><paramref name="alpha"/> is NaN.</exception>
    public static Tensor<T> Elu<T>(Tensor<T> x, double alpha = 1.0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => EluFunction<T>.Elu(x, alpha);
}

/// <summary>
/// PyTorch's elu kernel, which Elu, Selu (Selu.cs) and Celu (Celu.cs) share: <c>y = x &gt; 0 ? scale·x : scale·alpha·expm1(inputScale·x)</c>.
/// Backward (from the input, as PyTorch's non-in-place elu): <c>x &gt; 0 ? scale·g : scale·alpha·inputScale·e^(inputScale·x)·g</c>,
/// which at the kink 0 takes the exponential branch.
/// </summary>
/// <remarks>
/// Forward needs an accurate expm1 (TensorPrimitives.ExpM1 is <c>exp(x) - 1</c>, which loses every digit near 0):
/// <c>u = exp(z)</c> and <c>log(u)</c> by TensorPrimitives, then Kahan's <c>(u - 1)·z/log(u)</c> in one fused select
/// pass. Backward: TensorPrimitives.Exp into the output, then one fused select pass.
/// </remarks>
internal sealed partial class EluFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
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

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        using var rented = SpanOwner<T>.Allocate(x.Length);
        Span<T> lg = rented.Span;
        TensorPrimitives.Multiply(x, T.CreateChecked(inputScale), lg);
        TensorPrimitives.Exp(lg, lg);
        TensorPrimitives.Log(lg, y); // y = log(u), u kept in lg: the fused pass reads x, u and log(u)
        Simd.Map(new Op(this), x, lg, y, y);
    }

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx)
    {
        TensorPrimitives.Multiply(x, T.CreateChecked(inputScale), dx);
        TensorPrimitives.Exp(dx, dx);
        Simd.Map(new BackwardOp(this), g, x, dx, dx);
    }

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        T c = T.CreateChecked(scale * alpha * inputScale * inputScale);
        // exp of the input clamped to <= 0: where the mask is 0 (x >= 0), exp(x) could overflow and 0 * inf be NaN.
        // The mask is x < 0, not the first derivative's x <= 0: at the kink PyTorch's elu_double_backward gives 0.
        return gg * g * ActivationHelpers.Mask(x, v => v < T.Zero) * (x.Clamp(T.NegativeInfinity, T.Zero) * T.CreateChecked(inputScale)).Exp() * c;
    }

    /// <summary>
    /// <c>x ≤ 0 ? negCoef·expm1(z) : posCoef·x</c>, <c>z = inputScale·x</c>, from u = e^z and lg = log(u):
    /// expm1 = z where u rounds to 1, -1 where u - 1 does, u - 1 where u overflows, else <c>(u - 1)·z/lg</c>.
    /// </summary>
    private readonly struct Op(EluFunction<T> f) : ITernarySimdOp<T>
    {
        private readonly T negCoef = T.CreateChecked(f.alpha * f.scale), posCoef = T.CreateChecked(f.scale),
            inScale = T.CreateChecked(f.inputScale);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV x, TV u, TV lg)
            where TV : struct, ISimdVector<TV, T>
        {
            var z = x * inScale;
            var um1 = u - TV.One;
            var kahan = um1 * z / lg;
            var special = TV.Equals(um1, -TV.One) | TV.Equals(u, TV.Create(T.PositiveInfinity));
            var expm1 = TV.ConditionalSelect(TV.Equals(u, TV.One), z, TV.ConditionalSelect(special, um1, kahan));
            return TV.ConditionalSelect(TV.LessThanOrEqual(x, TV.Zero), expm1 * negCoef, x * posCoef);
        }
    }

    /// <summary><c>x ≤ 0 ? g·negCoef·e : g·posCoef</c>, with <c>e = exp(inputScale·x)</c> precomputed.</summary>
    private readonly struct BackwardOp(EluFunction<T> f) : ITernarySimdOp<T>
    {
        private readonly T negCoef = T.CreateChecked(f.alpha * f.scale * f.inputScale), posCoef = T.CreateChecked(f.scale);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV g, TV x, TV e)
            where TV : struct, ISimdVector<TV, T> =>
            TV.ConditionalSelect(TV.LessThanOrEqual(x, TV.Zero), g * negCoef * e, g * posCoef);
    }
}
