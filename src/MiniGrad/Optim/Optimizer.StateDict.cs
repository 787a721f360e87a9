using System.Globalization;

namespace MiniGrad.Optim;

public abstract partial class Optimizer<T>
{
    /// <summary>
    /// The optimizer's state (every parameter's state, every group's learning rate and weight decay, the shared
    /// hyperparameters and <see cref="StepCount"/>), as copies; see <see cref="OptimizerStateDict{T}"/> for the names.
    /// PyTorch's <c>optimizer.state_dict()</c>.
    /// </summary>
    public OptimizerStateDict<T> StateDict()
    {
        var tensors = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        var scalars = new Dictionary<string, double>(StringComparer.Ordinal) { ["step_count"] = StepCount };
        for (int g = 0; g < groups.Length; g++)
        {
            scalars[$"param_groups.{g}.lr"] = groups[g].LearningRate;
            scalars[$"param_groups.{g}.weight_decay"] = groups[g].WeightDecay;
            scalars[$"param_groups.{g}.params"] = groups[g].Parameters.Count;
        }
        foreach (var (name, value) in SharedHyperparameters()) scalars["defaults." + name] = value;
        for (int i = 0; i < parameters.Length; i++)
        {
            var t = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
            var s = new Dictionary<string, double>(StringComparer.Ordinal);
            SaveState(i, t, s);
            foreach (var (name, tensor) in t) tensors[$"state.{i}.{name}"] = tensor.Clone();
            foreach (var (name, value) in s) scalars[$"state.{i}.{name}"] = value;
        }
        return new OptimizerStateDict<T>(TypeName, tensors, scalars);
    }

    /// <summary>
    /// Restores a state saved by <see cref="StateDict"/> (PyTorch's <c>load_state_dict</c>), into an optimizer of the same
    /// class with the same shared hyperparameters over parameters of the same groups and shapes. Everything is checked
    /// first: on any error nothing changes. The group learning rates and weight decays are taken from the state; the
    /// tensors are copied.
    /// </summary>
    /// <param name="stateDict">A state from <see cref="StateDict"/> (possibly read back from a file).</param>
    /// <exception cref="ArgumentException">
    /// Another optimizer class, other hyperparameters, another number of groups or parameters per group, an unknown
    /// or missing name, a tensor of the wrong shape or a bad number; the message says which.
    /// </exception>
    public void LoadStateDict(OptimizerStateDict<T> stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        ArgumentNullException.ThrowIfNull(stateDict.Tensors, nameof(stateDict));
        ArgumentNullException.ThrowIfNull(stateDict.Scalars, nameof(stateDict));
        if (stateDict.Optimizer != TypeName)
            throw LoadError($"the state was saved by {stateDict.Optimizer}, not {TypeName}");

        // Sort every name into its place; an unknown name is an error, not something to skip.
        var stateTensors = Enumerable.Range(0, parameters.Length).Select(_ => new Dictionary<string, Tensor<T>>(StringComparer.Ordinal)).ToArray();
        var stateScalars = Enumerable.Range(0, parameters.Length).Select(_ => new Dictionary<string, double>(StringComparer.Ordinal)).ToArray();
        foreach (var (key, tensor) in stateDict.Tensors)
        {
            if (ParseStateKey(key) is not (int i, string name))
                throw LoadError($"unknown tensor '{key}' (state tensors are named state.{{parameter index}}.{{name}}, the index below {parameters.Length})");
            if (tensor is null) throw LoadError($"tensor '{key}' is null");
            if (tensor.Shape != parameters[i].Shape)
                throw LoadError($"tensor '{key}' has shape {tensor.Shape}, but parameter {i} {Describe(i)} has shape {parameters[i].Shape}");
            stateTensors[i][name] = tensor;
        }

        var shared = SharedHyperparameters().ToDictionary(h => h.Name, h => h.Value, StringComparer.Ordinal);
        var groupValues = new Dictionary<string, double>(StringComparer.Ordinal);
        double? stepCount = null;
        foreach (var (key, value) in stateDict.Scalars)
        {
            if (key == "step_count") stepCount = value;
            else if (key.StartsWith("defaults.", StringComparison.Ordinal))
            {
                string name = key["defaults.".Length..];
                if (!shared.TryGetValue(name, out double mine))
                    throw LoadError($"unknown hyperparameter '{key}' ({TypeName} has {Names(shared.Keys.Select(k => "defaults." + k))})");
                if (!mine.Equals(value))
                    throw LoadError($"the state was saved with {key} = {Format(value)}, this optimizer has {Format(mine)}");
            }
            else if (key.StartsWith("param_groups.", StringComparison.Ordinal)) groupValues[key] = value;
            else if (ParseStateKey(key) is (int i, string name)) stateScalars[i][name] = value;
            else throw LoadError($"unknown number '{key}'");
        }
        foreach (string name in shared.Keys)
            if (!stateDict.Scalars.ContainsKey("defaults." + name)) throw LoadError($"the number 'defaults.{name}' is missing");
        if (stepCount is not { } steps || !IsCount(steps))
            throw LoadError($"'step_count' is {(stepCount is null ? "missing" : Format(stepCount.Value))}; it must be a whole number >= 0");

        int groupKeys = 0;
        for (int g = 0; g < groups.Length; g++)
        {
            foreach (string field in new[] { "lr", "weight_decay", "params" })
            {
                if (!groupValues.ContainsKey($"param_groups.{g}.{field}"))
                    throw LoadError($"the number 'param_groups.{g}.{field}' is missing (this optimizer has {groups.Length} parameter group(s))");
                groupKeys++;
            }
            double count = groupValues[$"param_groups.{g}.params"];
            if (count != groups[g].Parameters.Count)
                throw LoadError($"parameter group {g} had {Format(count)} parameters, this optimizer's has {groups[g].Parameters.Count}");
            foreach (string field in new[] { "lr", "weight_decay" })
            {
                double v = groupValues[$"param_groups.{g}.{field}"];
                if (!(v >= 0) || double.IsInfinity(v))
                    throw LoadError($"'param_groups.{g}.{field}' is {Format(v)}; it must be finite and >= 0");
            }
        }
        if (groupKeys != groupValues.Count)
        {
            string extra = groupValues.Keys.Order(StringComparer.Ordinal).First(k =>
                !(ParseGroupKey(k) is (int g, string f) && g < groups.Length && f is "lr" or "weight_decay" or "params"));
            throw LoadError($"unknown number '{extra}' (this optimizer has {groups.Length} parameter group(s) with lr, weight_decay and params)");
        }

        for (int i = 0; i < parameters.Length; i++)
        {
            string? problem = CheckState(i, stateTensors[i], stateScalars[i]);
            if (problem is not null) throw LoadError($"parameter {i} {Describe(i)}: {problem}");
        }

        // Everything checked: now change.
        StepCount = (int)steps;
        for (int g = 0; g < groups.Length; g++)
        {
            groups[g].LearningRate = groupValues[$"param_groups.{g}.lr"];
            groups[g].WeightDecay = groupValues[$"param_groups.{g}.weight_decay"];
        }
        for (int i = 0; i < parameters.Length; i++) LoadState(i, stateTensors[i], stateScalars[i]);
        StateLoaded();
    }

    /// <summary>
    /// The hyperparameters every group shares, by PyTorch's names (<c>betas.0</c>, <c>eps</c>, <c>momentum</c>, a flag
    /// as 0 or 1), saved as <c>defaults.{name}</c> and compared on loading. None by default.
    /// </summary>
    protected virtual IEnumerable<(string Name, double Value)> SharedHyperparameters() => [];

    /// <summary>Adds parameter <paramref name="index"/>'s state (tensors and numbers, PyTorch's names) to the dictionaries; nothing by default.</summary>
    /// <param name="index">The parameter's index in <see cref="Parameters"/>.</param>
    /// <param name="tensors">Where to add the state tensors (they are copied by the caller).</param>
    /// <param name="scalars">Where to add the state numbers (the step count).</param>
    protected virtual void SaveState(int index, IDictionary<string, Tensor<T>> tensors, IDictionary<string, double> scalars)
    {
    }

    /// <summary>
    /// Checks a saved state of parameter <paramref name="index"/> before anything is loaded: returns what is wrong, or null.
    /// The tensors already have the parameter's shape. By default only an empty state passes.
    /// </summary>
    /// <param name="index">The parameter's index in <see cref="Parameters"/>.</param>
    /// <param name="tensors">Its saved state tensors, by name.</param>
    /// <param name="scalars">Its saved state numbers, by name.</param>
    protected virtual string? CheckState(int index, IReadOnlyDictionary<string, Tensor<T>> tensors, IReadOnlyDictionary<string, double> scalars) =>
        CheckNames(tensors, scalars, [], [], []);

    /// <summary>Takes over a checked saved state of parameter <paramref name="index"/> (copying the tensors); nothing by default.</summary>
    /// <param name="index">The parameter's index in <see cref="Parameters"/>.</param>
    /// <param name="tensors">Its saved state tensors, by name (checked by <see cref="CheckState"/>).</param>
    /// <param name="scalars">Its saved state numbers, by name.</param>
    protected virtual void LoadState(int index, IReadOnlyDictionary<string, Tensor<T>> tensors, IReadOnlyDictionary<string, double> scalars)
    {
    }

    /// <summary>Called after a state was loaded, to drop caches derived from the old state; nothing by default.</summary>
    protected virtual void StateLoaded()
    {
    }

    /// <summary>
    /// For <see cref="CheckState"/>: the state must have exactly the <paramref name="requiredTensors"/> (plus any of
    /// <paramref name="optionalTensors"/>) and the <paramref name="requiredScalars"/>, each scalar a whole number
    /// &gt;= 0 (a step count). Returns what is wrong, or null.
    /// </summary>
    /// <param name="tensors">The saved state tensors.</param>
    /// <param name="scalars">The saved state numbers.</param>
    /// <param name="requiredTensors">The tensor names that must be there.</param>
    /// <param name="optionalTensors">The tensor names that may be there.</param>
    /// <param name="requiredScalars">The number names that must be there (step counts).</param>
    protected static string? CheckNames(IReadOnlyDictionary<string, Tensor<T>> tensors, IReadOnlyDictionary<string, double> scalars,
        IReadOnlyCollection<string> requiredTensors, IReadOnlyCollection<string> optionalTensors, IReadOnlyCollection<string> requiredScalars)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(scalars);
        foreach (string name in requiredTensors)
            if (!tensors.ContainsKey(name)) return $"the state tensor '{name}' is missing";
        foreach (string name in tensors.Keys)
            if (!requiredTensors.Contains(name) && !optionalTensors.Contains(name))
                return $"unknown state tensor '{name}' (expected {Names(requiredTensors.Concat(optionalTensors))})";
        foreach (string name in requiredScalars)
            if (!scalars.TryGetValue(name, out double v)) return $"the state number '{name}' is missing";
            else if (!IsCount(v)) return $"the state number '{name}' is {Format(v)}; it must be a whole number >= 0";
        foreach (string name in scalars.Keys)
            if (!requiredScalars.Contains(name)) return $"unknown state number '{name}' (expected {Names(requiredScalars)})";
        return null;
    }

    private static bool IsCount(double v) => v >= 0 && v <= int.MaxValue && Math.Floor(v) == v;

    private static string Names(IEnumerable<string> names)
    {
        var list = names.Select(n => $"'{n}'").ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    private (int Index, string Name)? ParseStateKey(string key)
    {
        if (!key.StartsWith("state.", StringComparison.Ordinal)) return null;
        int dot = key.IndexOf('.', "state.".Length);
        if (dot < 0 || dot == key.Length - 1) return null;
        string digits = key["state.".Length..dot];
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)) return null;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int i) || i >= parameters.Length) return null;
        return (i, key[(dot + 1)..]);
    }

    private static (int Group, string Field)? ParseGroupKey(string key)
    {
        var parts = key.Split('.');
        if (parts.Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int g)) return null;
        return (g, parts[2]);
    }

    private ArgumentException LoadError(string problem) =>
        new($"{TypeName}.LoadStateDict: {problem}; nothing was changed.", "stateDict");

    /// <summary>Copies <paramref name="source"/>'s values into <paramref name="target"/> (same shape), a write that bumps its version.</summary>
    /// <param name="source">The saved tensor.</param>
    /// <param name="target">The state tensor to overwrite.</param>
    protected static void CopyInto(Tensor<T> source, Tensor<T> target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        source.ReadOnlySpan.CopyTo(target.Span);
    }
}
