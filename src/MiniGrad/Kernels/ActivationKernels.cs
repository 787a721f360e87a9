using CommunityToolkit.HighPerformance.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace MiniGrad.Kernels;

/// <summary>
/// Vectorized tanh and softplus accurate to a few ulps, for the activations that TensorPrimitives does not serve
/// accurately: its Tanh gives tanh(0) = -6e-8 in float (and loses ~1e-13 relative near 0 in double), and its
/// LogP1/ExpM1 are the naive <c>log(1 + x)</c> / <c>exp(x) - 1</c>. Each is a few TensorPrimitives passes for the
/// exponentials and logarithms, then one fused SIMD pass.
/// </summary>
internal static class ActivationKernels
{
    /// <summary>
    /// tanh by Cephes' scheme: e = exp(2|x|) by TensorPrimitives into scratch, then per lane the rational
    /// approximation below 0.625 (no cancellation near 0, exactly odd) or <c>1 - 2/(e + 1)</c> with x's sign (±1 when
    /// e overflows). y may be x itself.
    /// </summary>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths("tanh", x.Length, y.Length);
        // e goes to scratch so that y may alias x: the fused pass reads x[i] and e[i] before writing y[i].
        using var rented = SpanOwner<T>.Allocate(x.Length);
        Span<T> e = rented.Span;
        TensorPrimitives.Abs(x, e);
        TensorPrimitives.Multiply(e, T.CreateChecked(2), e);
        TensorPrimitives.Exp(e, e);
        Simd.Map(default(TanhOp<T>), x, e, y);
    }

    /// <summary>
    /// <c>log(1 + e^x) = max(x, 0) + log1p(e^(-|x|))</c>, never overflowing; log1p by Goldberg's correction
    /// <c>log(v)·u/(v - 1)</c>, <c>v = fl(1 + u)</c>, so tiny <c>u</c> keep their digits. y may be x itself.
    /// </summary>
    public static void Softplus<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths("softplus", x.Length, y.Length);
        // u and log(1 + u) go to scratch, so y may alias x: the fused pass reads x[i] before writing y[i].
        using var rented = SpanOwner<T>.Allocate(2 * x.Length);
        Span<T> u = rented.Span[..x.Length], lg = rented.Span[x.Length..];
        TensorPrimitives.Abs(x, u);
        TensorPrimitives.Negate(u, u);
        TensorPrimitives.Exp(u, u);
        TensorPrimitives.Add(u, T.One, lg);
        TensorPrimitives.Log(lg, lg);
        Simd.Map(default(SoftplusOp<T>), x, u, lg, y);
    }

    /// <summary>tanh from x and e = exp(2|x|): Cephes tanh.c (Moshier), relative error about 2.5e-16 in double.</summary>
    private readonly struct TanhOp<T> : IBinarySimdOp<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private static T P0 => T.CreateChecked(-9.64399179425052238628e-1);

        private static T P1 => T.CreateChecked(-9.92877231001918586564e1);

        private static T P2 => T.CreateChecked(-1.61468768441708447952e3);

        private static T Q0 => T.CreateChecked(1.12811678491632931402e2);

        private static T Q1 => T.CreateChecked(2.23548839060100448583e3);

        private static T Q2 => T.CreateChecked(4.84406305325125486048e3);

        private static T Cut => T.CreateChecked(0.625);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV x, TV e)
            where TV : struct, ISimdVector<TV, T>
        {
            var z = x * x;
            var p = ((TV.Create(P0) * z + P1) * z + P2) * z;
            var q = ((z + Q0) * z + Q1) * z + Q2;
            var small = x + x * (p / q);
            var big = TV.One - TV.Create(T.CreateChecked(2)) / (e + TV.One);
            big = TV.ConditionalSelect(TV.LessThan(x, TV.Zero), -big, big);
            return TV.ConditionalSelect(TV.LessThan(TV.Abs(x), TV.Create(Cut)), small, big);
        }
    }


    /// <summary><c>max(x, 0) + log1p(u)</c> from x, u = e^(-|x|) and lg = log(1 + u).</summary>
    private readonly struct SoftplusOp<T> : ITernarySimdOp<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV x, TV u, TV lg)
            where TV : struct, ISimdVector<TV, T>
        {
            var v = u + TV.One;
            var log1p = TV.ConditionalSelect(TV.Equals(v, TV.One), u, lg * (u / (v - TV.One)));
            return TV.ConditionalSelect(TV.GreaterThan(x, TV.Zero), x, TV.Zero) + log1p;
        }
    }
}
