using System.Globalization;
using System.Numerics;

// Namespace MiniGrad.Nn because that is where a PyTorch user looks (torch.nn.utils.clip_grad_norm_); the file lives on
// the Optim floor because clipping acts on gradients between backward and the optimizer's step, and needs nothing
// above Optim (only Tensor<T> and its Grad).
namespace MiniGrad.Nn;

/// <summary>
/// Gradient clipping before an optimizer step, as PyTorch 1.13's <c>torch.nn.utils.clip_grad_norm_</c> and
/// <c>clip_grad_value_</c>: both change the parameters' gradients in place and skip parameters without one.
/// </summary>
public static class GradClipping
{
    /// <summary>
    /// Scales every gradient so that their total norm (as if all were one vector) is at most
    /// <paramref name="maxNorm"/>, and returns that total norm before clipping (PyTorch's <c>clip_grad_norm_</c>).
    /// </summary>
    /// <remarks>
    /// <code>
    /// total = ‖(‖g₁‖ₚ, ‖g₂‖ₚ, ...)‖ₚ            (p = ∞: the largest |g|)
    /// coef  = min(maxNorm / (total + 1e-6), 1)
    /// g     = g · coef                          (every gradient, also when coef is 1)
    /// </code>
    /// The norms are accumulated in double, also for float gradients (PyTorch uses the gradients' type). With a
    /// non-finite total and <paramref name="errorIfNonfinite"/> false the gradients are scaled by NaN or 0, as PyTorch does.
    /// </remarks>
    /// <param name="parameters">The parameters whose gradients are clipped (e.g. <c>model.Parameters()</c>).</param>
    /// <param name="maxNorm">The largest allowed total norm (&gt;= 0).</param>
    /// <param name="normType">p of the p-norm, &gt; 0, or <see cref="double.PositiveInfinity"/>; default 2.</param>
    /// <param name="errorIfNonfinite">Throw, changing nothing, when the total norm is NaN or infinite.</param>
    /// <returns>The total norm of the gradients before clipping (0 when none has a gradient).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A bad <paramref name="maxNorm"/> or <paramref name="normType"/>.</exception>
    /// <exception cref="InvalidOperationException">With <paramref name="errorIfNonfinite"/>, a non-finite total norm.</exception>
    public static double ClipGradNorm<T>(IEnumerable<Tensor<T>> parameters, double maxNorm, double normType = 2, bool errorIfNonfinite = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm >= 0))
            throw new ArgumentOutOfRangeException(nameof(maxNorm), $"ClipGradNorm: Invalid maxNorm value: {Format(maxNorm)} (it must be >= 0).");
        if (!(normType > 0))
            throw new ArgumentOutOfRangeException(nameof(normType), $"ClipGradNorm: Invalid normType value: {Format(normType)} (it must be > 0, or infinity).");
        var grads = parameters.Select(p => p?.GradForEngine).OfType<Tensor<T>>().ToList();
        if (grads.Count == 0) return 0;
        double total;
        if (double.IsPositiveInfinity(normType))
        {
            total = 0;
            foreach (var g in grads) total = Max(total, NormInf(g.ReadOnlySpan));
        }
        else
        {
            // The norm of the per-tensor norms, as PyTorch stacks them.
            double sum = 0;
            foreach (var g in grads) sum += PowP(Norm(g.ReadOnlySpan, normType), normType);
            total = Root(sum, normType);
        }
        if (errorIfNonfinite && !double.IsFinite(total))
            throw new InvalidOperationException(
                $"The total norm of order {Format(normType)} for gradients from `parameters` is non-finite, so it cannot be clipped. " +
                "To disable this error and scale the gradients by the non-finite norm anyway, set errorIfNonfinite: false.");
        double coef = Math.Min(maxNorm / (total + 1e-6), 1.0);
        T c = T.CreateChecked(coef);
        foreach (var g in grads)
        {
            var span = g.Span;
            for (int i = 0; i < span.Length; i++) span[i] *= c;
        }
        return total;
    }

    /// <summary>
    /// Clamps every gradient element into [-<paramref name="clipValue"/>, <paramref name="clipValue"/>] (PyTorch's
    /// <c>clip_grad_value_</c>); a NaN stays NaN.
    /// </summary>
    /// <param name="parameters">The parameters whose gradients are clipped.</param>
    /// <param name="clipValue">The largest allowed magnitude (&gt;= 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative or NaN <paramref name="clipValue"/>.</exception>
    public static void ClipGradValue<T>(IEnumerable<Tensor<T>> parameters, double clipValue)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(clipValue >= 0))
            throw new ArgumentOutOfRangeException(nameof(clipValue), $"ClipGradValue: Invalid clipValue value: {Format(clipValue)} (it must be >= 0).");
        T hi = T.CreateSaturating(clipValue), lo = -hi;
        foreach (var p in parameters)
        {
            if (p?.GradForEngine is not { } g) continue;
            var span = g.Span;
            for (int i = 0; i < span.Length; i++)
            {
                T v = span[i];
                span[i] = v < lo ? lo : v > hi ? hi : v;
            }
        }
    }

    private static double NormInf<T>(ReadOnlySpan<T> g)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double m = 0;
        foreach (T v in g) m = Max(m, Math.Abs(double.CreateChecked(v)));
        return m;
    }

    private static double Norm<T>(ReadOnlySpan<T> g, double p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double sum = 0;
        foreach (T v in g) sum += PowP(Math.Abs(double.CreateChecked(v)), p);
        return Root(sum, p);
    }

    // NaN wins, as in torch.max.
    private static double Max(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b);

    private static double PowP(double a, double p) => p == 1 ? a : p == 2 ? a * a : Math.Pow(a, p);

    private static double Root(double s, double p) => p == 1 ? s : p == 2 ? Math.Sqrt(s) : Math.Pow(s, 1 / p);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
