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

    /// <summary>
    /// <see cref="Inputs"/> as the array it is, for the backward engine: indexing a list interface is a dispatched
    /// call per access, and the engine reads the inputs several times per entry per step. Not to be written.
    /// </summary>
    internal Tensor<T>[] InputArray => inputs;

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
        RememberSavedVersions();
    }

    /// <summary>
    /// Whether <see cref="Backward(Tensor{T}, ReadOnlySpan{bool})"/> reads the values of input
    /// <paramref name="index"/> (not only its shape). For each input that it reads, the backward pass checks that
    /// nobody wrote into it (through <c>Span</c>, the indexer, an optimizer step) since the forward pass, and refuses
    /// to compute a gradient from changed values, as PyTorch's saved-tensor version check does. True unless an op
    /// says otherwise: an op whose backward needs only shapes (add, sum, reshape) overrides it.
    /// </summary>
    /// <param name="index">The input's position in <see cref="Inputs"/>.</param>
    protected internal virtual bool SavesInput(int index) => true;

    /// <summary>
    /// Whether <see cref="Backward(Tensor{T}, ReadOnlySpan{bool})"/> reads <see cref="Output"/>'s values (exp, sqrt,
    /// sigmoid and softmax compute their derivative from their result); see <see cref="SavesInput"/>. False unless
    /// an op says so.
    /// </summary>
    protected internal virtual bool SavesOutput => false;

    // The versions of what backward reads, as they were when the op was recorded: two inputs inline (no allocation
    // per op on the training path), the rest in an array only for ops that save a third input.
    private uint savedMask;
    private int outputVersion, inputVersion0, inputVersion1;
    private int[]? moreInputVersions;
    private const uint OutputBit = 1u << 31;

    private void RememberSavedVersions()
    {
        uint mask = 0;
        for (int j = 0; j < inputs.Length && j < 31; j++)
        {
            if (!SavesInput(j)) continue;
            mask |= 1u << j;
            int version = inputs[j].VersionUnchecked;
            if (j == 0) inputVersion0 = version;
            else if (j == 1) inputVersion1 = version;
            else (moreInputVersions ??= new int[inputs.Length])[j] = version;
        }
        if (SavesOutput)
        {
            mask |= OutputBit;
            outputVersion = output!.VersionUnchecked;
        }
        savedMask = mask;
    }

    /// <summary>
    /// Throws when a tensor this op's backward reads was written after the op was recorded: the gradient would be
    /// computed from values the forward pass never saw.
    /// </summary>
    internal void CheckSavedVersions()
    {
        uint mask = savedMask;
        if (mask == 0) return;
        if ((mask & OutputBit) != 0 && output!.VersionUnchecked != outputVersion)
            throw Modified("its output", output, outputVersion);
        for (int j = 0; j < inputs.Length && j < 31; j++)
        {
            if ((mask & (1u << j)) == 0) continue;
            int saved = j == 0 ? inputVersion0 : j == 1 ? inputVersion1 : moreInputVersions![j];
            if (inputs[j].VersionUnchecked != saved) throw Modified($"its input {j}", inputs[j], saved);
        }
    }

    private InvalidOperationException Modified(string which, Tensor<T> tensor, int saved) =>
        new($"Backward: {Name}Backward{PyTorchOverload} needs {which} ({(tensor.Name is { } n ? $"'{n}', " : "")}shape {tensor.Shape}) " +
            $"as the forward pass saw it, but it was written since (version {saved} then, {tensor.VersionUnchecked} now): " +
            "one of the variables needed for gradient computation has been modified by an in-place operation, as PyTorch says. " +
            "Write into a Clone() instead, or change the tensor before the forward pass or after Backward().");

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
    /// Gives back the buffers this entry's graph owns: its output (unless it is <paramref name="keep"/>) and the inputs
    /// made for this op alone (<c>IsOwnedByGraph</c>: the scalar of <c>x * 2</c>, Dropout's mask). For
    /// <see cref="Tape.RecycleBuffers"/> and the gradient checker's own tape.
    /// </summary>
    internal void DisposeOwnedTensors(Tensor<T>? keep = null)
    {
        if (!ReferenceEquals(Output, keep)) Output.Recycle(RecycledWithTheGraph);
        // Indexed: a foreach over the inputs as a list would allocate an enumerator per entry per step.
        for (int j = 0; j < inputs.Length; j++)
            if (inputs[j].IsOwnedByGraph) inputs[j].Recycle(RecycledWithTheGraph);
    }

    /// <summary>
    /// Parks the buffers this entry's graph owns (its output and the inputs made for this op alone): they go back to the
    /// pool once the GC finds no tensor over them (<see cref="ParkedBuffers"/>), and stay readable until then.
    /// </summary>
    internal void ParkOwnedTensors()
    {
        Output.Park();
        for (int j = 0; j < inputs.Length; j++)
            if (inputs[j].IsOwnedByGraph) inputs[j].Park();
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
