using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MiniGrad.Optim;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight decay, exactly as
/// PyTorch 1.13's <c>torch.optim.SGD</c> (<c>_single_tensor_sgd</c>).
/// </summary>
/// <remarks>
/// For each parameter p with gradient g:
/// <code>
/// d = maximize ? -g : g
/// d = d + weightDecay · p
/// if momentum != 0:
///     buf = first step ? d : momentum · buf + (1 - dampening) · d     (momentum_buffer)
///     d   = nesterov ? d + momentum · buf : buf
/// p = p - lr · d
/// </code>
/// One fused, vectorized pass per parameter; the momentum buffers are readable through <see cref="MomentumBuffers"/>.
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Sgd<T> : Optimizer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Tensor<T>?[] buffers;

    /// <summary>Creates SGD over <paramref name="parameters"/> (one group).</summary>
    /// <param name="parameters">The tensors to optimize, e.g. <c>model.Parameters()</c>.</param>
    /// <param name="lr">The learning rate (&gt;= 0); required, as in PyTorch.</param>
    /// <param name="momentum">The momentum factor (&gt;= 0).</param>
    /// <param name="dampening">Dampening of the momentum (how much of the new gradient is left out).</param>
    /// <param name="nesterov">Use Nesterov momentum (needs momentum &gt; 0 and dampening 0).</param>
    /// <param name="weightDecay">L2 penalty added to the gradient (&gt;= 0).</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message gives its value.</exception>
    /// <exception cref="ArgumentException">Nesterov without momentum, or with dampening.</exception>
    [OverloadResolutionPriority(1)] // new Sgd<T>([], lr) and (null, lr) mean a tensor list, as before groups existed
    public Sgd(IEnumerable<Tensor<T>> parameters, double lr, double momentum = 0, double dampening = 0, bool nesterov = false,
        double weightDecay = 0, bool maximize = false)
        : this(OneGroup(parameters), lr, momentum, dampening, nesterov, weightDecay, maximize)
    {
    }

    /// <summary>
    /// Creates SGD over parameter groups (PyTorch's <c>param_groups</c>): each group's own learning rate and weight
    /// decay, or <paramref name="lr"/> and <paramref name="weightDecay"/> where it has none.
    /// </summary>
    /// <param name="paramGroups">The groups; together at least one parameter, each parameter in one group.</param>
    /// <param name="lr">The default learning rate (&gt;= 0).</param>
    /// <param name="momentum">The momentum factor (&gt;= 0).</param>
    /// <param name="dampening">Dampening of the momentum (how much of the new gradient is left out).</param>
    /// <param name="nesterov">Use Nesterov momentum (needs momentum &gt; 0 and dampening 0).</param>
    /// <param name="weightDecay">The default L2 penalty added to the gradient (&gt;= 0).</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message gives its value.</exception>
    /// <exception cref="ArgumentException">Nesterov without momentum or with dampening, a parameter in two groups, no parameters.</exception>
    public Sgd(IEnumerable<ParamGroup<T>> paramGroups, double lr, double momentum = 0, double dampening = 0, bool nesterov = false,
        double weightDecay = 0, bool maximize = false)
        : base(Checked(paramGroups, momentum, dampening, nesterov), lr, weightDecay)
    {
        Momentum = momentum;
        Dampening = dampening;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
        Maximize = maximize;
        buffers = new Tensor<T>?[Parameters.Count];
    }

    /// <summary>Checks the momentum settings before the base constructor takes the groups.</summary>
    private static IEnumerable<ParamGroup<T>> Checked(IEnumerable<ParamGroup<T>> paramGroups, double momentum, double dampening, bool nesterov)
    {
        if (!(momentum >= 0) || double.IsInfinity(momentum))
            throw new ArgumentOutOfRangeException(nameof(momentum), $"Sgd: Invalid momentum value: {Format(momentum)} (it must be finite and >= 0).");
        if (!double.IsFinite(dampening))
            throw new ArgumentOutOfRangeException(nameof(dampening), $"Sgd: Invalid dampening value: {Format(dampening)} (it must be finite).");
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException(
                $"Sgd: Nesterov momentum requires a momentum and zero dampening (got momentum {Format(momentum)}, dampening {Format(dampening)}).",
                nameof(nesterov));
        return paramGroups;
    }

    private static ParamGroup<T>[] OneGroup(IEnumerable<Tensor<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return [new ParamGroup<T>(parameters)];
    }

    /// <summary>The momentum factor.</summary>
    public double Momentum { get; }

    /// <summary>The dampening of the momentum.</summary>
    public double Dampening { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <summary>The default weight decay (L2 penalty) coefficient (a group's own is <see cref="ParamGroup{T}.WeightDecay"/>).</summary>
    public double WeightDecay { get; }

    /// <summary>Whether the objective is maximized.</summary>
    public bool Maximize { get; }

    /// <summary>
    /// Each parameter's momentum buffer (PyTorch's <c>momentum_buffer</c>), in parameter order; null before the
    /// parameter's first step or when momentum is 0.
    /// </summary>
    public IReadOnlyList<Tensor<T>?> MomentumBuffers => buffers;

    /// <inheritdoc/>
    protected override void Update(int index, Span<T> parameter, ReadOnlySpan<T> gradient)
    {
        T sign = Maximize ? -T.One : T.One;
        var group = GroupOf(index);
        T decay = T.CreateChecked(group.WeightDecay);
        T momentum = T.CreateChecked(Momentum), oneMinusDampening = T.CreateChecked(1 - Dampening);
        T negLr = T.CreateChecked(-group.LearningRate);
        bool useMomentum = Momentum != 0;
        // PyTorch's first step copies d into the buffer (no dampening); later steps decay it.
        bool first = useMomentum && buffers[index] is null;
        if (first) buffers[index] = Tensor<T>.Zeros(Parameters[index].Shape);
        Span<T> buf = useMomentum ? buffers[index]!.Span : default;

        int i = 0;
        if (Vector.IsHardwareAccelerated && parameter.Length >= Vector<T>.Count)
        {
            var pv = MemoryMarshal.Cast<T, Vector<T>>(parameter);
            var gv = MemoryMarshal.Cast<T, Vector<T>>(gradient);
            var bv = useMomentum ? MemoryMarshal.Cast<T, Vector<T>>(buf) : default;
            for (int k = 0; k < pv.Length; k++)
            {
                var p = pv[k];
                var d = gv[k] * sign;
                if (decay != T.Zero) d += p * decay;
                if (useMomentum)
                {
                    var b = bv[k] = first ? d : bv[k] * momentum + d * oneMinusDampening;
                    d = Nesterov ? d + b * momentum : b;
                }
                pv[k] = p + d * negLr;
            }
            i = pv.Length * Vector<T>.Count;
        }
        for (; i < parameter.Length; i++)
        {
            T p = parameter[i];
            T d = gradient[i] * sign;
            if (decay != T.Zero) d += p * decay;
            if (useMomentum)
            {
                T b = buf[i] = first ? d : buf[i] * momentum + d * oneMinusDampening;
                d = Nesterov ? d + b * momentum : b;
            }
            parameter[i] = p + d * negLr;
        }
    }
    /// <inheritdoc/>
    protected override IEnumerable<(string Name, double Value)> SharedHyperparameters() =>
        [("momentum", Momentum), ("dampening", Dampening), ("nesterov", Nesterov ? 1 : 0), ("maximize", Maximize ? 1 : 0)];

    /// <inheritdoc/>
    protected override void SaveState(int index, IDictionary<string, Tensor<T>> tensors, IDictionary<string, double> scalars)
    {
        if (buffers[index] is { } buffer) tensors["momentum_buffer"] = buffer;
    }

    /// <inheritdoc/>
    protected override string? CheckState(int index, IReadOnlyDictionary<string, Tensor<T>> tensors, IReadOnlyDictionary<string, double> scalars) =>
        CheckNames(tensors, scalars, [], Momentum != 0 ? ["momentum_buffer"] : [], []);

    /// <inheritdoc/>
    protected override void LoadState(int index, IReadOnlyDictionary<string, Tensor<T>> tensors, IReadOnlyDictionary<string, double> scalars) =>
        buffers[index] = tensors.TryGetValue("momentum_buffer", out var buffer) ? buffer.Clone() : null;
}
