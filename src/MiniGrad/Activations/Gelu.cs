using System.Numerics;
using System.Runtime.CompilerServices;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// The Gaussian error linear unit, <c>x·Φ(x)</c> with Φ the standard normal CDF (PyTorch's <c>F.gelu</c>).
    /// </summary>
    /// <remarks>
    /// Exact (<see cref="GeluApproximation.None"/>): <c>x·(1 + erf(x/√2))/2</c>, derivative <c>Φ(x) + x·φ(x)</c> with φ the
    /// normal density. Tanh approximation: <c>x/2·(1 + tanh(√(2/π)(x + 0.044715x³)))</c> and its exact derivative.
    /// Range: about [-0.17, ∞). No kink: at 0 the value is 0 and the gradient 0.5. Stable at ±1000 (gelu(-1000) = -0, gelu(1000) = 1000).
    /// erf is MiniGrad's own double-precision implementation (.NET has none).
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="approximate">Which GELU: the exact one (PyTorch's default 'none') or the tanh approximation.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    public static Tensor<T> Gelu<T>(Tensor<T> x, GeluApproximation approximate = GeluApproximation.None)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => GeluFunction<T>.Apply(x, approximate);
}

/// <summary>
/// GELU. Exact: <c>y = x·Φ(x)</c>, <c>Φ(x) = erfc(-x/√2)/2</c> (erfc keeps Φ accurate in the left tail, where
/// <c>1 + erf</c> would cancel); backward <c>g·(Φ(x) + x·φ(x))</c>, second derivative <c>φ(x)(2 - x²)</c>.
/// Tanh approximation: <c>y = x/2·(1 + tanh(u))</c>, <c>u = √(2/π)(x + 0.044715x³)</c>; backward as PyTorch's.
/// </summary>
/// <remarks>
/// Exact GELU: scalar loops (erfc has no vector form). Tanh approximation: vectorized, the inner polynomial and the
/// final combination as fused SIMD passes around ActivationKernels.Tanh.
/// </remarks>
internal sealed class GeluFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private const double Sqrt1_2 = 0.70710678118654752440;
    private const double InvSqrt2Pi = 0.39894228040143267794; // 1/√(2π)
    private const double Beta = 0.79788456080286535588; // √(2/π)
    private const double Kappa = 0.044715;
    private const double SecondDerivativeRange = 1000;

    private readonly GeluApproximation approximate;

    private GeluFunction(GeluApproximation approximate) => this.approximate = approximate;

    public override string Name => "Gelu";

    public override string Arguments => approximate == GeluApproximation.Tanh ? "approximate=Tanh" : "approximate=None";

    protected override bool BackwardUsesOutput => false;

    public static Tensor<T> Apply(Tensor<T> x, GeluApproximation approximate)
    {
        if (approximate is not (GeluApproximation.None or GeluApproximation.Tanh))
            throw new ArgumentOutOfRangeException(nameof(approximate), approximate, "gelu: approximate must be None or Tanh.");
        return Run(new GeluFunction<T>(approximate), x);
    }

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        if (approximate == GeluApproximation.Tanh)
        {
            Simd.Map(default(InnerOp), x, y);
            ActivationKernels.Tanh(y, y);
            Simd.Map(default(TanhOp), x, y, y);
        }
        else
        {
            Simd.MapScalar(default(ExactOp), x, y);
        }
    }

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx)
    {
        if (approximate == GeluApproximation.Tanh)
        {
            Simd.Map(default(InnerOp), x, dx);
            ActivationKernels.Tanh(dx, dx);
            Simd.Map(default(TanhBackwardOp), g, x, dx, dx);
        }
        else
        {
            Simd.MapScalar(default(ExactBackwardOp), g, x, dx);
        }
    }

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        // x clamped to ±1000, where both second derivatives are already exactly 0 (φ(x) and 1 - tanh²(u) underflow
        // from |x| ≈ 40 and 10): beyond, x² would overflow and 0·∞ give NaN. Inside, the numbers are unchanged.
        x = x.Clamp(T.CreateChecked(-SecondDerivativeRange), T.CreateChecked(SecondDerivativeRange));
        var x2 = x * x;
        if (approximate == GeluApproximation.None)
        {
            var phi = (x2 * T.CreateChecked(-0.5)).Exp() * T.CreateChecked(InvSqrt2Pi);
            return gg * g * phi * (T.CreateChecked(2) - x2);
        }
        // f'' = (1 - t²)·(u' - x·t·u'² + 3βκx²), t = tanh(u), u' = β(1 + 3κx²).
        var t = Functional.Tanh((x + x2 * x * T.CreateChecked(Kappa)) * T.CreateChecked(Beta));
        var du = (x2 * T.CreateChecked(3 * Kappa) + T.One) * T.CreateChecked(Beta);
        var inner = du - x * t * du * du + x2 * T.CreateChecked(3 * Beta * Kappa);
        return gg * g * (T.One - t * t) * inner;
    }

    private static double Phi(double x) => 0.5 * Erf.Complement(-x * Sqrt1_2);

    private readonly struct ExactOp : IScalarOp<T>
    {
        public T Invoke(T x)
        {
            double v = double.CreateTruncating(x);
            return T.CreateTruncating(v * Phi(v));
        }
    }

    private readonly struct ExactBackwardOp : IBinaryScalarOp<T>
    {
        public T Invoke(T g, T x)
        {
            double v = double.CreateTruncating(x);
            double d = Phi(v) + v * InvSqrt2Pi * Math.Exp(-0.5 * v * v);
            return g * T.CreateTruncating(d);
        }
    }

    /// <summary><c>u = √(2/π)(x + 0.044715x³)</c>.</summary>
    private readonly struct InnerOp : IUnarySimdOp<T>
    {
        private static T B => T.CreateChecked(Beta);

        private static T K => T.CreateChecked(Kappa);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV x)
            where TV : struct, ISimdVector<TV, T> =>
            (x + x * x * x * K) * B;
    }

    /// <summary><c>x/2·(1 + t)</c>.</summary>
    private readonly struct TanhOp : IBinarySimdOp<T>
    {
        private static T Half => T.CreateChecked(0.5);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV x, TV t)
            where TV : struct, ISimdVector<TV, T> =>
            x * Half * (TV.One + t);
    }

    /// <summary>
    /// PyTorch's formula: <c>g·((1 + t)/2 + x/2·(1 - t²)·√(2/π)(1 + 3·0.044715x²))</c>, with the second term 0 wherever
    /// <c>1 - t²</c> is: there x² may have overflowed (float from |x| ≈ 1e19, double from 1e154), and 0·∞ would be
    /// NaN where the true term is 0 (it decays as x³·e^(-2u)).
    /// </summary>
    private readonly struct TanhBackwardOp : ITernarySimdOp<T>
    {
        private static T Half => T.CreateChecked(0.5);

        private static T B => T.CreateChecked(Beta);

        private static T K3 => T.CreateChecked(3 * Kappa);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV g, TV x, TV t)
            where TV : struct, ISimdVector<TV, T>
        {
            var left = Half * (TV.One + t);
            var sech2 = TV.One - t * t;
            var right = x * Half * sech2 * B * (TV.One + x * x * K3);
            return g * (left + TV.ConditionalSelect(TV.Equals(sech2, TV.Zero), TV.Zero, right));
        }
    }
}
