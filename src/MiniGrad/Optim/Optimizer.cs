using System.Globalization;
using System.Numerics;

namespace MiniGrad.Optim;

/// <summary>
/// The base of every optimizer, as PyTorch's <c>torch.optim.Optimizer</c> (one parameter group): it holds the
/// parameters, zeroes their gradients and updates them from their gradients in <see cref="Step"/>.
/// </summary>
/// <remarks>
/// <para>A step is all or nothing: every gradient is checked (its shape and, with <see cref="CheckFinite"/>, that it
/// holds no NaN or infinity) before any parameter or state changes. A parameter without a gradient is skipped, as in
/// PyTorch.</para>
/// <para>Updates write straight into the parameters' buffers, one fused pass per parameter tensor; nothing is
/// recorded on the tape (parameters are leaves).</para>
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public abstract class Optimizer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Tensor<T>[] parameters;
    private double learningRate;

    /// <summary>Takes the parameters to optimize (e.g. <c>model.Parameters()</c>).</summary>
    /// <param name="parameters">The tensors to update; each a leaf, each given once.</param>
    /// <param name="lr">The learning rate; must be &gt;= 0.</param>
    /// <exception cref="ArgumentException">No parameters, a repeated or non-leaf parameter, or a bad learning rate.</exception>
    protected Optimizer(IEnumerable<Tensor<T>> parameters, double lr)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.parameters = parameters.ToArray();
        if (this.parameters.Length == 0)
            throw new ArgumentException($"{TypeName}: optimizer got an empty parameter list.", nameof(parameters));
        var seen = new HashSet<Tensor<T>>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < this.parameters.Length; i++)
        {
            var p = this.parameters[i] ?? throw new ArgumentException($"{TypeName}: parameter {i} is null.", nameof(parameters));
            if (!p.IsLeaf)
                throw new ArgumentException($"{TypeName}: parameter {i} {Describe(i)} was made by {p.GradFn!.Name}; only leaf tensors can be optimized.", nameof(parameters));
            if (!seen.Add(p))
                throw new ArgumentException($"{TypeName}: parameter {i} {Describe(i)} appears more than once in the parameter list.", nameof(parameters));
        }
        LearningRate = lr;
    }

    /// <summary>The parameters, in the order given.</summary>
    public IReadOnlyList<Tensor<T>> Parameters => parameters;

    /// <summary>The learning rate (PyTorch's <c>lr</c>); may be changed between steps, e.g. by a schedule. Must be &gt;= 0.</summary>
    public double LearningRate
    {
        get => learningRate;
        set
        {
            if (!(value >= 0) || double.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(value), $"{TypeName}: Invalid learning rate: {Format(value)} (it must be finite and >= 0).");
            learningRate = value;
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
            var g = parameters[i].Grad;
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
        var g = p.Grad;
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
