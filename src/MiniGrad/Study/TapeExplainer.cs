using System.Numerics;

namespace MiniGrad.Study;

/// <summary>
/// Lists the tape behind a tensor, forward and backward: which ops ran on which inputs with what values, and, in
/// reverse, the gradient arriving at each op, its local derivative and the gradient it passes to each input.
/// </summary>
/// <example>
/// <code>
/// var a = Tensor.Scalar(2.0).RequireGrad(); a.Name = "a";
/// ...
/// var L = d * f; L.Name = "L";
/// Console.WriteLine(TapeExplainer.Explain(L));   // runs L.Backward() and lists every step
/// </code>
/// </example>
public static class TapeExplainer
{
    /// <summary>
    /// Runs the backward pass from <paramref name="root"/> (exactly as <c>root.Backward(gradient, retainGraph)</c>
    /// would: hooks run, leaves' <c>Grad</c> accumulates, retained gradients are kept) while recording every step,
    /// and returns the forward and backward listings.
    /// </summary>
    /// <param name="root">The tensor to differentiate, usually a loss; give it a <c>Name</c> to see it in the listing.</param>
    /// <param name="gradient">The upstream gradient; may be omitted for a one-element root.</param>
    /// <param name="retainGraph">Keep the tape entries so that another backward (or another explanation) can run.</param>
    /// <exception cref="InvalidOperationException">The root does not require grad, or its tape entries were already released by a backward pass.</exception>
    public static TapeExplanation Explain<T>(Tensor<T> root, Tensor<T>? gradient = null, bool retainGraph = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(root);
        if (root.GradFn is { IsReleased: true } released)
            throw new InvalidOperationException(
                $"Explain: the tape entries behind this tensor ({released.Name} #{released.Sequence}) were released by an earlier Backward(). " +
                "Explain runs the backward pass itself: call it instead of Backward(), or call Backward(retainGraph: true) first.");
        if (!root.RequiresGrad)
            throw new InvalidOperationException(
                $"Explain: the tensor (shape {root.Shape}) does not require grad, so there is no backward pass to show. " +
                "GradExplainer.WhyNoGrad says why.");

        var walk = new GraphWalk(root);
        var forward = new List<ForwardStep>(walk.Entries.Count);
        foreach (var e in walk.Entries)
        {
            forward.Add(new ForwardStep(walk.StepOf(e), e.ToString() ?? e.Name,
                e.InputTensors.Select(walk.LabelWithShape).ToArray(), walk.Label(e.OutputTensor),
                e.OutputTensor.Shape, ValueFormat.Snapshot(e.OutputTensor)));
        }

        var recorder = new ExplainRecorder<T>();
        var previous = BackwardEngine.Observer;
        BackwardEngine.Observer = recorder;
        try
        {
            root.Backward(gradient, retainGraph);
        }
        finally
        {
            BackwardEngine.Observer = previous;
        }

        var backward = new List<BackwardStep>(walk.Entries.Count);
        for (int i = walk.Entries.Count - 1; i >= 0; i--)
        {
            var e = walk.Entries[i];
            if (!recorder.Steps.TryGetValue(e, out var rec)) continue; // no gradient reached it
            var output = (Tensor<T>)e.OutputTensor;
            recorder.Gradients.TryGetValue(output, out var received);
            var edges = new BackwardEdge[e.InputTensors.Count];
            for (int j = 0; j < edges.Length; j++)
                edges[j] = new BackwardEdge(walk.LabelWithShape(e.InputTensors[j]), rec.Local[j], rec.InputGrads[j]);
            backward.Add(new BackwardStep(walk.StepOf(e), e.ToString() ?? e.Name, walk.Label(output), rec.Upstream,
                received is { Replaced: true } ? received.Incoming : null, output.Hooks?.Count ?? 0, output.RetainsGrad, edges));
        }

        var leaves = new List<LeafGradient>();
        foreach (var leafTensor in walk.Leaves)
        {
            var leaf = (Tensor<T>)leafTensor;
            recorder.Gradients.TryGetValue(leaf, out var received);
            leaves.Add(new LeafGradient(walk.Label(leaf), leaf.Shape, leaf.RequiresGrad, received?.AfterHooks,
                received is { Replaced: true } ? received.Incoming : null, leaf.Hooks?.Count ?? 0, ValueFormat.GradSnapshot(leaf)));
        }

        return new TapeExplanation(walk.Label(root), forward, backward, leaves);
    }

    /// <summary>
    /// <see cref="Explain{T}(Tensor{T}, Tensor{T}?, bool)"/> for a root recorded on <paramref name="tape"/>:
    /// <c>using var tape = Tape.Begin(); ...; Console.WriteLine(tape.Explain(loss));</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The root was recorded on another tape.</exception>
    public static TapeExplanation Explain<T>(this Tape tape, Tensor<T> root, Tensor<T>? gradient = null, bool retainGraph = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(root);
        if (root.GradFn is { } fn && !ReferenceEquals(fn.Tape, tape))
            throw new ArgumentException($"Explain: the root was made by {fn.Name} on another tape than the one given.", nameof(root));
        return Explain(root, gradient, retainGraph);
    }
}
