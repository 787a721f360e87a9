namespace MiniGrad;

/// <summary>
/// A differentiable op as it sits on the tape: its inputs, its output, what its backward needs, and the backward
/// itself. Every primitive op and activation derives from it; so can users, for ops MiniGrad lacks (the
/// counterpart of PyTorch's <c>autograd.Function</c>).
/// </summary>
/// <remarks>
/// <para>An op computes its output with kernels, then, when <see cref="Tape.ShouldRecord{T}(Tensor{T})"/> says a
/// gradient may be needed, creates its function object (saving only what backward needs) and calls
/// <see cref="Tape.Record{T}"/>. The forward and the backward of an op sit side by side in one type.</para>
/// <para><see cref="Backward(Tensor{T}, ReadOnlySpan{bool})"/> is written with tensor ops, not raw loops over the saved buffers, so that
/// <c>Backward(createGraph: true)</c> can record the backward pass itself and gradients of gradients work.</para>
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public abstract class Function<T> : ITapeEntry, IReleasable
    where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
{
    private Tensor<T>[] inputs = [];
    private Tensor<T>? output;

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public virtual string Arguments => "";

    /// <summary>
    /// The overload number PyTorch appends to the backward's class name (<c>SumBackward0</c> for a full sum,
    /// <c>SumBackward1</c> along a dim); printed in <c>grad_fn=&lt;…&gt;</c>.
    /// </summary>
    internal virtual int PyTorchOverload => 0;

    /// <inheritdoc/>
    public long Sequence { get; internal set; }

    /// <inheritdoc/>
    public bool IsReleased { get; private set; }

    /// <summary>
    /// Where the op was created, when it was recorded inside <see cref="Autograd.DetectAnomaly"/>; null otherwise.
    /// </summary>
    public System.Diagnostics.StackTrace? CreationTrace { get; internal set; }

    /// <summary>The tape this entry was recorded on.</summary>
    public Tape? Tape { get; internal set; }

    /// <summary>The op's inputs in argument order.</summary>
    public IReadOnlyList<Tensor<T>> Inputs => inputs;

    /// <summary>The op's output.</summary>
    public Tensor<T> Output => output ?? throw new InvalidOperationException($"{Name}: the entry was never recorded.");

    IReadOnlyList<ITensor> ITapeEntry.InputTensors => inputs;

    ITensor ITapeEntry.OutputTensor => Output;

    /// <summary>The gradient arriving at the output during a backward pass (the engine's scratch).</summary>
    internal Tensor<T>? PendingGrad { get; set; }

    internal void Attach(Tensor<T> result, Tensor<T>[] args)
    {
        inputs = args;
        output = result;
    }

    /// <summary>
    /// Computes the gradient of the loss with respect to each input from <paramref name="gradOutput"/>, the gradient
    /// with respect to the output. Returns one entry per input (null where <paramref name="needsInputGrad"/> is false).
    /// A returned gradient must have its input's shape.
    /// </summary>
    protected internal abstract Tensor<T>?[] Backward(Tensor<T> gradOutput, ReadOnlySpan<bool> needsInputGrad);

    /// <summary>
    /// <see cref="Backward(Tensor{T}, ReadOnlySpan{bool})"/> for the engine, which may offer to let the op add some
    /// input gradients straight into their leaves' <c>Grad</c> (<see cref="GradientSinks{T}"/>); an op that takes the
    /// offer returns null for those inputs. Ops that do not override it ignore the offer.
    /// </summary>
    internal virtual Tensor<T>?[] Backward(Tensor<T> gradOutput, ReadOnlySpan<bool> needsInputGrad, GradientSinks<T> sinks) =>
        Backward(gradOutput, needsInputGrad);

    /// <summary>Drops what backward saved, so that its buffers can be collected; called when the tape is released.</summary>
    protected virtual void ReleaseSaved()
    {
    }

    /// <summary>
    /// Gives back the buffers this entry's graph owns: its output (unless it is <paramref name="keep"/>) and the
    /// scalar constants operators wrapped around numbers (<c>x * 2</c>). For <see cref="Tape.RecycleBuffers"/> and
    /// the gradient checker's own tape.
    /// </summary>
    internal void DisposeOwnedTensors(Tensor<T>? keep = null)
    {
        if (!ReferenceEquals(Output, keep)) Output.Recycle(RecycledWithTheGraph);
        // Indexed: a foreach over the inputs as a list would allocate an enumerator per entry per step.
        for (int j = 0; j < inputs.Length; j++)
            if (inputs[j].IsOperatorConstant) inputs[j].Recycle(RecycledWithTheGraph);
    }

    private const string RecycledWithTheGraph =
        "its buffer went back to the pool when Backward() released the graph it was part of (Tape.RecycleBuffers is on); " +
        "read or Clone() an intermediate before Backward()";

    void IReleasable.ReleaseEntry() => Release();

    internal void Release()
    {
        if (IsReleased) return;
        IsReleased = true;
        PendingGrad = null;
        ReleaseSaved();
    }

    /// <inheritdoc/>
    public override string ToString() => Arguments.Length == 0 ? Name : $"{Name}({Arguments})";
}
