using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

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
        T[] rented = ArrayPool<T>.Shared.Rent(x.Length);
        try
        {
            Span<T> e = rented.AsSpan(0, x.Length);
            TensorPrimitives.Abs(x, e);
            TensorPrimitives.Multiply(e, T.CreateChecked(2), e);
            TensorPrimitives.Exp(e, e);
            Simd.Map(default(TanhOp<T>), x, e, y);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
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
        T[] rented = ArrayPool<T>.Shared.Rent(2 * x.Length);
        try
        {
            Span<T> u = rented.AsSpan(0, x.Length), lg = rented.AsSpan(x.Length, x.Length);
            TensorPrimitives.Abs(x, u);
            TensorPrimitives.Negate(u, u);
            TensorPrimitives.Exp(u, u);
            TensorPrimitives.Add(u, T.One, lg);
            TensorPrimitives.Log(lg, lg);
            Simd.Map(default(SoftplusOp<T>), x, u, lg, y);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
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

        public Vector512<T> Invoke(Vector512<T> x, Vector512<T> e)
        {
            var z = x * x;
            var p = ((Vector512.Create(P0) * z + Vector512.Create(P1)) * z + Vector512.Create(P2)) * z;
            var q = ((z + Vector512.Create(Q0)) * z + Vector512.Create(Q1)) * z + Vector512.Create(Q2);
            var small = x + x * (p / q);
            var big = Vector512<T>.One - Vector512.Create(T.CreateChecked(2)) / (e + Vector512<T>.One);
            big = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<T>.Zero), -big, big);
            return Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(Cut)), small, big);
        }

        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> e)
        {
            var z = x * x;
            var p = ((Vector256.Create(P0) * z + Vector256.Create(P1)) * z + Vector256.Create(P2)) * z;
            var q = ((z + Vector256.Create(Q0)) * z + Vector256.Create(Q1)) * z + Vector256.Create(Q2);
            var small = x + x * (p / q);
            var big = Vector256<T>.One - Vector256.Create(T.CreateChecked(2)) / (e + Vector256<T>.One);
            big = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<T>.Zero), -big, big);
            return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(Cut)), small, big);
        }

        public T Invoke(T x, T e)
        {
            if (T.Abs(x) < Cut)
            {
                T z = x * x;
                T p = ((P0 * z + P1) * z + P2) * z;
                T q = ((z + Q0) * z + Q1) * z + Q2;
                return x + x * (p / q);
            }
            T big = T.One - T.CreateChecked(2) / (e + T.One);
            return x < T.Zero ? -big : big;
        }
    }


    /// <summary><c>max(x, 0) + log1p(u)</c> from x, u = e^(-|x|) and lg = log(1 + u).</summary>
    private readonly struct SoftplusOp<T> : ITernarySimdOp<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public Vector512<T> Invoke(Vector512<T> x, Vector512<T> u, Vector512<T> lg)
        {
            var v = u + Vector512<T>.One;
            var log1p = Vector512.ConditionalSelect(Vector512.Equals(v, Vector512<T>.One), u, lg * (u / (v - Vector512<T>.One)));
            return Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<T>.Zero), x, Vector512<T>.Zero) + log1p;
        }

        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> u, Vector256<T> lg)
        {
            var v = u + Vector256<T>.One;
            var log1p = Vector256.ConditionalSelect(Vector256.Equals(v, Vector256<T>.One), u, lg * (u / (v - Vector256<T>.One)));
            return Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), x, Vector256<T>.Zero) + log1p;
        }

        public T Invoke(T x, T u, T lg)
        {
            T v = u + T.One;
            T log1p = v == T.One ? u : lg * (u / (v - T.One));
            return (x > T.Zero ? x : T.Zero) + log1p;
        }
    }
}
