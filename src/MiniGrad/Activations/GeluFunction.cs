using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Activations;

/// <summary>
/// GELU. Exact: <c>y = x·Φ(x)</c>, <c>Φ(x) = erfc(-x/√2)/2</c> (erfc keeps Φ accurate in the left tail, where
/// <c>1 + erf</c> would cancel); backward <c>g·(Φ(x) + x·φ(x))</c>, second derivative <c>φ(x)(2 - x²)</c>.
/// Tanh approximation: <c>y = x/2·(1 + tanh(u))</c>, <c>u = √(2/π)(x + 0.044715x³)</c>; backward as PyTorch's.
/// </summary>
/// <remarks>Scalar loops: erfc and tanh have no vector form here.</remarks>
internal sealed class GeluFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private const double Sqrt1_2 = 0.70710678118654752440;
    private const double InvSqrt2Pi = 0.39894228040143267794; // 1/√(2π)
    private const double Beta = 0.79788456080286535588; // √(2/π)
    private const double Kappa = 0.044715;

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
        if (approximate == GeluApproximation.Tanh) Simd.MapScalar(default(TanhOp), x, y);
        else Simd.MapScalar(default(ExactOp), x, y);
    }

    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx)
    {
        if (approximate == GeluApproximation.Tanh) Simd.MapScalar(default(TanhBackwardOp), g, x, dx);
        else Simd.MapScalar(default(ExactBackwardOp), g, x, dx);
    }

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
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

    private readonly struct TanhOp : IScalarOp<T>
    {
        public T Invoke(T x)
        {
            T inner = T.CreateChecked(Beta) * (x + T.CreateChecked(Kappa) * x * x * x);
            return T.CreateChecked(0.5) * x * (T.One + T.Tanh(inner));
        }
    }

    private readonly struct TanhBackwardOp : IBinaryScalarOp<T>
    {
        public T Invoke(T g, T x)
        {
            T half = T.CreateChecked(0.5), beta = T.CreateChecked(Beta), kappa = T.CreateChecked(Kappa);
            T x2 = x * x;
            T t = T.Tanh(beta * (x + kappa * x2 * x));
            T left = half * x;
            T right = T.One + t;
            T leftDerivative = half * right;
            T rightDerivative = left * (T.One - t * t) * beta * (T.One + T.CreateChecked(3) * kappa * x2);
            return g * (leftDerivative + rightDerivative);
        }
    }
}
