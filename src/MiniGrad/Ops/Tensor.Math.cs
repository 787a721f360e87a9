using System.Numerics;
using MiniGrad.Ops;

namespace MiniGrad;

// The elementwise math of torch.* as methods of Tensor<T>, each named as PyTorch names it (in .NET casing).
public sealed partial class Tensor<T>
{
    /// <summary><c>sin(x)</c> elementwise (<c>torch.sin</c>). Derivative <c>cos(x)</c>.</summary>
    public Tensor<T> Sin() => SinFunction<T>.Apply(this);

    /// <summary><c>cos(x)</c> elementwise (<c>torch.cos</c>). Derivative <c>-sin(x)</c>.</summary>
    public Tensor<T> Cos() => CosFunction<T>.Apply(this);

    /// <summary>
    /// <c>log(1 + x)</c> elementwise, accurate for tiny x where <c>(1 + x).Log()</c> loses every digit
    /// (<c>torch.log1p</c>). Derivative <c>1/(1 + x)</c>.
    /// </summary>
    public Tensor<T> Log1p() => Log1pFunction<T>.Apply(this);

    /// <summary>
    /// <c>e^x - 1</c> elementwise, accurate for tiny x (<c>torch.expm1</c>). Derivative <c>e^x</c>, computed as
    /// <c>y + 1</c>.
    /// </summary>
    public Tensor<T> Expm1() => Expm1Function<T>.Apply(this);

    /// <summary><c>log₂(x)</c> elementwise (<c>torch.log2</c>). Derivative <c>1/(x·ln 2)</c>.</summary>
    public Tensor<T> Log2() => Log2Function<T>.Apply(this);

    /// <summary><c>1/x</c> elementwise (<c>torch.reciprocal</c>); ±inf at ±0. Derivative <c>-1/x²</c>.</summary>
    public Tensor<T> Reciprocal() => ReciprocalFunction<T>.Apply(this);

    /// <summary><c>1/√x</c> elementwise (<c>torch.rsqrt</c>); NaN below 0. Derivative <c>-½·x^(-3/2)</c>.</summary>
    public Tensor<T> Rsqrt() => RsqrtFunction<T>.Apply(this);

    /// <summary><c>x²</c> elementwise (<c>torch.square</c>: <c>pow(x, 2)</c>, recorded as <c>PowBackward0</c>).</summary>
    public Tensor<T> Square() => Pow(T.CreateChecked(2));

    /// <summary>-1, 0 or 1 by the sign of each element; NaN stays NaN (<c>torch.sign</c>). Gradient 0 everywhere.</summary>
    public Tensor<T> Sign() => PiecewiseConstantFunction<T>.Apply(this, PiecewiseConstant.Sign);

    /// <summary>The largest integer not above each element (<c>torch.floor</c>). Gradient 0 everywhere.</summary>
    public Tensor<T> Floor() => PiecewiseConstantFunction<T>.Apply(this, PiecewiseConstant.Floor);

    /// <summary>The smallest integer not below each element (<c>torch.ceil</c>). Gradient 0 everywhere.</summary>
    public Tensor<T> Ceil() => PiecewiseConstantFunction<T>.Apply(this, PiecewiseConstant.Ceil);

    /// <summary>Each element rounded to the nearest integer, halves to even (<c>torch.round</c>). Gradient 0 everywhere.</summary>
    public Tensor<T> Round() => PiecewiseConstantFunction<T>.Apply(this, PiecewiseConstant.Round);

    /// <summary>
    /// <c>x^exponent</c> elementwise for a tensor exponent, with broadcasting (<c>torch.pow(Tensor, Tensor)</c>).
    /// Differentiable in both: <c>e·x^(e-1)</c> (0 where e = 0) and <c>x^e·ln x</c> (0 where x = 0 and e ≥ 0).
    /// </summary>
    public Tensor<T> Pow(Tensor<T> exponent) => PowTensorFunction<T>.Apply(this, exponent);

    /// <summary>
    /// <c>base^exponent</c> elementwise for a scalar base (<c>torch.pow(Scalar, Tensor)</c>). Derivative
    /// <c>base^x·ln(base)</c> (0 where base = 0 and x ≥ 0).
    /// </summary>
    public static Tensor<T> Pow(T @base, Tensor<T> exponent) => ScalarPowFunction<T>.Apply(@base, exponent);

    /// <summary>
    /// The larger of <paramref name="a"/> and <paramref name="b"/> elementwise, with broadcasting, NaN where either is
    /// NaN (<c>torch.maximum</c>). The gradient goes to the larger; a tie gives each half.
    /// </summary>
    public static Tensor<T> Maximum(Tensor<T> a, Tensor<T> b) => ExtremumFunction<T>.Apply(a, b, maximum: true);

    /// <summary>
    /// The smaller of <paramref name="a"/> and <paramref name="b"/> elementwise, with broadcasting, NaN where either is
    /// NaN (<c>torch.minimum</c>). The gradient goes to the smaller; a tie gives each half.
    /// </summary>
    public static Tensor<T> Minimum(Tensor<T> a, Tensor<T> b) => ExtremumFunction<T>.Apply(a, b, maximum: false);
}
