using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MiniGrad.Activations;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// Softplus, <c>log(1 + e^(βx))/β</c>, and <c>x</c> itself where <c>βx &gt; threshold</c> (PyTorch's <c>F.softplus</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>σ(βx)</c>, and exactly 1 above the threshold. Range: (0, ∞) (0 by underflow far left).
    /// The switch at <c>βx = threshold</c> is PyTorch's: at the threshold itself the log form (and σ gradient) applies.
    /// Stable for every finite input (softplus(-1000) = 0, softplus(1000) = 1000). beta = 0 is refused: the formula
    /// divides by β and its limit there is +∞ (PyTorch silently returns inf); so is an infinite β (0·∞ is NaN at x = 0)
    /// and, in float, a β so small it rounds to 0. A negative β is accepted, as in PyTorch: it is the smooth minimum
    /// <c>-softplus(-x)</c> with sharpness |β|. threshold may be any number but NaN.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="beta">The sharpness β; PyTorch's default 1.</param>
    /// <param name="threshold">Above <c>βx = threshold</c> the function is linear; PyTorch's default 20.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentException">A parameter is NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is 0, infinite, or rounds to 0 in <typeparamref name="T"/>.</exception>
    public static Tensor<T> Softplus<T>(Tensor<T> x, double beta = 1.0, double threshold = 20.0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => SoftplusFunction<T>.Apply(x, beta, threshold);
}

/// <summary>
/// <c>y = βx &gt; threshold ? x : log(1 + e^(βx))/β</c>, the log written overflow-free. Backward: <c>g</c> above the
/// threshold, else <c>g·σ(βx)</c>; second derivative <c>β·σ(1-σ)</c> below the threshold, 0 above.
/// </summary>
internal sealed class SoftplusFunction<T> : ElementwiseActivationFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly double beta, threshold;

    private SoftplusFunction(double beta, double threshold) => (this.beta, this.threshold) = (beta, threshold);

    public override string Name => "Softplus";

    public override string Arguments => $"beta={ActivationHelpers.Number(beta)}, threshold={ActivationHelpers.Number(threshold)}";

    protected override bool BackwardUsesOutput => false;

    /// <summary>Refuses a beta or threshold softplus cannot use, naming it; shared with the module's constructor.</summary>
    internal static void CheckParameters(double beta, double threshold)
    {
        ActivationHelpers.NotNaN(beta, "softplus", nameof(beta));
        ActivationHelpers.NotNaN(threshold, "softplus", nameof(threshold));
        if (beta == 0)
            throw new ArgumentOutOfRangeException(nameof(beta), beta,
                "softplus: beta = 0 is meaningless (softplus divides by beta: log(2)/0 = inf for every x); pass a nonzero beta (PyTorch's default is 1).");
        if (double.IsInfinity(beta))
            throw new ArgumentOutOfRangeException(nameof(beta), beta,
                $"softplus: beta = {(beta > 0 ? "+" : "-")}Infinity is not finite (beta·x is NaN at x = 0); for ReLU use Relu, else pass a finite nonzero beta.");
        if (T.CreateChecked(beta) == T.Zero)
            throw new ArgumentOutOfRangeException(nameof(beta), beta,
                $"softplus: beta = {ActivationHelpers.Number(beta)} rounds to 0 in {typeof(T).Name}, and softplus divides by it; pass a larger beta or use double.");
    }

    public static Tensor<T> Apply(Tensor<T> x, double beta, double threshold)
    {
        CheckParameters(beta, threshold);
        return Run(new SoftplusFunction<T>(beta, threshold), x);
    }

    /// <summary>βx into y, the vectorized overflow-free softplus in place, then one pass for the threshold and 1/β.</summary>
    internal override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        T b = T.CreateChecked(beta);
        TensorPrimitives.Multiply(x, b, y);
        ActivationKernels.Softplus(y, y);
        Simd.Map(new Op(b, T.CreateChecked(threshold)), x, y, y);
    }

    /// <summary>σ(βx) by TensorPrimitives into dx, then one fused pass applying the threshold and g.</summary>
    internal override void BackwardKernel(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dx)
    {
        T b = T.CreateChecked(beta);
        TensorPrimitives.Multiply(x, b, dx);
        TensorPrimitives.Sigmoid(dx, dx);
        Simd.Map(new BackwardOp(b, T.CreateChecked(threshold)), g, x, dx, dx);
    }

    internal override Tensor<T> SecondDerivative(Tensor<T> gg, Tensor<T> g, Tensor<T> x)
    {
        T b = T.CreateChecked(beta), th = T.CreateChecked(threshold);
        var s = Functional.Sigmoid(x * b);
        // βx < threshold, where the first derivative's test is βx > threshold: exactly at the threshold PyTorch's
        // softplus_double_backward gives 0 while its backward still takes the smooth branch.
        return gg * g * ActivationHelpers.Mask(x, v => v * b < th) * s * (T.One - s) * b;
    }

    /// <summary><c>βx &gt; threshold ? x : softplus(βx)/β</c>, the softplus precomputed.</summary>
    private readonly struct Op(T beta, T threshold) : IBinarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV x, TV sp)
            where TV : struct, ISimdVector<TV, T> =>
            TV.ConditionalSelect(TV.GreaterThan(x * beta, TV.Create(threshold)), x, sp / beta);
    }

    /// <summary><c>βx &gt; threshold ? g : g·σ(βx)</c>, σ precomputed.</summary>
    private readonly struct BackwardOp(T beta, T threshold) : ITernarySimdOp<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TV>(TV g, TV x, TV s)
            where TV : struct, ISimdVector<TV, T> =>
            TV.ConditionalSelect(TV.GreaterThan(x * beta, TV.Create(threshold)), g, g * s);
    }
}
