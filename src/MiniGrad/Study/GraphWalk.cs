namespace MiniGrad.Study;

/// <summary>
/// The part of a tape a tensor depends on: its ops in execution order, numbered from 1, and a short label for every
/// tensor involved. Built iteratively (an explicit stack), so deep graphs need no call stack, and the order is fixed
/// (tape order), so listings and DOT files come out the same on every run.
/// </summary>
internal sealed class GraphWalk
{
    private readonly Dictionary<ITensor, string> labels = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ITapeEntry, int> steps = new(ReferenceEqualityComparer.Instance);

    public GraphWalk(ITensor root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root;
        var seen = new HashSet<ITapeEntry>(ReferenceEqualityComparer.Instance);
        var entries = new List<ITapeEntry>();
        var stack = new Stack<ITapeEntry>();
        if (root.GradFn is { } rootFn && seen.Add(rootFn)) stack.Push(rootFn);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            entries.Add(e);
            foreach (var input in e.InputTensors)
                if (input.GradFn is { } fn && seen.Add(fn)) stack.Push(fn);
        }
        entries.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        Entries = entries;
        for (int i = 0; i < entries.Count; i++) steps[entries[i]] = i + 1;

        // Tensors in first-use order: each op's inputs, then its output; the root last if it is a lone leaf.
        var tensors = new List<ITensor>();
        var leaves = new List<ITensor>();
        int leafCount = 0;
        foreach (var e in entries)
        {
            foreach (var input in e.InputTensors) AddTensor(input);
            AddTensor(e.OutputTensor);
        }
        AddTensor(root);
        Tensors = tensors;
        Leaves = leaves;

        void AddTensor(ITensor t)
        {
            if (labels.ContainsKey(t)) return;
            tensors.Add(t);
            if (t.GradFn is null)
            {
                leaves.Add(t);
                leafCount++;
            }
            labels[t] = MakeLabel(t, leafCount);
        }
    }

    /// <summary>The tensor the walk started from.</summary>
    public ITensor Root { get; }

    /// <summary>The ops the root depends on, in execution order.</summary>
    public IReadOnlyList<ITapeEntry> Entries { get; }

    /// <summary>Every tensor involved, in first-use order.</summary>
    public IReadOnlyList<ITensor> Tensors { get; }

    /// <summary>The tensors not made by a recorded op (inputs, parameters, constants), in first-use order.</summary>
    public IReadOnlyList<ITensor> Leaves { get; }

    /// <summary>True when <paramref name="t"/> is the root or one of the tensors it was computed from.</summary>
    public bool Contains(ITensor t) => labels.ContainsKey(t);

    /// <summary>The 1-based step of an op in <see cref="Entries"/>.</summary>
    public int StepOf(ITapeEntry e) => steps[e];

    /// <summary>
    /// The tensor's name when it has one; otherwise <c>#3</c> for the output of step 3, the value of a one-element
    /// constant, or <c>leaf2</c> / <c>const2</c> for the second unnamed leaf.
    /// </summary>
    public string Label(ITensor t) => labels.TryGetValue(t, out var l) ? l : t.Name ?? "(outside the graph)";

    /// <summary>The label followed by the shape when the tensor is not a scalar: <c>x [4, 3]</c>.</summary>
    public string LabelWithShape(ITensor t) => t.Shape.Rank == 0 ? Label(t) : $"{Label(t)} {t.Shape}";

    private string MakeLabel(ITensor t, int leafNumber)
    {
        if (!string.IsNullOrEmpty(t.Name)) return t.Name;
        if (t.GradFn is { } fn) return steps.TryGetValue(fn, out int s) ? $"#{s}" : $"#{fn.Name}";
        if (!t.RequiresGrad && t.Shape.Length == 1) return ValueFormat.Number(t.GetDouble(0));
        return (t.RequiresGrad ? "leaf" : "const") + leafNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
