namespace MiniGrad.Study;

/// <summary>
/// An activation function sampled on a grid, with its derivative at the same points computed by MiniGrad's own
/// backward pass (not by a formula): the data behind a picture of the activation.
/// </summary>
/// <param name="X">The evenly spaced sample points.</param>
/// <param name="Y">The function's value at each point.</param>
/// <param name="DyDx">The derivative at each point (zero everywhere when no gradient reaches the input).</param>
public sealed record ActivationCurve(double[] X, double[] Y, double[] DyDx)
{
    /// <summary>
    /// The values of <paramref name="activation"/> and of its derivative at <paramref name="points"/> evenly spaced
    /// x in [<paramref name="xMin"/>, <paramref name="xMax"/>]. The derivative is the gradient of sum(f(x)) with
    /// respect to x, which for an elementwise function is f'(x) at every point.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 points are asked for.</exception>
    /// <exception cref="ArgumentException"><paramref name="xMin"/> is not below <paramref name="xMax"/>, or the function is not elementwise.</exception>
    public static ActivationCurve Sample(Func<Tensor<double>, Tensor<double>> activation, double xMin = -4, double xMax = 4, int points = 401)
    {
        ArgumentNullException.ThrowIfNull(activation);
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, "ActivationCurve: need at least 2 points.");
        if (!(xMin < xMax)) throw new ArgumentException($"ActivationCurve: xMin ({xMin}) must be below xMax ({xMax}).", nameof(xMin));
        using var tape = Tape.Begin();
        var x = Tensor<double>.Linspace(xMin, xMax, points).RequireGrad();
        var y = activation(x);
        if (y.Shape != x.Shape)
            throw new ArgumentException($"ActivationCurve: the activation turned shape {x.Shape} into {y.Shape}; only elementwise functions have a curve.", nameof(activation));
        y.Sum().Backward();
        return new ActivationCurve(x.ToArray(), y.ToArray(), x.Grad?.ToArray() ?? new double[points]);
    }
}
