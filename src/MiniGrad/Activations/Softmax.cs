using CommunityToolkit.HighPerformance.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using MiniGrad.Kernels;

namespace MiniGrad;

public static partial class Functional
{
    /// <summary>
    /// Softmax along <paramref name="dim"/>: <c>softmax(x)_i = e^(x_i) / Σ_j e^(x_j)</c> (PyTorch's <c>F.softmax</c>).
    /// </summary>
    /// <remarks>
    /// Jacobian: <c>∂y_i/∂x_j = y_i(δ_ij - y_j)</c>, so the backward is <c>y·(g - Σ g·y)</c>. Range: (0, 1), each slice
    /// along <paramref name="dim"/> sums to 1. Shift invariant. No kink. The maximum is subtracted before
    /// exponentiating, so softmax([1000, 999, -1000]) = [0.7311, 0.2689, 0] with no overflow.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="dim">The dim to normalize along; negative counts from the end.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor<T> Softmax<T>(Tensor<T> x, int dim)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => SoftmaxFunction<T>.Apply(x, dim, log: false);

    /// <summary>
    /// The log of softmax along <paramref name="dim"/>: <c>x_i - log Σ_j e^(x_j)</c> (PyTorch's <c>F.log_softmax</c>).
    /// </summary>
    /// <remarks>
    /// Derivative: <c>∂y_i/∂x_j = δ_ij - softmax(x)_j</c>, so the backward is <c>g - softmax(x)·Σ g</c>. Range: (-∞, 0).
    /// No kink. Computed as <c>(x - max) - log1p(Σ' e^(x - max))</c>, Σ' leaving out the (first) maximal element,
    /// whose term is exactly 1: finite for finite inputs (log_softmax of [1000, 999, -1000] ends in -2000.3133, not
    /// -∞), and exactly 0 at the maximum when the others are negligible (log_softmax of [0, -1000, -1000, -1000] is
    /// [0, -1000, -1000, -1000] in float too, as in PyTorch).
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="dim">The dim to normalize along; negative counts from the end.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor<T> LogSoftmax<T>(Tensor<T> x, int dim)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => SoftmaxFunction<T>.Apply(x, dim, log: true);

    /// <summary>
    /// Softmin along <paramref name="dim"/>: <c>softmax(-x)</c> (PyTorch's <c>F.softmin</c>, which is computed the same way).
    /// </summary>
    /// <remarks>
    /// Jacobian: <c>-y_i(δ_ij - y_j)</c>. Range: (0, 1), each slice sums to 1. No kink. Stable as softmax is.
    /// Recorded as Neg followed by Softmax.
    /// </remarks>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="dim">The dim to normalize along; negative counts from the end.</param>
    /// <returns>A new tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor<T> Softmin<T>(Tensor<T> x, int dim)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank > 0) x.Shape.NormalizeDim(dim, "softmin"); // refuse a bad dim before recording anything
        return SoftmaxFunction<T>.Apply(-x, dim, log: false);
    }
}

/// <summary>
/// Softmax (or log-softmax) along one dim, with the maximum subtracted first so no exponential overflows.
/// Log-softmax's log-sum-exp is <c>max + log1p(Σ' e^(x - max))</c> over all but the first maximal element: that
/// element's term is exactly 1, so nothing rounds it (TensorPrimitives.Exp(0) is not exactly 1 in float) and the small
/// rest keeps its digits. Backward: softmax <c>y·(g - Σ g·y)</c>; log-softmax <c>g - softmax(x)·Σ g</c>, with
/// softmax(x) taken as the (shift-invariant, self-normalized) softmax of the output rather than <c>e^y</c>, so it sums to
/// 1 as the forward's log1p assumes; sums along the dim; written with tensor ops, so gradients of gradients work.
/// </summary>
/// <remarks>
/// Not TensorPrimitives.SoftMax: it works on whole contiguous spans only and does not subtract the maximum
/// (softmax([1000, 999]) would be NaN). Each row (or, for an inner dim, each block of rows) is a few vectorized
/// TensorPrimitives passes: max, subtract, exp, sum, divide.
/// </remarks>
internal sealed class SoftmaxFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int dim;
    private readonly bool log;

    private SoftmaxFunction(int dim, bool log) => (this.dim, this.log) = (dim, log);

    public override string Name => log ? "LogSoftmax" : "Softmax";

    // The derivative comes from the result, as PyTorch's saves it: the output is what must not change.
    protected internal override bool SavesInput(int index) => false;

    protected internal override bool SavesOutput => true;

    public override string Arguments => $"dim={dim}";

    public static Tensor<T> Apply(Tensor<T> x, int dim, bool log)
    {
        ArgumentNullException.ThrowIfNull(x);
        string op = log ? "log_softmax" : "softmax";
        if (x.Rank == 0)
        {
            // PyTorch accepts a 0-d tensor with dim 0 or -1: treat it as one row of one element.
            if (dim is not (0 or -1))
                throw new ArgumentOutOfRangeException(nameof(dim), dim, $"{op}: dim {dim} is out of range for a 0-d tensor (expected -1 or 0).");
            return Apply(x.Reshape(1), 0, log).Reshape();
        }
        int d = x.Shape.NormalizeDim(dim, op);
        var y = Tensor<T>.Allocate(x.Shape, clear: false);
        var (outer, n, inner) = Reductions.Split(x.Shape, d);
        Forward(x.ReadOnlySpan, y.Span, outer, n, inner, log);
        return Tape.ShouldRecord(x) ? Tape.Record(new SoftmaxFunction<T>(d, log), y, x) : y;
    }

    private static void Forward(ReadOnlySpan<T> x, Span<T> y, int outer, int n, int inner, bool log)
    {
        if (n == 0) return;
        using var scratch = SpanOwner<T>.Allocate(4 * Math.Max(inner, n));
        for (int o = 0; o < outer; o++)
        {
            int start = o * n * inner;
            if (inner == 1) Row(x.Slice(start, n), y.Slice(start, n), scratch.Span[..n], log);
            else Block(x.Slice(start, n * inner), y.Slice(start, n * inner), n, inner, scratch.Span[..(4 * inner)], log);
        }
    }

    /// <summary>One contiguous row.</summary>
    private static void Row(ReadOnlySpan<T> x, Span<T> y, Span<T> tmp, bool log)
    {
        T max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, y);
        if (log)
        {
            TensorPrimitives.Exp(y, tmp);
            if (!T.IsNaN(max)) tmp[TensorPrimitives.IndexOfMax(x)] = T.Zero; // the maximum's own term, exactly 1, is the 1 of log1p
            TensorPrimitives.Subtract(y, Log1p(Reductions.Sum<T>(tmp)), y);
        }
        else
        {
            TensorPrimitives.Exp(y, y);
            TensorPrimitives.Divide(y, Reductions.Sum<T>(y), y);
        }
    }

    /// <summary><c>n</c> rows of <c>inner</c> elements, reduced across rows, each step vectorized along <c>inner</c>.</summary>
    private static void Block(ReadOnlySpan<T> x, Span<T> y, int n, int inner, Span<T> scratch, bool log)
    {
        Span<T> max = scratch[..inner], sum = scratch.Slice(inner, inner), tmp = scratch.Slice(2 * inner, inner),
            seen = scratch.Slice(3 * inner, inner); // log: 1 once a column's maximal element has been left out of its sum
        seen.Clear();
        x[..inner].CopyTo(max);
        for (int k = 1; k < n; k++) TensorPrimitives.Max(max, x.Slice(k * inner, inner), max);
        sum.Clear();
        for (int k = 0; k < n; k++)
        {
            Span<T> yk = y.Slice(k * inner, inner);
            TensorPrimitives.Subtract(x.Slice(k * inner, inner), max, yk);
            if (log)
            {
                TensorPrimitives.Exp(yk, tmp);
                for (int j = 0; j < inner; j++)
                {
                    if (yk[j] == T.Zero && seen[j] == T.Zero)
                    {
                        tmp[j] = T.Zero;
                        seen[j] = T.One;
                    }
                }
                TensorPrimitives.Add(sum, tmp, sum);
            }
            else
            {
                TensorPrimitives.Exp(yk, yk);
                TensorPrimitives.Add(sum, yk, sum);
            }
        }
        if (log)
        {
            for (int j = 0; j < inner; j++) sum[j] = Log1p(sum[j]);
            for (int k = 0; k < n; k++) TensorPrimitives.Subtract(y.Slice(k * inner, inner), sum, y.Slice(k * inner, inner));
        }
        else
        {
            for (int k = 0; k < n; k++) TensorPrimitives.Divide(y.Slice(k * inner, inner), sum, y.Slice(k * inner, inner));
        }
    }

    /// <summary>
    /// <c>log(1 + s)</c> for the sum <c>s ≥ 0</c> of the non-maximal terms, by Goldberg's correction
    /// <c>log(v)·s/(v - 1)</c>, <c>v = fl(1 + s)</c> (.NET's LogP1 is the naive <c>log(1 + s)</c>).
    /// </summary>
    private static T Log1p(T s)
    {
        T v = T.One + s;
        return v == T.One ? s : T.Log(v) * s / (v - T.One);
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var y = Output;
        // softmax(x) = softmax(y), normalized by its own sum: e^y alone would be off by the forward's rounding (and by
        // TensorPrimitives.Exp(0) ≠ 1 in float), giving g - e^y·Σg = -1.2e-7 where PyTorch gives 0.
        if (log) return [g - Apply(y, dim, log: false) * g.Sum(dim, keepDim: true)];
        return [y * (g - (g * y).Sum(dim, keepDim: true))];
    }
}
