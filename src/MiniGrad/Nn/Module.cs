using System.Numerics;
using System.Text;

namespace MiniGrad.Nn;

/// <summary>
/// The base of every network part, as PyTorch's <c>nn.Module</c>: it owns named parameters, buffers and child modules,
/// has a training / evaluation mode, zeroes gradients, loads and returns its state (parameters and buffers) by name,
/// and prints itself.
/// </summary>
/// <remarks>
/// A subclass registers its parts in its constructor (no reflection): 
/// <code>
/// fc1 = Register("fc1", new Linear&lt;float&gt;(10, 5, generator));
/// </code>
/// Parameters are named as PyTorch names them: <c>fc1.weight</c>, or <c>0.weight</c> inside a Sequential, in
/// registration order. Buffers (<see cref="RegisterBuffer"/>) are state that is not learned, such as BatchNorm's
/// running statistics: no gradient, not in <see cref="Parameters"/>, but in <see cref="StateDict"/>.
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public abstract class Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly List<(string Name, Tensor<T> Value)> parameters = [];
    private readonly List<(string Name, Tensor<T> Value)> buffers = [];
    private readonly List<(string Name, Module<T> Child)> children = [];

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Runs the module on <paramref name="input"/>.</summary>
    public abstract Tensor<T> Forward(Tensor<T> input);

    /// <summary>The module's direct children in registration order.</summary>
    public IReadOnlyList<(string Name, Module<T> Child)> NamedChildren => children;

    /// <summary>Registers <paramref name="module"/> as a child named <paramref name="name"/> and returns it.</summary>
    protected TModule Register<TModule>(string name, TModule module)
        where TModule : Module<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckName(name);
        children.Add((name, module));
        return module;
    }

    /// <summary>
    /// Registers <paramref name="parameter"/> under <paramref name="name"/>, makes it require grad, and returns it.
    /// </summary>
    protected Tensor<T> RegisterParameter(string name, Tensor<T> parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        CheckName(name);
        if (!parameter.IsLeaf)
            throw new ArgumentException($"RegisterParameter: '{name}' was made by {parameter.GradFn!.Name}; a parameter must be a leaf tensor.", nameof(parameter));
        parameter.RequiresGrad = true;
        parameter.Name ??= name;
        parameters.Add((name, parameter));
        return parameter;
    }

    /// <summary>
    /// Registers <paramref name="buffer"/> under <paramref name="name"/> as state that is not learned (PyTorch's
    /// <c>register_buffer</c>): it gets no gradient and is not a parameter, but it is saved and loaded with
    /// <see cref="StateDict"/> and <see cref="LoadStateDict"/>. Returns it.
    /// </summary>
    /// <exception cref="ArgumentException">The name is taken or invalid, or the tensor requires grad.</exception>
    protected Tensor<T> RegisterBuffer(string name, Tensor<T> buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        CheckName(name);
        if (buffer.RequiresGrad)
            throw new ArgumentException($"RegisterBuffer: '{name}' requires grad; a buffer is not learned (register a parameter, or Detach() it).", nameof(buffer));
        buffer.Name ??= name;
        buffers.Add((name, buffer));
        return buffer;
    }

    /// <summary>Every parameter with its dotted name (<c>fc1.weight</c>), own parameters first, then each child's in order.</summary>
    public IReadOnlyList<(string Name, Tensor<T> Parameter)> NamedParameters()
    {
        var result = new List<(string, Tensor<T>)>();
        // An explicit stack keeps the walk iterative; children are pushed in reverse so they come out in order.
        var stack = new Stack<(string Prefix, Module<T> Module)>();
        stack.Push(("", this));
        while (stack.Count > 0)
        {
            var (prefix, m) = stack.Pop();
            foreach (var (name, p) in m.parameters) result.Add((prefix + name, p));
            for (int i = m.children.Count - 1; i >= 0; i--)
                stack.Push((prefix + m.children[i].Name + ".", m.children[i].Child));
        }
        return result;
    }

    /// <summary>Every parameter in the order of <see cref="NamedParameters"/> (what an optimizer takes).</summary>
    public IReadOnlyList<Tensor<T>> Parameters() => NamedParameters().Select(p => p.Parameter).ToList();

    /// <summary>
    /// Every buffer with its dotted name (<c>1.running_mean</c>), own buffers first, then each child's in order, as
    /// PyTorch's <c>named_buffers</c>.
    /// </summary>
    public IReadOnlyList<(string Name, Tensor<T> Buffer)> NamedBuffers() =>
        NamedState().Where(s => s.IsBuffer).Select(s => (s.Name, s.Value)).ToList();

    /// <summary>Every buffer in the order of <see cref="NamedBuffers"/>.</summary>
    public IReadOnlyList<Tensor<T>> Buffers() => NamedBuffers().Select(b => b.Buffer).ToList();

    /// <summary>
    /// Parameters and buffers in PyTorch's <c>state_dict</c> order: for each module, depth first, its own parameters,
    /// then its own buffers, then its children's.
    /// </summary>
    private List<(string Name, Tensor<T> Value, bool IsBuffer)> NamedState()
    {
        var result = new List<(string, Tensor<T>, bool)>();
        var stack = new Stack<(string Prefix, Module<T> Module)>();
        stack.Push(("", this));
        while (stack.Count > 0)
        {
            var (prefix, m) = stack.Pop();
            foreach (var (name, p) in m.parameters) result.Add((prefix + name, p, false));
            foreach (var (name, b) in m.buffers) result.Add((prefix + name, b, true));
            for (int i = m.children.Count - 1; i >= 0; i--)
                stack.Push((prefix + m.children[i].Name + ".", m.children[i].Child));
        }
        return result;
    }

    /// <summary>Sets training mode on this module and every descendant.</summary>
    public Module<T> Train(bool mode = true)
    {
        foreach (var m in SelfAndDescendants()) m.Training = mode;
        return this;
    }

    /// <summary>Sets evaluation mode (<c>Train(false)</c>).</summary>
    public Module<T> Eval() => Train(false);

    /// <summary>
    /// Clears every parameter's gradient (PyTorch's <c>Module.zero_grad</c>): drops it (the default, as PyTorch 2's
    /// <c>set_to_none=True</c>) or, with <paramref name="setToNone"/> false, fills it with zeros; see
    /// <see cref="Tensor{T}.ZeroGrad"/>.
    /// </summary>
    /// <param name="setToNone">Drop the gradients (true) or zero them in place (false).</param>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var (_, p) in NamedParameters()) p.ZeroGrad(setToNone);
    }

    /// <summary>
    /// Copies of every parameter and buffer, keyed by dotted name (PyTorch's <c>state_dict</c>), enumerated in
    /// PyTorch's order: per module its parameters, then its buffers, then its children's entries.
    /// </summary>
    public Dictionary<string, Tensor<T>> StateDict() =>
        NamedState().ToDictionary(p => p.Name, p => p.Value.Clone());

    /// <summary>
    /// Copies the values of <paramref name="state"/> into the parameters and buffers of the same names. All or
    /// nothing: every name and shape is checked before any parameter or buffer changes.
    /// </summary>
    /// <param name="state">Tensors keyed by dotted parameter or buffer name.</param>
    /// <param name="strict">When true (the default) the names must match exactly: none missing, none unexpected.</param>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor<T>> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var named = NamedState();
        var problems = new List<string>();
        foreach (var (name, p, isBuffer) in named)
        {
            if (!state.TryGetValue(name, out var value))
            {
                if (strict) problems.Add($"missing '{name}' {p.Shape}");
            }
            else if (value is null)
            {
                problems.Add($"'{name}' is null");
            }
            else if (value.Shape != p.Shape)
            {
                problems.Add($"'{name}' has shape {value.Shape} but the {(isBuffer ? "buffer" : "parameter")} is {p.Shape}");
            }
        }
        if (strict)
        {
            var known = named.Select(n => n.Name).ToHashSet();
            problems.AddRange(state.Keys.Where(k => !known.Contains(k)).Order().Select(k => $"unexpected '{k}'"));
        }
        if (problems.Count > 0)
            throw new ArgumentException($"LoadStateDict: {string.Join("; ", problems)}. No parameter or buffer was changed.", nameof(state));
        foreach (var (name, p, _) in named)
            if (state.TryGetValue(name, out var value)) value.ReadOnlySpan.CopyTo(p.Span);
    }

    /// <summary>The arguments shown between the parentheses of this module's printout, such as <c>inFeatures: 10</c>.</summary>
    protected virtual string ExtraRepresentation() => "";

    /// <summary>The module's type name as printed (the class name without its generic arity).</summary>
    protected virtual string TypeName
    {
        get
        {
            string n = GetType().Name;
            int tick = n.IndexOf('`');
            return tick < 0 ? n : n[..tick];
        }
    }

    /// <summary>Prints like PyTorch: <c>Linear(inFeatures: 10, outFeatures: 5, bias: True)</c>, children indented one per line.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(TypeName).Append('(');
        string extra = ExtraRepresentation();
        if (children.Count == 0) return sb.Append(extra).Append(')').ToString();
        if (extra.Length > 0) sb.Append("\n  ").Append(extra);
        foreach (var (name, child) in children)
        {
            string childText = child.ToString().Replace("\n", "\n  ");
            sb.Append("\n  (").Append(name).Append("): ").Append(childText);
        }
        return sb.Append("\n)").ToString();
    }

    private IEnumerable<Module<T>> SelfAndDescendants()
    {
        var stack = new Stack<Module<T>>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var m = stack.Pop();
            yield return m;
            for (int i = m.children.Count - 1; i >= 0; i--) stack.Push(m.children[i].Child);
        }
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"Register: '{name}' is not a valid name (non-empty, no dots).", nameof(name));
        if (parameters.Any(p => p.Name == name) || buffers.Any(b => b.Name == name) || children.Any(c => c.Name == name))
            throw new ArgumentException($"Register: '{name}' is already registered on {TypeName}.", nameof(name));
    }
}
