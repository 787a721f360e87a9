using System.Numerics;
using System.Runtime.CompilerServices;

namespace MiniGrad.Optim;

/// <summary>
/// Adam (Kingma and Ba, 2015), exactly as PyTorch 1.13's <c>torch.optim.Adam</c> (<c>_single_tensor_adam</c>).
/// </summary>
/// <remarks>
/// For each parameter p with gradient g, at step t (counted per parameter, starting at 1):
/// <code>
/// g  = maximize ? -g : g
/// g  = g + weightDecay · p                       (L2 penalty; AdamW decays p itself instead)
/// m  = β1 · m + (1 - β1) · g                     (exp_avg)
/// v  = β2 · v + (1 - β2) · g²                    (exp_avg_sq)
/// biasCorrection1 = 1 - β1^t,  biasCorrection2 = 1 - β2^t
/// v̂  = amsgrad ? (maxV = max(maxV, v)) : v
/// denom = sqrt(v̂) / sqrt(biasCorrection2) + eps
/// p  = p - (lr / biasCorrection1) · m / denom
/// </code>
/// The update is one fused, vectorized pass over each parameter's elements; the state is readable through
/// <see cref="State"/>.
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public class Adam<T> : Optimizer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly AdamState<T>[] state;

    /// <summary>Creates Adam over <paramref name="parameters"/> (one group) with PyTorch's defaults.</summary>
    /// <param name="parameters">The tensors to optimize, e.g. <c>model.Parameters()</c>.</param>
    /// <param name="lr">The learning rate (&gt;= 0).</param>
    /// <param name="betas">The decay rates (β1, β2) of the moment estimates, each in [0, 1); default (0.9, 0.999).</param>
    /// <param name="eps">Added to the denominator for stability (&gt;= 0).</param>
    /// <param name="weightDecay">L2 penalty added to the gradient (&gt;= 0).</param>
    /// <param name="amsgrad">Use the AMSGrad variant (the maximum of past second moments).</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message gives its value.</exception>
    [OverloadResolutionPriority(1)] // new Adam<T>([]) and (null) mean a tensor list, as before groups existed
    public Adam(IEnumerable<Tensor<T>> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
        double weightDecay = 0, bool amsgrad = false, bool maximize = false)
        : this(OneGroup(parameters), lr, betas, eps, weightDecay, amsgrad, maximize, decoupledWeightDecay: false)
    {
    }

    /// <summary>
    /// Creates Adam over parameter groups (PyTorch's <c>param_groups</c>): each group's own learning rate and weight
    /// decay, or <paramref name="lr"/> and <paramref name="weightDecay"/> where it has none.
    /// </summary>
    /// <param name="paramGroups">The groups; together at least one parameter, each parameter in one group.</param>
    /// <param name="lr">The default learning rate (&gt;= 0).</param>
    /// <param name="betas">The decay rates (β1, β2) of the moment estimates, each in [0, 1); default (0.9, 0.999).</param>
    /// <param name="eps">Added to the denominator for stability (&gt;= 0).</param>
    /// <param name="weightDecay">The default L2 penalty added to the gradient (&gt;= 0).</param>
    /// <param name="amsgrad">Use the AMSGrad variant (the maximum of past second moments).</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message gives its value.</exception>
    /// <exception cref="ArgumentException">A parameter in two groups, no parameters, or a group taken by another optimizer.</exception>
    public Adam(IEnumerable<ParamGroup<T>> paramGroups, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
        double weightDecay = 0, bool amsgrad = false, bool maximize = false)
        : this(paramGroups, lr, betas, eps, weightDecay, amsgrad, maximize, decoupledWeightDecay: false)
    {
    }

    /// <summary>Shared by Adam and AdamW, which differ only in how weight decay is applied.</summary>
    private protected Adam(IEnumerable<ParamGroup<T>> paramGroups, double lr, (double, double)? betas, double eps,
        double weightDecay, bool amsgrad, bool maximize, bool decoupledWeightDecay)
        : base(Checked(paramGroups, betas, eps, decoupledWeightDecay ? "AdamW" : "Adam"), lr, weightDecay)
    {
        var (beta1, beta2) = betas ?? (0.9, 0.999);
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weightDecay;
        AmsGrad = amsgrad;
        Maximize = maximize;
        DecoupledWeightDecay = decoupledWeightDecay;
        state = Parameters.Select(p => new AdamState<T>(p.Shape, amsgrad)).ToArray();
    }

    /// <summary>
    /// Checks eps and the betas before the base constructor runs, so that a refused optimizer has not taken the
    /// groups (which could then not be given to another).
    /// </summary>
    private static IEnumerable<ParamGroup<T>> Checked(IEnumerable<ParamGroup<T>> paramGroups, (double, double)? betas, double eps, string name)
    {
        var (beta1, beta2) = betas ?? (0.9, 0.999);
        if (!(eps >= 0) || double.IsInfinity(eps))
            throw new ArgumentOutOfRangeException(nameof(eps), $"{name}: Invalid epsilon value: {Format(eps)} (it must be finite and >= 0).");
        if (!(beta1 >= 0 && beta1 < 1))
            throw new ArgumentOutOfRangeException(nameof(betas), $"{name}: Invalid beta parameter at index 0: {Format(beta1)} (it must be in [0, 1)).");
        if (!(beta2 >= 0 && beta2 < 1))
            throw new ArgumentOutOfRangeException(nameof(betas), $"{name}: Invalid beta parameter at index 1: {Format(beta2)} (it must be in [0, 1)).");
        return paramGroups;
    }

    /// <summary>One group of <paramref name="parameters"/> (null stays null, for the argument check).</summary>
    private protected static ParamGroup<T>[] OneGroup(IEnumerable<Tensor<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return [new ParamGroup<T>(parameters)];
    }

    /// <summary>β1, the decay rate of the first moment m.</summary>
    public double Beta1 { get; }

    /// <summary>β2, the decay rate of the second moment v.</summary>
    public double Beta2 { get; }

    /// <summary>Added to the denominator for numerical stability.</summary>
    public double Eps { get; }

    /// <summary>The default weight decay coefficient (a group's own is <see cref="ParamGroup{T}.WeightDecay"/>).</summary>
    public double WeightDecay { get; }

    /// <summary>Whether the AMSGrad variant is used.</summary>
    public bool AmsGrad { get; }

    /// <summary>Whether the objective is maximized.</summary>
    public bool Maximize { get; }

    /// <summary>True for AdamW: weight decay shrinks the parameter directly instead of adding to the gradient.</summary>
    public bool DecoupledWeightDecay { get; }

    /// <summary>Each parameter's state (step, m, v), in the order of <see cref="Optimizer{T}.Parameters"/>.</summary>
    public IReadOnlyList<AdamState<T>> State => state;

    /// <summary>The state of <paramref name="parameter"/>.</summary>
    /// <exception cref="ArgumentException">The tensor is not one of this optimizer's parameters.</exception>
    public AdamState<T> StateOf(Tensor<T> parameter)
    {
        for (int i = 0; i < Parameters.Count; i++)
            if (ReferenceEquals(Parameters[i], parameter)) return state[i];
        throw new ArgumentException($"{TypeName}.StateOf: the tensor (shape {parameter?.Shape}) is not one of this optimizer's parameters.", nameof(parameter));
    }

    private int cachedStep = -1;
    private double cachedLearningRate = double.NaN;
    private double cachedWeightDecay = double.NaN;
    private Kernels.AdamConstants<T> cachedConstants;

    /// <inheritdoc/>
    protected override void Update(int index, Span<T> parameter, ReadOnlySpan<T> gradient)
    {
        var s = state[index];
        int step = ++s.Step;
        var group = GroupOf(index);
        double lr = group.LearningRate, weightDecay = group.WeightDecay;
        // Every parameter of a group shares the step count, the learning rate and the weight decay: compute the
        // constants once per step, not per tensor (a small network's step has several tensors of a few dozen elements).
        if (step != cachedStep || lr != cachedLearningRate || weightDecay != cachedWeightDecay)
        {
            double biasCorrection1 = 1 - Math.Pow(Beta1, step);
            double biasCorrection2 = 1 - Math.Pow(Beta2, step);
            double stepSize = lr / biasCorrection1;
            double biasCorrection2Sqrt = Math.Sqrt(biasCorrection2);
            cachedConstants = new Kernels.AdamConstants<T>(
                Beta1: T.CreateChecked(Beta1), OneMinusBeta1: T.CreateChecked(1 - Beta1),
                Beta2: T.CreateChecked(Beta2), OneMinusBeta2: T.CreateChecked(1 - Beta2),
                Decay: T.CreateChecked(DecoupledWeightDecay ? 0 : weightDecay),
                Shrink: T.CreateChecked(1 - lr * weightDecay), // AdamW: p *= 1 - lr·weightDecay before the update
                Decoupled: DecoupledWeightDecay && weightDecay != 0,
                Sign: Maximize ? -T.One : T.One,
                Bc2Sqrt: T.CreateChecked(biasCorrection2Sqrt), Eps: T.CreateChecked(Eps), NegStepSize: T.CreateChecked(-stepSize));
            cachedStep = step;
            cachedLearningRate = lr;
            cachedWeightDecay = weightDecay;
        }

        Span<T> m = s.M.Span, v = s.V.Span;
        Span<T> maxV = s.MaxV is null ? default : s.MaxV.Span;

        // One fused pass (Vector512 where available, split across cores for large tensors): see AdamKernel.
        Kernels.AdamKernel.Update(parameter, gradient, m, v, maxV, cachedConstants);
    }
    /// <inheritdoc/>
    protected override IEnumerable<(string Name, double Value)> SharedHyperparameters() =>
        [("betas.0", Beta1), ("betas.1", Beta2), ("eps", Eps), ("amsgrad", AmsGrad ? 1 : 0), ("maximize", Maximize ? 1 : 0)];

    /// <inheritdoc/>
    protected override void SaveState(int index, IDictionary<string, Tensor<T>> tensors, IDictionary<string, double> scalars)
    {
        var s = state[index];
        scalars["step"] = s.Step;
        tensors["exp_avg"] = s.M;
        tensors["exp_avg_sq"] = s.V;
        if (s.MaxV is not null) tensors["max_exp_avg_sq"] = s.MaxV;
    }

    /// <inheritdoc/>
    protected override string? CheckState(int index, IReadOnlyDictionary<string, Tensor<T>> tensors, IReadOnlyDictionary<string, double> scalars) =>
        CheckNames(tensors, scalars, AmsGrad ? ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"] : ["exp_avg", "exp_avg_sq"], [], ["step"]);

    /// <inheritdoc/>
    protected override void LoadState(int index, IReadOnlyDictionary<string, Tensor<T>> tensors, IReadOnlyDictionary<string, double> scalars)
    {
        var s = state[index];
        s.Step = (int)scalars["step"];
        CopyInto(tensors["exp_avg"], s.M);
        CopyInto(tensors["exp_avg_sq"], s.V);
        if (s.MaxV is not null) CopyInto(tensors["max_exp_avg_sq"], s.MaxV);
    }

    /// <inheritdoc/>
    protected override void StateLoaded() => cachedStep = -1;
}
