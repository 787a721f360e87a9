using System.Numerics;
using System.Numerics.Tensors;

namespace MiniGrad;

/// <summary>
/// Walks a tape in reverse from one output and hands each entry the gradient of its output, iteratively (a chain of
/// any length uses no stack) and in a fixed order (reverse execution order), so that gradient sums are reproducible.
/// </summary>
internal static class BackwardEngine
{
    /// <summary>
    /// This thread's observer of backward passes (the study tools set it for one pass); null, the normal case, costs
    /// one null check per step.
    /// </summary>
    [ThreadStatic] internal static IBackwardObserver? Observer;

    /// <summary>
    /// Runs a backward pass from <paramref name="root"/>. With <paramref name="capture"/> null, gradients accumulate
    /// into leaves' <see cref="Tensor{T}.Grad"/>; otherwise they are returned for those tensors only and no
    /// <c>Grad</c> is touched (PyTorch's <c>torch.autograd.grad</c>).
    /// </summary>
    public static Tensor<T>?[]? Run<T>(Tensor<T> root, Tensor<T>? gradient, bool retainGraph, bool createGraph,
        IReadOnlyList<Tensor<T>>? capture)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!root.RequiresGrad)
            throw new InvalidOperationException(
                $"Backward: the tensor (shape {root.Shape}) does not require grad and has no GradFn: no input of the computation " +
                "had RequiresGrad = true, or it was computed inside Tape.NoGrad() or from Detach().");
        if (gradient is null && root.Length != 1)
            throw new InvalidOperationException(
                $"Backward: a gradient can be created implicitly only for a one-element output, but this output has shape {root.Shape}. " +
                "Pass gradient: a tensor of that shape (the gradient of the final loss with respect to this output).");
        if (gradient is not null && gradient.Shape != root.Shape)
            throw new ArgumentException($"Backward: gradient of shape {gradient.Shape} given for an output of shape {root.Shape}; they must match.", nameof(gradient));

        // The start of an outermost pass is a safe point for returning parked buffers (see ParkedBuffers).
        ParkedBuffers.EnterBackward();
        try
        {
            return RunAtSafePoint(root, gradient, retainGraph, createGraph, capture);
        }
        finally
        {
            ParkedBuffers.ExitBackward();
        }
    }

    private static Tensor<T>?[]? RunAtSafePoint<T>(Tensor<T> root, Tensor<T>? gradient, bool retainGraph, bool createGraph,
        IReadOnlyList<Tensor<T>>? capture)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var observer = Observer;
        var captured = capture is null ? null : new Tensor<T>?[capture.Count];
        // Gradients in flight are the engine's own temporaries: collect the tensors made during the pass and give
        // their buffers back at the end, unless they can reach the user (createGraph records them, an observer or a
        // hook sees them). What Autograd.Grad returns is kept; the rest of its pass goes back like any other.
        bool collecting = !createGraph && observer is null && TemporaryTensors.Begin();
        try
        {
            return RunCollecting(root, gradient, retainGraph, createGraph, capture, captured, observer, ref collecting);
        }
        finally
        {
            if (collecting)
            {
                if (captured is not null) TemporaryTensors.Keep(captured);
                TemporaryTensors.End(dispose: true);
            }
        }
    }

    private static Tensor<T>?[]? RunCollecting<T>(Tensor<T> root, Tensor<T>? gradient, bool retainGraph, bool createGraph,
        IReadOnlyList<Tensor<T>>? capture, Tensor<T>?[]? captured, IBackwardObserver? observer, ref bool collecting)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Tensor<T> seed = gradient ?? Tensor<T>.Ones(root.Shape);

        if (root.GradFn is not { } rootFn)
        {
            Deliver(root, seed, createGraph, capture, captured, tape: null, observer, ref collecting);
            return captured;
        }
        if (rootFn.IsReleased) throw Released(rootFn);
        var tape = rootFn.Tape!;
        if (!tape.IsOwnedByCurrentThread)
            throw new InvalidOperationException(
                $"Backward: {rootFn.Name} was recorded on another thread's tape; each thread records on its own tape, so " +
                "build a graph and run its backward pass on one thread (do not await between them).");
        int start = tape.IndexOf(rootFn.Sequence);
        if (start < 0) throw Released(rootFn);

        var visited = RentVisited<T>();
        bool[] needsBuffer = NeedsBuffer;
        rootFn.PendingGrad = seed;
        int pending = 1; // entries holding a gradient not yet passed on: at 0 the rest of the tape is not this graph's
        var scope = createGraph ? default : Tape.NoGrad();
        // Anomaly mode checks every gradient an op returns, so it takes none of the in-place shortcuts below.
        bool anomaly = AnomalyMode.Depth > 0;
        // Ops may add leaf gradients straight into Grad only where nobody could tell the difference (GradientSinks).
        bool offerSinks = capture is null && !createGraph && observer is null && !anomaly;
        bool completed = false;
        try
        {
            for (int i = start; i >= 0 && pending > 0; i--)
            {
                if (tape.EntryAt(i) is not Function<T> fn || fn.PendingGrad is not { } g) continue;
                fn.PendingGrad = null;
                pending--;
                visited.Add(fn);
                var output = fn.Output;
                g = RunHooks(output, g, observer, ref collecting);
                // Autograd.Grad (capture) returns gradients and touches no Grad, retained ones included.
                if (output.RetainsGrad && capture is null) AccumulateGrad(output, g, createGraph);
                Capture(output, g, createGraph, capture, captured);

                var inputs = fn.InputArray;
                if (needsBuffer.Length < inputs.Length) NeedsBuffer = needsBuffer = new bool[inputs.Length];
                Span<bool> needs = needsBuffer.AsSpan(0, inputs.Length);
                for (int j = 0; j < inputs.Length; j++) needs[j] = inputs[j].RequiresGrad;
                fn.CheckSavedVersions();
                var grads = fn.Backward(g, needs, new GradientSinks<T>(inputs, g, offerSinks));
                if (grads.Length != inputs.Length)
                    throw new InvalidOperationException($"{fn.Name}: backward returned {grads.Length} gradients for {inputs.Length} inputs.");
                for (int j = 0; j < inputs.Length; j++)
                {
                    if (!needs[j] || grads[j] is not { } gj) continue;
                    if (gj.Shape != inputs[j].Shape)
                        throw new InvalidOperationException(
                            $"{fn.Name}: backward returned a gradient of shape {gj.Shape} for input {j} of shape {inputs[j].Shape}; " +
                            "a gradient must have its input's shape.");
                    if (anomaly) AnomalyMode.Check(fn, j, gj);
                }
                observer?.OnStep(fn, g, grads);
                for (int j = 0; j < inputs.Length; j++)
                    if (needs[j] && grads[j] is { } gj
                        && Deliver(inputs[j], gj, createGraph, capture, captured, tape, observer, ref collecting))
                        pending++;
            }
            completed = true;
        }
        finally
        {
            scope.Dispose();
            // A pass that threw (a hook, a disposed input) leaves gradients parked on entries it had not reached;
            // a later pass over the same tape would pick them up as its own. Drop them.
            if (!completed)
            {
                for (int i = Math.Min(start, tape.Count - 1); i >= 0; i--)
                    if (tape.EntryAt(i) is Function<T> fn) fn.PendingGrad = null;
                // Whatever the pass made is garbage now, but only the GC can be sure nobody kept a piece of it.
                if (collecting) TemporaryTensors.End(dispose: false);
                collecting = false;
            }
        }

        if (!retainGraph)
        {
            for (int v = 0; v < visited.Count; v++)
            {
                var fn = visited[v];
                // The graph's intermediates go back to the pool at once on request (Tape.RecycleBuffers; the tensor
                // Backward was called on stays, since the caller holds it to print the loss, say); otherwise they
                // go back once nobody holds them any more (ParkedBuffers).
                if (tape.RecycleBuffers) fn.DisposeOwnedTensors(keep: root);
                else fn.ParkOwnedTensors();
                fn.Release();
            }
            tape.RemoveReleased();
        }
        ReturnVisited(visited);
        return captured;
    }

    [ThreadStatic] private static bool[]? needsBufferCache;

    private static bool[] NeedsBuffer
    {
        get => needsBufferCache ??= new bool[4];
        set => needsBufferCache = value;
    }

    /// <summary>
    /// One reusable list of visited entries per thread (a backward pass allocates none). Held as object in this
    /// non-generic class: a thread-static field of a generic type costs a runtime helper call per access.
    /// </summary>
    [ThreadStatic] private static object? visitedCache;

    private static ReferenceList<Function<T>> RentVisited<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var list = visitedCache as ReferenceList<Function<T>> ?? new();
        if (ReferenceEquals(visitedCache, list)) visitedCache = null; // a nested pass (from a hook) gets its own list
        return list;
    }

    private static void ReturnVisited<T>(ReferenceList<Function<T>> list)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        list.Clear();
        visitedCache = list;
    }

    /// <summary>Hands <paramref name="g"/> to an input: to its entry's pending gradient, or to a leaf. True when the entry had none yet.</summary>
    private static bool Deliver<T>(Tensor<T> input, Tensor<T> g, bool createGraph, IReadOnlyList<Tensor<T>>? capture,
        Tensor<T>?[]? captured, Tape? tape, IBackwardObserver? observer, ref bool collecting)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (input.GradFn is { } fn)
        {
            if (fn.IsReleased) throw Released(fn);
            if (tape is not null && !ReferenceEquals(fn.Tape, tape))
                throw new InvalidOperationException(
                    $"Backward: {fn.Name} was recorded on another thread's tape; a graph must be built and differentiated on one thread.");
            if (fn.PendingGrad is null)
            {
                fn.PendingGrad = g;
                return true;
            }
            fn.PendingGrad = Sum(fn.PendingGrad, g, createGraph);
            return false;
        }
        g = RunHooks(input, g, observer, ref collecting);
        if (capture is null) AccumulateGrad(input, g, createGraph);
        else Capture(input, g, createGraph, capture, captured);
        return false;
    }

    private static void Capture<T>(Tensor<T> t, Tensor<T> g, bool createGraph, IReadOnlyList<Tensor<T>>? capture, Tensor<T>?[]? captured)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (capture is null) return;
        for (int k = 0; k < capture.Count; k++)
            if (ReferenceEquals(capture[k], t))
                captured![k] = captured[k] is null ? Own(g, createGraph) : Sum(captured[k]!, g, createGraph);
    }

    /// <summary>
    /// A gradient <c>Autograd.Grad</c> returns: the incoming one may be shared (add hands one tensor to both inputs,
    /// the seed may be the caller's), so the caller gets its own copy. A recorded gradient (createGraph) is kept as
    /// is: copying would cut its graph. (A leaf's <c>Grad</c> gets its buffer from <see cref="TakeGradBuffer"/>.)
    /// </summary>
    private static Tensor<T> Own<T>(Tensor<T> g, bool createGraph)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        createGraph && g.GradFn is not null ? g : g.Clone();

    /// <summary>Adds <paramref name="g"/> into <paramref name="t"/>.Grad, as PyTorch's AccumulateGrad does.</summary>
    private static void AccumulateGrad<T>(Tensor<T> t, Tensor<T> g, bool createGraph)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // What is stored in Grad outlives the pass: it must not be collected as a temporary.
        var was = TemporaryTensors.Pause();
        try
        {
            AccumulateGradCore(t, g, createGraph);
        }
        finally
        {
            TemporaryTensors.Resume(was);
        }
    }

    private static void AccumulateGradCore<T>(Tensor<T> t, Tensor<T> g, bool createGraph)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var grad = t.GradForEngine;
        if (grad is null)
        {
            if (createGraph && g.GradFn is not null)
            {
                // A recorded gradient is kept as is: it is never added into in place, and a copy would cut its graph.
                t.GradForEngine = g;
                return;
            }
            // The incoming gradient may be shared (add hands one tensor to both inputs, the seed may be the caller's),
            // and a stored Grad is later added into in place, so Grad gets a buffer of its own.
            var buffer = TakeGradBuffer(t);
            g.ReadOnlySpan.CopyTo(buffer.Span);
            t.GradForEngine = buffer;
        }
        else if (createGraph || grad.GradFn is not null)
        {
            t.GradForEngine = Sum(grad, g, createGraph);
        }
        else
        {
            TensorPrimitives.Add(grad.ReadOnlySpan, g.ReadOnlySpan, grad.Span);
        }
    }

    /// <summary>
    /// A buffer for <paramref name="t"/>'s new <c>Grad</c>: the one the last <c>ZeroGrad</c> left unseen, or a new one
    /// that outlives the pass (not collected as a temporary). Marked as the engine's: ZeroGrad may reuse it, or give it back.
    /// </summary>
    internal static Tensor<T> TakeGradBuffer<T>(Tensor<T> t)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (t.TakeSpareGrad() is { } spare) return spare;
        var was = TemporaryTensors.Pause();
        try
        {
            var buffer = Tensor<T>.Allocate(t.Shape, clear: false);
            buffer.IsEngineGradient = true;
            return buffer;
        }
        finally
        {
            TemporaryTensors.Resume(was);
        }
    }

    private static Tensor<T> Sum<T>(Tensor<T> a, Tensor<T> b, bool createGraph)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        createGraph ? AccumulateFunction<T>.Apply(a, b) : AccumulateFunction<T>.Compute(a, b);

    private static Tensor<T> RunHooks<T>(Tensor<T> t, Tensor<T> g, IBackwardObserver? observer, ref bool collecting)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (t.Hooks is null)
        {
            observer?.OnGradient(t, g, g);
            return g;
        }
        if (collecting)
        {
            // A hook may keep the gradient it is shown: from here on nothing made in this pass is given back.
            TemporaryTensors.End(dispose: false);
            collecting = false;
        }
        var incoming = g;
        foreach (var hook in t.Hooks)
        {
            var replaced = hook(g);
            if (replaced is null) continue;
            if (replaced.Shape != g.Shape)
                throw new InvalidOperationException($"Backward: a hook returned a gradient of shape {replaced.Shape} for a tensor of shape {g.Shape}.");
            g = replaced;
        }
        observer?.OnGradient(t, incoming, g);
        return g;
    }

    private static InvalidOperationException Released(ITapeEntry fn) =>
        new($"Backward: the tape entries of this graph were already released by an earlier Backward() (entry {fn.Name} #{fn.Sequence}), " +
            "or by Tape.Clear() / disposing the tape they were recorded on. " +
            "Pass retainGraph: true to the first Backward() to go backward through the same graph twice.");
}

/// <summary>
/// The sum of two gradients arriving at one tensor, recorded when the backward pass itself is being recorded
/// (<c>createGraph</c>), so that the accumulation is differentiable too.
/// </summary>
internal sealed class AccumulateFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => "Accumulate";

    // Backward needs only the input's shape, so writing into the input after the forward pass is harmless.
    protected internal override bool SavesInput(int index) => false;

    public static Tensor<T> Compute(Tensor<T> a, Tensor<T> b)
    {
        var y = Tensor<T>.Allocate(a.Shape, clear: false);
        TensorPrimitives.Add(a.ReadOnlySpan, b.ReadOnlySpan, y.Span);
        return y;
    }

    public static Tensor<T> Apply(Tensor<T> a, Tensor<T> b)
    {
        var y = Compute(a, b);
        if (Tape.ShouldRecord(a, b)) Tape.Record(new AccumulateFunction<T>(), y, a, b);
        return y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> gradOutput, ReadOnlySpan<bool> needsInputGrad) =>
        [gradOutput, gradOutput];
}
