using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
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
        T[] rented = System.Buffers.ArrayPool<T>.Shared.Rent(x.Length);
        try
        {
            Span<T> lg = rented.AsSpan(0, x.Length);
            TensorPrimitives.Multiply(x, T.CreateChecked(inputScale), lg);
            TensorPrimitives.Exp(lg, lg);
            TensorPrimitives.Log(lg, y); // y = log(u), u kept in lg: the fused pass reads x, u and log(u)
            Simd.Map(new Op(this), x, lg, y, y);
        }
        finally
        {
            System.Buffers.ArrayPool<T>.Shared.Return(rented);
        }
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
        // exp of the input clamped to <= 0: where the mask is 0 (x > 0), exp(x) could overflow and 0 * inf be NaN.
        return gg * g * ActivationHelpers.Mask(x, v => v <= T.Zero) * (x.Clamp(T.NegativeInfinity, T.Zero) * T.CreateChecked(inputScale)).Exp() * c;
    }

    /// <summary>
    /// <c>x ≤ 0 ? negCoef·expm1(z) : posCoef·x</c>, <c>z = inputScale·x</c>, from u = e^z and lg = log(u):
    /// expm1 = z where u rounds to 1, -1 where u - 1 does, u - 1 where u overflows, else <c>(u - 1)·z/lg</c>.
    /// </summary>
    private readonly struct Op(EluFunction<T> f) : ITernarySimdOp<T>
    {
        private readonly T negCoef = T.CreateChecked(f.alpha * f.scale), posCoef = T.CreateChecked(f.scale), inScale = T.CreateChecked(f.inputScale);

        public Vector512<T> Invoke(Vector512<T> x, Vector512<T> u, Vector512<T> lg)
        {
            var z = x * inScale;
            var um1 = u - Vector512<T>.One;
            var kahan = um1 * z / lg;
            var special = Vector512.Equals(um1, -Vector512<T>.One) | Vector512.Equals(u, Vector512.Create(T.PositiveInfinity));
            var expm1 = Vector512.ConditionalSelect(Vector512.Equals(u, Vector512<T>.One), z, Vector512.ConditionalSelect(special, um1, kahan));
            return Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512<T>.Zero), expm1 * negCoef, x * posCoef);
        }

        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> u, Vector256<T> lg)
        {
            var z = x * inScale;
            var um1 = u - Vector256<T>.One;
            var kahan = um1 * z / lg;
            var special = Vector256.Equals(um1, -Vector256<T>.One) | Vector256.Equals(u, Vector256.Create(T.PositiveInfinity));
            var expm1 = Vector256.ConditionalSelect(Vector256.Equals(u, Vector256<T>.One), z, Vector256.ConditionalSelect(special, um1, kahan));
            return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256<T>.Zero), expm1 * negCoef, x * posCoef);
        }

        public T Invoke(T x, T u, T lg)
        {
            if (!(x <= T.Zero)) return x * posCoef;
            T z = x * inScale, um1 = u - T.One;
            T expm1 = u == T.One ? z : um1 == -T.One || T.IsPositiveInfinity(u) ? um1 : um1 * z / lg;
            return expm1 * negCoef;
        }
    }

    /// <summary><c>x ≤ 0 ? g·negCoef·e : g·posCoef</c>, with <c>e = exp(inputScale·x)</c> precomputed.</summary>
    private readonly struct BackwardOp(EluFunction<T> f) : ITernarySimdOp<T>
    {
        private readonly T negCoef = T.CreateChecked(f.alpha * f.scale * f.inputScale), posCoef = T.CreateChecked(f.scale);

        public Vector512<T> Invoke(Vector512<T> g, Vector512<T> x, Vector512<T> e) =>
            Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512<T>.Zero), g * negCoef * e, g * posCoef);

        public Vector256<T> Invoke(Vector256<T> g, Vector256<T> x, Vector256<T> e) =>
            Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256<T>.Zero), g * negCoef * e, g * posCoef);

        public T Invoke(T g, T x, T e) => x <= T.Zero ? g * negCoef * e : g * posCoef;
    }
}
