using System.Numerics;
using System.Runtime.CompilerServices;

namespace MiniGrad.Optim;

/// <summary>
/// Adagrad (Duchi, Hazan and Singer, 2011), exactly as PyTorch 1.13's <c>torch.optim.Adagrad</c>
/// (<c>_single_tensor_adagrad</c>, dense gradients).
/// </summary>
/// <remarks>
/// For each parameter p with gradient g, at step t (counted per parameter, starting at 1; λ the group's weight decay,
/// lr the group's rate, η = lrDecay):
/// <code>
/// g   = maximize ? -g : g
/// g   = g + λ · p                                 (if λ != 0)
/// clr = lr / (1 + (t - 1) · η)
/// sum = sum + g²                                  (sum, starts at initialAccumulatorValue)
/// p   = p - clr · g / (sqrt(sum) + eps)
/// </code>
/// The state is readable through <see cref="State"/>.
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Adagrad<T> : Optimizer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly AdagradState<T>[] state;

    /// <summary>Creates Adagrad over <paramref name="parameters"/> (one group) with PyTorch's defaults.</summary>
    /// <param name="parameters">The tensors to optimize, e.g. <c>model.Parameters()</c>.</param>
    /// <param name="lr">The learning rate (&gt;= 0); default 1e-2.</param>
    /// <param name="lrDecay">The learning rate decay η (&gt;= 0).</param>
    /// <param name="weightDecay">L2 penalty added to the gradient (&gt;= 0).</param>
    /// <param name="initialAccumulatorValue">Where every element's sum of squares starts (&gt;= 0).</param>
    /// <param name="eps">Added to the denominator for stability (&gt;= 0); default 1e-10.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message gives its value.</exception>
    [OverloadResolutionPriority(1)] // new Adagrad<T>([]) and (null) mean a tensor list
    public Adagrad(IEnumerable<Tensor<T>> parameters, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0,
        double initialAccumulatorValue = 0, double eps = 1e-10, bool maximize = false)
        : this(OneGroup(parameters), lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize)
    {
    }

    /// <summary>
    /// Creates Adagrad over parameter groups: each group's own learning rate and weight decay, or
    /// <paramref name="lr"/> and <paramref name="weightDecay"/> where it has none.
    /// </summary>
    /// <param name="paramGroups">The groups; together at least one parameter, each parameter in one group.</param>
    /// <param name="lr">The default learning rate (&gt;= 0); default 1e-2.</param>
    /// <param name="lrDecay">The learning rate decay η (&gt;= 0).</param>
    /// <param name="weightDecay">The default L2 penalty added to the gradient (&gt;= 0).</param>
    /// <param name="initialAccumulatorValue">Where every element's sum of squares starts (&gt;= 0).</param>
    /// <param name="eps">Added to the denominator for stability (&gt;= 0); default 1e-10.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message gives its value.</exception>
    /// <exception cref="ArgumentException">A parameter in two groups, no parameters, or a group taken by another optimizer.</exception>
    public Adagrad(IEnumerable<ParamGroup<T>> paramGroups, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0,
        double initialAccumulatorValue = 0, double eps = 1e-10, bool maximize = false)
        : base(Checked(paramGroups, lrDecay, initialAccumulatorValue, eps), lr, weightDecay)
    {
        LrDecay = lrDecay;
        WeightDecay = weightDecay;
        InitialAccumulatorValue = initialAccumulatorValue;
        Eps = eps;
        Maximize = maximize;
        state = Parameters.Select(p => new AdagradState<T>(p.Shape, initialAccumulatorValue)).ToArray();
    }

    /// <summary>Checks the hyperparameters before the base constructor takes the groups.</summary>
    private static IEnumerable<ParamGroup<T>> Checked(IEnumerable<ParamGroup<T>> paramGroups, double lrDecay, double initialAccumulatorValue, double eps)
    {
        if (!(lrDecay >= 0) || double.IsInfinity(lrDecay))
            throw new ArgumentOutOfRangeException(nameof(lrDecay), $"Adagrad: Invalid lrDecay value: {Format(lrDecay)} (it must be finite and >= 0).");
        if (!(initialAccumulatorValue >= 0) || double.IsInfinity(initialAccumulatorValue))
            throw new ArgumentOutOfRangeException(nameof(initialAccumulatorValue),
                $"Adagrad: Invalid initialAccumulatorValue value: {Format(initialAccumulatorValue)} (it must be finite and >= 0).");
        if (!(eps >= 0) || double.IsInfinity(eps))
            throw new ArgumentOutOfRangeException(nameof(eps), $"Adagrad: Invalid epsilon value: {Format(eps)} (it must be finite and >= 0).");
        return paramGroups;
    }

    private static ParamGroup<T>[] OneGroup(IEnumerable<Tensor<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return [new ParamGroup<T>(parameters)];
    }

    /// <summary>The learning rate decay η.</summary>
    public double LrDecay { get; }

    /// <summary>The default weight decay (a group's own is <see cref="ParamGroup{T}.WeightDecay"/>).</summary>
    public double WeightDecay { get; }

    /// <summary>Where every element's sum of squared gradients starts.</summary>
    public double InitialAccumulatorValue { get; }

    /// <summary>Added to the denominator for numerical stability.</summary>
    public double Eps { get; }

    /// <summary>Whether the objective is maximized.</summary>
    public bool Maximize { get; }

    /// <summary>Each parameter's state, in the order of <see cref="Optimizer{T}.Parameters"/>.</summary>
    public IReadOnlyList<AdagradState<T>> State => state;

    /// <inheritdoc/>
    protected override void Update(int index, Span<T> parameter, ReadOnlySpan<T> gradient)
    {
        var s = state[index];
        int step = ++s.Step;
        var group = GroupOf(index);
        T sign = Maximize ? -T.One : T.One;
        T decay = T.CreateChecked(group.WeightDecay);
        bool decayed = group.WeightDecay != 0;
        double clr = group.LearningRate / (1 + (step - 1) * LrDecay);
        T negClr = T.CreateChecked(-clr), eps = T.CreateChecked(Eps);
        Span<T> sum = s.Sum.Span;
        for (int i = 0; i < parameter.Length; i++)
        {
            T p = parameter[i];
            T g = gradient[i] * sign;
            if (decayed) g += decay * p;
            T acc = sum[i] = sum[i] + g * g;
            parameter[i] = p + negClr * (g / (T.Sqrt(acc) + eps));
        }
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, double Value)> SharedHyperparameters() =>
        [("lr_decay", LrDecay), ("initial_accumulator_value", InitialAccumulatorValue), ("eps", Eps), ("maximize", Maximize ? 1 : 0)];

    /// <inheritdoc/>
    protected override void SaveState(int index, IDictionary<string, Tensor<T>> tensors, IDictionary<string, double> scalars)
    {
        scalars["step"] = state[index].Step;
        tensors["sum"] = state[index].Sum;
    }

    /// <inheritdoc/>
    protected override string? CheckState(int index, IReadOnlyDictionary<string, Tensor<T>> tensors, IReadOnlyDictionary<string, double> scalars) =>
        CheckNames(tensors, scalars, ["sum"], [], ["step"]);

    /// <inheritdoc/>
    protected override void LoadState(int index, IReadOnlyDictionary<string, Tensor<T>> tensors, IReadOnlyDictionary<string, double> scalars)
    {
        state[index].Step = (int)scalars["step"];
        CopyInto(tensors["sum"], state[index].Sum);
    }
}
