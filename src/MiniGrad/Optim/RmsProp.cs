using System.Numerics;
using System.Runtime.CompilerServices;

namespace MiniGrad.Optim;

/// <summary>
/// RMSprop (Hinton's lecture notes; centered: Graves, 2013), exactly as PyTorch 1.13's <c>torch.optim.RMSprop</c>
/// (<c>_single_tensor_rmsprop</c>).
/// </summary>
/// <remarks>
/// For each parameter p with gradient g (α = alpha, μ = momentum, λ = the group's weight decay, lr the group's rate):
/// <code>
/// g = maximize ? -g : g
/// g = g + λ · p                                   (if λ != 0)
/// v = α · v + (1 - α) · g²                        (square_avg)
/// if centered:
///     gAvg = α · gAvg + (1 - α) · g               (grad_avg)
///     avg  = sqrt(v - gAvg²) + eps
/// else:
///     avg  = sqrt(v) + eps
/// if μ > 0:
///     b = μ · b + g / avg                         (momentum_buffer, starts at 0)
///     p = p - lr · b
/// else:
///     p = p - lr · g / avg
/// </code>
/// The square root is taken before eps is added (TensorFlow adds eps inside). The state is readable through
/// <see cref="State"/>.
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class RmsProp<T> : Optimizer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly RmsPropState<T>[] state;

    /// <summary>Creates RMSprop over <paramref name="parameters"/> (one group) with PyTorch's defaults.</summary>
    /// <param name="parameters">The tensors to optimize, e.g. <c>model.Parameters()</c>.</param>
    /// <param name="lr">The learning rate (&gt;= 0); default 1e-2.</param>
    /// <param name="alpha">The smoothing constant α of the square average (&gt;= 0); default 0.99.</param>
    /// <param name="eps">Added to the denominator for stability (&gt;= 0); default 1e-8.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient (&gt;= 0).</param>
    /// <param name="momentum">The momentum factor (&gt;= 0).</param>
    /// <param name="centered">Normalize by an estimate of the gradient's variance instead of its second moment.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message gives its value.</exception>
    [OverloadResolutionPriority(1)] // new RmsProp<T>([]) and (null) mean a tensor list
    public RmsProp(IEnumerable<Tensor<T>> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8,
        double weightDecay = 0, double momentum = 0, bool centered = false, bool maximize = false)
        : this(OneGroup(parameters), lr, alpha, eps, weightDecay, momentum, centered, maximize)
    {
    }

    /// <summary>
    /// Creates RMSprop over parameter groups: each group's own learning rate and weight decay, or
    /// <paramref name="lr"/> and <paramref name="weightDecay"/> where it has none.
    /// </summary>
    /// <param name="paramGroups">The groups; together at least one parameter, each parameter in one group.</param>
    /// <param name="lr">The default learning rate (&gt;= 0); default 1e-2.</param>
    /// <param name="alpha">The smoothing constant α of the square average (&gt;= 0); default 0.99.</param>
    /// <param name="eps">Added to the denominator for stability (&gt;= 0); default 1e-8.</param>
    /// <param name="weightDecay">The default L2 penalty added to the gradient (&gt;= 0).</param>
    /// <param name="momentum">The momentum factor (&gt;= 0).</param>
    /// <param name="centered">Normalize by an estimate of the gradient's variance instead of its second moment.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message gives its value.</exception>
    /// <exception cref="ArgumentException">A parameter in two groups, no parameters, or a group taken by another optimizer.</exception>
    public RmsProp(IEnumerable<ParamGroup<T>> paramGroups, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8,
        double weightDecay = 0, double momentum = 0, bool centered = false, bool maximize = false)
        : base(Checked(paramGroups, alpha, eps, momentum), lr, weightDecay)
    {
        Alpha = alpha;
        Eps = eps;
        WeightDecay = weightDecay;
        Momentum = momentum;
        Centered = centered;
        Maximize = maximize;
        state = Parameters.Select(p => new RmsPropState<T>(p.Shape, momentum > 0, centered)).ToArray();
    }

    /// <summary>Checks the hyperparameters before the base constructor takes the groups.</summary>
    private static IEnumerable<ParamGroup<T>> Checked(IEnumerable<ParamGroup<T>> paramGroups, double alpha, double eps, double momentum)
    {
        if (!(eps >= 0) || double.IsInfinity(eps))
            throw new ArgumentOutOfRangeException(nameof(eps), $"RmsProp: Invalid epsilon value: {Format(eps)} (it must be finite and >= 0).");
        if (!(momentum >= 0) || double.IsInfinity(momentum))
            throw new ArgumentOutOfRangeException(nameof(momentum), $"RmsProp: Invalid momentum value: {Format(momentum)} (it must be finite and >= 0).");
        if (!(alpha >= 0) || double.IsInfinity(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), $"RmsProp: Invalid alpha value: {Format(alpha)} (it must be finite and >= 0).");
        return paramGroups;
    }

    private static ParamGroup<T>[] OneGroup(IEnumerable<Tensor<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return [new ParamGroup<T>(parameters)];
    }

    /// <summary>The smoothing constant α.</summary>
    public double Alpha { get; }

    /// <summary>Added to the denominator for numerical stability.</summary>
    public double Eps { get; }

    /// <summary>The default weight decay (a group's own is <see cref="ParamGroup{T}.WeightDecay"/>).</summary>
    public double WeightDecay { get; }

    /// <summary>The momentum factor μ.</summary>
    public double Momentum { get; }

    /// <summary>Whether the centered variant is used.</summary>
    public bool Centered { get; }

    /// <summary>Whether the objective is maximized.</summary>
    public bool Maximize { get; }

    /// <summary>Each parameter's state, in the order of <see cref="Optimizer{T}.Parameters"/>.</summary>
    public IReadOnlyList<RmsPropState<T>> State => state;

    /// <inheritdoc/>
    protected override void Update(int index, Span<T> parameter, ReadOnlySpan<T> gradient)
    {
        var s = state[index];
        s.Step++;
        var group = GroupOf(index);
        T sign = Maximize ? -T.One : T.One;
        T decay = T.CreateChecked(group.WeightDecay);
        bool decayed = group.WeightDecay != 0;
        T alpha = T.CreateChecked(Alpha), oneMinusAlpha = T.CreateChecked(1 - Alpha);
        T eps = T.CreateChecked(Eps), momentum = T.CreateChecked(Momentum), negLr = T.CreateChecked(-group.LearningRate);
        Span<T> squareAvg = s.SquareAvg.Span;
        Span<T> gradAvg = Centered ? s.GradAvg!.Span : default;
        Span<T> buffer = Momentum > 0 ? s.MomentumBuffer!.Span : default;
        for (int i = 0; i < parameter.Length; i++)
        {
            T p = parameter[i];
            T g = gradient[i] * sign;
            if (decayed) g += decay * p;
            T v = squareAvg[i] = squareAvg[i] * alpha + oneMinusAlpha * g * g;
            T avg;
            if (Centered)
            {
                T ga = gradAvg[i] = gradAvg[i] * alpha + oneMinusAlpha * g;
                avg = T.Sqrt(v - ga * ga) + eps;
            }
            else
            {
                avg = T.Sqrt(v) + eps;
            }
            if (Momentum > 0)
            {
                T b = buffer[i] = buffer[i] * momentum + g / avg;
                parameter[i] = p + negLr * b;
            }
            else
            {
                parameter[i] = p + negLr * (g / avg);
            }
        }
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, double Value)> SharedHyperparameters() =>
        [("alpha", Alpha), ("eps", Eps), ("momentum", Momentum), ("centered", Centered ? 1 : 0), ("maximize", Maximize ? 1 : 0)];

    /// <inheritdoc/>
    protected override void SaveState(int index, IDictionary<string, Tensor<T>> tensors, IDictionary<string, double> scalars)
    {
        var s = state[index];
        scalars["step"] = s.Step;
        tensors["square_avg"] = s.SquareAvg;
        if (s.MomentumBuffer is not null) tensors["momentum_buffer"] = s.MomentumBuffer;
        if (s.GradAvg is not null) tensors["grad_avg"] = s.GradAvg;
    }

    /// <inheritdoc/>
    protected override string? CheckState(int index, IReadOnlyDictionary<string, Tensor<T>> tensors, IReadOnlyDictionary<string, double> scalars)
    {
        var names = new List<string> { "square_avg" };
        if (Momentum > 0) names.Add("momentum_buffer");
        if (Centered) names.Add("grad_avg");
        return CheckNames(tensors, scalars, names, [], ["step"]);
    }

    /// <inheritdoc/>
    protected override void LoadState(int index, IReadOnlyDictionary<string, Tensor<T>> tensors, IReadOnlyDictionary<string, double> scalars)
    {
        var s = state[index];
        s.Step = (int)scalars["step"];
        CopyInto(tensors["square_avg"], s.SquareAvg);
        if (s.MomentumBuffer is not null) CopyInto(tensors["momentum_buffer"], s.MomentumBuffer);
        if (s.GradAvg is not null) CopyInto(tensors["grad_avg"], s.GradAvg);
    }
}
