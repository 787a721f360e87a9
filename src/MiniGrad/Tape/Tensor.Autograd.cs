using System.Numerics;

namespace MiniGrad;

// The tensor's autograd face: whether it requires grad, the tape entry that made it, hooks, backward's entry point
// and how it prints its grad_fn. It sits on the Tape floor because it names the tape's types; the Tensors floor
// below holds the data (buffer, shape, views, elements) and knows nothing of the tape.
public sealed partial class Tensor<T> : ITensor
{
    private bool requiresGrad;

    /// <summary>
    /// Whether gradients flow to this tensor. Settable on leaves only (as in PyTorch): a tensor made by a recorded op
    /// requires grad because one of its inputs does.
    /// </summary>
    public bool RequiresGrad
    {
        get => requiresGrad;
        set
        {
            if (GradFn is not null && !value)
                throw new InvalidOperationException(
                    $"RequiresGrad: this tensor was made by {GradFn.Name} and is not a leaf; only leaves can change RequiresGrad. " +
                    "Use Detach() to get a tensor that does not require grad.");
            requiresGrad = value;
        }
    }

    /// <summary>The tape entry that made this tensor, or null for a leaf.</summary>
    public Function<T>? GradFn { get; internal set; }

    /// <summary>True for tensors not made by a recorded op (user-created tensors, parameters, detached tensors).</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>True when <see cref="RetainGrad"/> asked this non-leaf to keep its gradient.</summary>
    public bool RetainsGrad { get; private set; }

    /// <summary>Keeps the gradient of this non-leaf tensor in <see cref="Grad"/> after backward (PyTorch's <c>retain_grad</c>).</summary>
    public Tensor<T> RetainGrad()
    {
        if (!requiresGrad)
            throw new InvalidOperationException("RetainGrad: the tensor does not require grad, so it will never have a gradient to keep.");
        if (GradFn is not null) RetainsGrad = true;
        return this;
    }

    /// <summary>Gradient hooks, run in registration order when the backward pass reaches this tensor.</summary>
    internal List<Func<Tensor<T>, Tensor<T>?>>? Hooks { get; private set; }

    /// <summary>
    /// Registers a function that sees this tensor's gradient during backward, before it is accumulated or passed on,
    /// and may return a replacement (or null to keep it). Like PyTorch's <c>register_hook</c>.
    /// </summary>
    public void RegisterHook(Func<Tensor<T>, Tensor<T>?> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        if (!requiresGrad)
            throw new InvalidOperationException("RegisterHook: the tensor does not require grad, so no gradient will ever reach the hook.");
        (Hooks ??= []).Add(hook);
    }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor, for fluent construction of leaves.</summary>
    public Tensor<T> RequireGrad(bool requiresGrad = true)
    {
        RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>
    /// Clears this tensor's accumulated gradient before the next backward pass, as PyTorch's <c>zero_grad</c> does for
    /// each parameter: drops it (<paramref name="setToNone"/> true, PyTorch 2's default) or fills it with zeros
    /// (false, PyTorch 1.13's default). A gradient that is itself on a graph (made with <c>createGraph</c>) is dropped
    /// either way, so that the next pass does not add into a recorded tensor.
    /// </summary>
    /// <remarks>
    /// With <see cref="Tape.RecycleBuffers"/> on, a dropped gradient tensor that the backward engine made goes back to
    /// the pool; one the user set or kept a reference to through a hook is left alone.
    /// </remarks>
    /// <param name="setToNone">Drop the gradient (true) or zero it in place (false).</param>
    public void ZeroGrad(bool setToNone = true)
    {
        if (GradForEngine is not { } g) return;
        if (!setToNone && g.GradFn is null)
        {
            g.Span.Clear();
            return;
        }
        if (g.IsEngineGradient)
        {
            if (Tape.Current.RecycleBuffers)
                g.Recycle(because: "it was a gradient the backward pass made, and ZeroGrad gave its buffer back to the pool (Tape.RecycleBuffers is on); Clone() a gradient you want to keep");
            else if (!g.HandedOut && g.GradFn is null)
                spareGrad = g; // never seen outside the library: the next pass writes into it
            else
                g.Park(); // back to the pool once nobody holds the dropped gradient (ParkedBuffers)
        }
        Grad = null;
    }

    TensorShape ITensor.Shape => Shape;
    Type ITensor.ElementType => typeof(T);
    bool ITensor.HasGrad => Grad is not null;
    ITapeEntry? ITensor.GradFn => GradFn;

    double ITensor.GetDouble(int index) => double.CreateChecked(ReadOnlySpan[index]);

    double ITensor.GetGradDouble(int index) =>
        Grad is null ? throw new InvalidOperationException("The tensor has no gradient.") : double.CreateChecked(Grad.ReadOnlySpan[index]);

    /// <summary>Prints the tensor the way PyTorch does: <c>tensor([0.2689, 0.8808])</c>.</summary>
    public override string ToString() => TensorFormatter.Format(this, GradSuffix());

    /// <summary>PyTorch's suffix for a tensor on the graph: <c>grad_fn=&lt;MulBackward0&gt;</c> or <c>requires_grad=True</c>.</summary>
    internal string? GradSuffix() =>
        // PyTorch's grad_fn class names end in an overload number (MulBackward0, SumBackward1 along a dim).
        GradFn is { } fn ? $"grad_fn=<{fn.Name}Backward{fn.PyTorchOverload}>"
        : RequiresGrad ? "requires_grad=True"
        : null;
}
