using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using MiniGrad.Kernels;

namespace MiniGrad.Activations;

/// <summary>
/// <c>y = tanh(x)</c>. Backward: <c>g * (1 - y²)</c> from the saved output; its derivative with respect to <c>y</c>
/// is <c>-2 g y</c>.
/// </summary>
internal sealed class TanhFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Tanh";

    protected override bool BackwardUsesOutput => true;

    public static Tensor<T> Apply(Tensor<T> x) => Run(new TanhFunction<T>(), x);

    // Not TensorPrimitives.Tanh: its float kernel gives tanh(0) = -6e-8 (breaking oddness and PyTorch's printed
    // 0.0000) and its double kernel loses ~1e-13 relative near 0. Instead Cephes' scheme, vectorized: e = exp(2|x|)
    // by TensorPrimitives into y, then one fused pass choosing, per lane, the rational approximation below 0.625
    // (no cancellation near 0, exactly odd) or 1 - 2/(e + 1) with x's sign (saturates to ±1, never NaN).
    internal override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        Elementwise.CheckLengths("tanh", x.Length, y.Length);
        TensorPrimitives.Abs(x, y);
        TensorPrimitives.Multiply(y, T.CreateChecked(2), y);
        TensorPrimitives.Exp(y, y);
        Simd.Map(default(ForwardOp), x, y, y);
    }

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> dx) => Simd.Map(default(Op), g, y, dx);

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> y) =>
        gg * g * y * T.CreateChecked(-2);

    /// <summary>tanh from x and e = exp(2|x|): Cephes tanh.c (Moshier), relative error about 2.5e-16 in double.</summary>
    private readonly struct ForwardOp : IBinarySimdOp<T>
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

    private readonly struct Op : IBinarySimdOp<T>
    {
        public Vector512<T> Invoke(Vector512<T> g, Vector512<T> y) => g * (Vector512<T>.One - y * y);

        public Vector256<T> Invoke(Vector256<T> g, Vector256<T> y) => g * (Vector256<T>.One - y * y);

        public T Invoke(T g, T y) => g * (T.One - y * y);
    }
}
