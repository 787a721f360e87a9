using System.Globalization;
using System.Numerics;

namespace MiniGrad.Optim;

/// <summary>
/// The base of every optimizer, as PyTorch's <c>torch.optim.Optimizer</c>: it holds the parameters in groups (each
/// with its own learning rate and weight decay, <see cref="ParamGroups"/>), zeroes their gradients, updates them from
/// their gradients in <see cref="Step"/>, and saves and restores its state (<see cref="StateDict"/>).
/// </summary>
/// <remarks>
/// <para>A step is all or nothing: every gradient is checked (its shape and, with <see cref="CheckFinite"/>, that it
/// holds no NaN or infinity) before any parameter or state changes. A parameter without a gradient is skipped, as in
/// PyTorch.</para>
/// <para>Updates write straight into the parameters' buffers, one fused pass per parameter tensor; nothing is
/// recorded on the tape (parameters are leaves).</para>
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public abstract partial class Optimizer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Tensor<T>[] parameters;
    private readonly ParamGroup<T>[] groups;
    private readonly int[] groupOf;

    /// <summary>Takes the parameters to optimize (e.g. <c>model.Parameters()</c>) as one group.</summary>
    /// <param name="parameters">The tensors to update; each a leaf, each given once.</param>
    /// <param name="lr">The learning rate; must be &gt;= 0.</param>
    /// <exception cref="ArgumentException">No parameters, a repeated or non-leaf parameter, or a bad learning rate.</exception>
    protected Optimizer(IEnumerable<Tensor<T>> parameters, double lr)
        : this(OneGroup(parameters), lr, 0)
    {
    }

    /// <summary>
    /// Takes parameter groups (PyTorch's <c>param_groups</c>); a group without its own learning rate or weight decay
    /// gets <paramref name="lr"/> or <paramref name="weightDecay"/>.
    /// </summary>
    /// <param name="paramGroups">The groups, in order; together they hold at least one parameter, each parameter once.</param>
    /// <param name="lr">The default learning rate; must be finite and &gt;= 0.</param>
    /// <param name="weightDecay">The default weight decay; must be finite and &gt;= 0.</param>
    /// <exception cref="ArgumentException">
    /// No parameters, a repeated (also across groups) or non-leaf parameter, a group given twice or already taken by
    /// another optimizer, or a bad learning rate or weight decay.
    /// </exception>
    protected Optimizer(IEnumerable<ParamGroup<T>> paramGroups, double lr, double weightDecay)
    {
        ArgumentNullException.ThrowIfNull(paramGroups);
        groups = paramGroups.ToArray();
        CheckRate(lr, "lr", "Invalid learning rate");
        CheckRate(weightDecay, nameof(weightDecay), "Invalid weightDecay value");
        for (int g = 0; g < groups.Length; g++)
            if (groups[g] is null) throw new ArgumentException($"{TypeName}: parameter group {g} is null.", nameof(paramGroups));
        if (groups.Distinct(ReferenceEqualityComparer.Instance).Count() != groups.Length)
            throw new ArgumentException($"{TypeName}: a parameter group is given twice.", nameof(paramGroups));
        foreach (var g in groups)
            if (g.Index >= 0)
                throw new ArgumentException($"{TypeName}: a parameter group already belongs to another optimizer; build a new ParamGroup.", nameof(paramGroups));
        this.parameters = groups.SelectMany(g => g.Parameters).ToArray();
        groupOf = groups.SelectMany((g, k) => Enumerable.Repeat(k, g.Parameters.Count)).ToArray();
        if (this.parameters.Length == 0)
            throw new ArgumentException($"{TypeName}: optimizer got an empty parameter list.", groups.Length == 1 ? "parameters" : nameof(paramGroups));
        var seen = new Dictionary<Tensor<T>, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < this.parameters.Length; i++)
        {
            var p = this.parameters[i] ?? throw new ArgumentException($"{TypeName}: parameter {i} is null.", "parameters");
            if (!p.IsLeaf)
                throw new ArgumentException($"{TypeName}: parameter {i} {Describe(i)} was made by {p.GradFn!.Name}; only leaf tensors can be optimized.", "parameters");
            if (!seen.TryAdd(p, i))
            {
                string where = groups.Length == 1 ? "the parameter list" : $"the parameter groups (groups {groupOf[seen[p]]} and {groupOf[i]})";
                throw new ArgumentException($"{TypeName}: parameter {i} {Describe(i)} appears more than once in {where}.", "parameters");
            }
        }
        for (int g = 0; g < groups.Length; g++) groups[g].Adopt(TypeName, g, lr, weightDecay);
    }

    private static ParamGroup<T>[] OneGroup(IEnumerable<Tensor<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return [new ParamGroup<T>(parameters)];
    }

    private void CheckRate(double value, string name, string invalid)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, $"{TypeName}: {invalid}: {Format(value)} (it must be finite and >= 0).");
    }

    /// <summary>Every parameter, group after group, each group's in the order given; an index into it is a parameter's index.</summary>
    public IReadOnlyList<Tensor<T>> Parameters => parameters;

    /// <summary>The parameter groups (PyTorch's <c>param_groups</c>); one group when the optimizer was built from a tensor list.</summary>
    public IReadOnlyList<ParamGroup<T>> ParamGroups => groups;

    /// <summary>The group of parameter <paramref name="index"/>, whose learning rate and weight decay its update uses.</summary>
    protected ParamGroup<T> GroupOf(int index) => groups[groupOf[index]];

    /// <summary>
    /// The learning rate of every group. Setting it sets every group's <see cref="ParamGroup{T}.LearningRate"/> (finite,
    /// &gt;= 0). Reading it gives the groups' common rate; when the groups' rates differ it throws (read
    /// <see cref="ParamGroups"/> instead), so that <c>LearningRate *= 0.5</c> cannot flatten them. PyTorch has no such
    /// property; with one group (an optimizer built from a tensor list) it is that group's <c>lr</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value.</exception>
    /// <exception cref="InvalidOperationException">Read while the groups have different learning rates.</exception>
    public double LearningRate
    {
        get
        {
            double lr = groups[0].LearningRate;
            for (int g = 1; g < groups.Length; g++)
                if (groups[g].LearningRate != lr)
                    throw new InvalidOperationException(
                        $"{TypeName}.LearningRate: the parameter groups have different learning rates ({string.Join(", ", groups.Select(x => Format(x.LearningRate)))}); read ParamGroups[i].LearningRate.");
            return lr;
        }
        set
        {
            CheckRate(value, nameof(value), "Invalid learning rate");
            foreach (var g in groups) g.LearningRate = value;
        }
    }

    /// <summary>
    /// When true (the default), <see cref="Step"/> first checks every gradient for NaN and infinity and throws, naming
    /// the parameter and the element, before anything changes. Set false to skip the scan.
    /// </summary>
    public bool CheckFinite { get; set; } = true;

    /// <summary>How many times <see cref="Step"/> has run.</summary>
    public int StepCount { get; private set; }

    /// <summary>
    /// Clears every parameter's gradient before the next backward pass (PyTorch's <c>Optimizer.zero_grad</c>): drops
    /// it (the default, as PyTorch 2's <c>set_to_none=True</c>) or, with <paramref name="setToNone"/> false, fills it
    /// with zeros (PyTorch 1.13's default); see <see cref="Tensor{T}.ZeroGrad"/>.
    /// </summary>
    /// <param name="setToNone">Drop the gradients (true) or zero them in place (false).</param>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var p in parameters) p.ZeroGrad(setToNone);
    }

    /// <summary>
    /// Updates every parameter that has a gradient, or none: gradients are validated first (see
    /// <see cref="CheckFinite"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">A gradient has the wrong shape or holds NaN / infinity; nothing changed.</exception>
    public void Step()
    {
        // Every check runs before anything changes, so that a bad gradient leaves the parameters and state untouched.
        for (int i = 0; i < parameters.Length; i++) Validate(i);
        StepCount++;
        for (int i = 0; i < parameters.Length; i++)
        {
            var g = parameters[i].GradForEngine;
            if (g is null) continue;
            Update(i, parameters[i].Span, g.ReadOnlySpan);
        }
    }

    /// <summary>
    /// Throws if parameter <paramref name="index"/>'s gradient has the wrong shape or (with <see cref="CheckFinite"/>)
    /// holds NaN or infinity; a parameter without a gradient passes.
    /// </summary>
    /// <remarks>
    /// No pattern variables here: a mutation testing tool that negates <c>p.Grad is not { } g</c> leaves <c>g</c>
    /// unassigned, the mutated code does not compile, and every mutant of the method is dropped with it.
    /// </remarks>
    private void Validate(int index)
    {
        var p = parameters[index];
        var g = p.GradForEngine;
        if (g is null) return;
        if (g.Shape != p.Shape)
            throw new InvalidOperationException(
                $"{TypeName}.Step: parameter {index} {Describe(index)} has a gradient of shape {g.Shape}; no parameter was changed.");
        if (!CheckFinite) return;
        var gs = g.ReadOnlySpan;
        int bad = Kernels.Finite.IndexOfNonFinite(gs);
        if (bad >= 0)
            throw new InvalidOperationException(
                $"{TypeName}.Step: parameter {index} {Describe(index)} has a non-finite gradient ({gs[bad]}) at index {bad}; " +
                "no parameter was changed. Lower the learning rate, check the loss for log(0) or overflow, or clip gradients.");
    }

    /// <summary>
    /// Updates parameter <paramref name="index"/> in place from its gradient (already validated), with its state, in one
    /// pass.
    /// </summary>
    protected abstract void Update(int index, Span<T> parameter, ReadOnlySpan<T> gradient);

    /// <summary>The optimizer's name in messages (the class name).</summary>
    protected string TypeName
    {
        get
        {
            string n = GetType().Name;
            int tick = n.IndexOf('`');
            return tick < 0 ? n : n[..tick];
        }
    }

    /// <summary>A parameter's name (if it has one) and shape, for messages.</summary>
    protected string Describe(int index)
    {
        var p = parameters[index];
        return p.Name is null ? $"(shape {p.Shape})" : $"('{p.Name}', shape {p.Shape})";
    }

    /// <summary>Formats a hyperparameter for a message (invariant culture, round-trip).</summary>
    protected static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
