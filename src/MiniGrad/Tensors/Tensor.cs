using System.Numerics;

namespace MiniGrad;

/// <summary>
/// A row-major, contiguous tensor of <c>float</c> or <c>double</c> (rank 0 to <see cref="TensorShape.MaxRank"/>)
/// whose elements live in a pooled buffer, and which takes part in reverse-mode differentiation.
/// </summary>
/// <remarks>
/// <para>Elements are read and written through <see cref="Span"/> / <see cref="ReadOnlySpan"/>. Views
/// (<see cref="SliceRows"/>, <see cref="Reshape(int[])"/>, <see cref="Detach"/>) share the buffer without copying.</para>
/// <para>Buffer ownership: a tensor holds one reference to its buffer; <see cref="Dispose"/> gives it back, and the
/// buffer returns to this thread's pool (<c>AlignedBufferPool</c>) once the tensor and all its views are disposed.
/// Using a disposed tensor throws <see cref="ObjectDisposedException"/>. Tensors that are never disposed are
/// collected by the GC as usual.</para>
/// <para>Buffers the library gives back by itself, so that a training step needs no new buffer:
/// (1) always, at once: the gradients in flight during a backward pass (the engine's temporaries, which user code never
/// sees, except through hooks or <c>createGraph</c>, where nothing is given back, and what <c>Autograd.Grad</c> returns);
/// (2) always, once unreachable: when a backward pass releases the graph, the outputs of the released ops (the graph's
/// intermediate tensors, the loss and a model's output included), and the gradient tensors the engine made that
/// <c>ZeroGrad</c> drops after user code read them through <see cref="Grad"/> (one never read is reused by the next
/// backward pass). These are parked: each buffer returns to the pool once the GC finds no tensor or view over
/// it, so a tensor the user still holds stays readable. A <see cref="Span"/> is valid while its tensor is alive: keep
/// the tensor, not only the span;
/// (3) only when the thread's tape has <see cref="Tape.RecycleBuffers"/> on: the same buffers at once, without waiting
/// for the GC, except the tensor <c>Backward</c> was called on, and the scalar tensors operators wrap around numbers
/// (<c>x * 2</c>). Reading such a tensor afterwards throws <see cref="ObjectDisposedException"/>: read or <see cref="Clone"/>
/// what you need (for example the model's output) before <c>Backward</c>, and <see cref="Dispose"/> the loss when done
/// with it. Views (<see cref="Detach"/>, reshapes) keep their buffer alive on their own.</para>
/// <para>Autograd follows PyTorch: a leaf with <see cref="RequiresGrad"/> accumulates <see cref="Grad"/> on every
/// <see cref="Backward"/> until it is zeroed; a tensor made by a recorded op has a
/// <see cref="GradFn"/> (its entry on the thread's <see cref="Tape"/>).</para>
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed partial class Tensor<T> : IRecyclable
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly TensorStorage<T> storage;
    private readonly int offset;
    private bool disposed;

    static Tensor()
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
            throw new NotSupportedException($"Tensor<{typeof(T).Name}>: MiniGrad tensors hold float or double elements only.");
    }

    private Tensor(TensorStorage<T> storage, int offset, TensorShape shape)
    {
        this.storage = storage;
        this.offset = offset;
        Shape = shape;
    }

    /// <summary>The tensor's dimensions.</summary>
    public TensorShape Shape { get; }

    /// <summary>The number of elements.</summary>
    public int Length => Shape.Length;

    /// <summary>The number of dimensions.</summary>
    public int Rank => Shape.Rank;

    /// <summary>
    /// The elements in row-major order, for writing. Taking it counts as a write: it bumps <see cref="Version"/>, so
    /// that a backward pass through an op that saved this tensor (or a view of its buffer) refuses to run on values
    /// changed since, as PyTorch does. Read through <see cref="ReadOnlySpan"/>, which changes nothing.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Span<T> Span
    {
        get
        {
            if (disposed) throw Disposed();
            storage.Version++;
            return storage.GetSpan(offset, Shape.Length);
        }
    }

    /// <summary>The elements in row-major order, read-only.</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public ReadOnlySpan<T> ReadOnlySpan
    {
        get
        {
            if (disposed) throw Disposed();
            return storage.GetSpan(offset, Shape.Length);
        }
    }

    /// <summary><see cref="Version"/> without the disposal check, for the tape's bookkeeping.</summary>
    internal int VersionUnchecked => storage.Version;

    /// <summary>
    /// How many times this tensor's buffer was opened for writing (PyTorch's <c>_version</c>; shared with its views):
    /// through <see cref="Span"/>, the indexer's setter, an optimizer step or <c>LoadStateDict</c>.
    /// </summary>
    public int Version
    {
        get
        {
            if (disposed) throw Disposed();
            return storage.Version;
        }
    }

    /// <summary>True once <see cref="Dispose"/> was called.</summary>
    public bool IsDisposed => disposed;

    /// <summary>An optional name, shown by the tools that print the tape and the graph.</summary>
    public string? Name { get; set; }

    /// <summary>The accumulated gradient (null until a backward pass reaches this tensor).</summary>
    /// <exception cref="ArgumentException">The value's shape differs from this tensor's.</exception>
    public Tensor<T>? Grad
    {
        get
        {
            // Once user code may hold the gradient tensor, ZeroGrad must not reuse it (see GradForEngine).
            if (grad is { } g) g.HandedOut = true;
            return grad;
        }
        set
        {
            // Backward adds into Grad in place by position: a gradient of another shape would be read as garbage.
            if (value is not null && value.Shape != Shape)
                throw new ArgumentException($"Grad: a gradient of shape {value.Shape} cannot be set on a tensor of shape {Shape}.", nameof(value));
            grad = value;
        }
    }

    private Tensor<T>? grad;

    /// <summary>
    /// <see cref="Grad"/> for the library's own reads (the backward engine, optimizers, clipping), which use the
    /// gradient in place and never pass the tensor on: unlike the public getter, it leaves the gradient reusable.
    /// </summary>
    internal Tensor<T>? GradForEngine
    {
        get => grad;
        set => Grad = value;
    }

    /// <summary>True once this tensor, a gradient, was read through the public <see cref="Grad"/> getter.</summary>
    internal bool HandedOut { get; private set; }

    /// <summary>
    /// A gradient the engine made, which <c>ZeroGrad</c> dropped before anyone outside the library saw it: the next
    /// backward pass writes this tensor's gradient into it instead of taking a new buffer. Nobody else can hold it, so
    /// reusing it changes nothing anyone can see.
    /// </summary>
    private Tensor<T>? spareGrad;

    /// <summary>Takes the spare gradient buffer, if there is one that still fits.</summary>
    internal Tensor<T>? TakeSpareGrad()
    {
        var spare = spareGrad;
        spareGrad = null;
        return spare is { IsDisposed: false } && spare.Shape == Shape ? spare : null;
    }

    /// <summary>
    /// True for a gradient tensor the backward engine made to hold a leaf's <see cref="Grad"/>: zeroing gradients
    /// gives its buffer back when the tape recycles buffers (<see cref="Tape.RecycleBuffers"/>).
    /// </summary>
    internal bool IsEngineGradient { get; set; }

    /// <summary>
    /// True for a tensor an op made for its own use and nobody else sees: the scalar an operator made from a number
    /// (<c>x * 2</c>), Dropout's mask. The graph owns it: a backward pass gives its buffer back with the graph's
    /// intermediates (at once with <see cref="Tape.RecycleBuffers"/>, else parked). Set by <c>WithOwnedOperand</c>.
    /// </summary>
    internal bool IsOwnedByGraph { get; set; }

    /// <summary>How this tensor came to have no gradient path, for <see cref="Tape"/>'s explanations.</summary>
    internal GradOrigin Origin { get; set; }

    /// <summary>The element type's name: "float32" or "float64".</summary>
    public string DType => typeof(T) == typeof(float) ? "float32" : "float64";

    /// <summary>Gives this tensor's reference to its buffer back; see the type's remarks for ownership.</summary>
    public void Dispose() => Recycle(because: "it was disposed by a call to Dispose()");

    void IRecyclable.Recycle(string because) => Recycle(because);

    /// <summary>
    /// Disposes the tensor and remembers why, for the message a later read gets. <paramref name="because"/> is a
    /// constant sentence (no allocation on the recycling paths).
    /// </summary>
    internal void Recycle(string because)
    {
        if (disposed) return;
        disposed = true;
        disposedBecause = because;
        storage.Release();
    }

    private string? disposedBecause;

    /// <summary>
    /// Hands the buffer to <see cref="ParkedBuffers"/>: it goes back to the pool once no tensor over it is reachable.
    /// The tensor, and every view of it, stays readable for as long as anyone holds it.
    /// </summary>
    internal void Park()
    {
        if (!disposed) storage.Park();
    }

    /// <summary>
    /// The name of the op that made this tensor (set when the op is recorded), for messages about a tensor that
    /// can no longer be read.
    /// </summary>
    internal string? Producer { get; set; }

    /// <summary>The error for reading a disposed tensor: which tensor it was and why it is gone.</summary>
    private ObjectDisposedException Disposed()
    {
        string which = (Name is { } name ? $"'{name}', " : "") + $"shape {Shape}" + (Producer is { } op ? $", made by {op}" : "");
        return new ObjectDisposedException($"Tensor<{typeof(T).Name}>",
            $"The tensor ({which}) can no longer be read: {disposedBecause ?? "it was disposed"}. " +
            "Keep a tensor alive, or Clone() it, for as long as you read it.");
    }

    /// <summary>
    /// Wraps a new tensor around a fresh pooled buffer. <paramref name="clear"/> = false leaves old pool contents:
    /// only for callers that overwrite every element.
    /// </summary>
    internal static Tensor<T> Allocate(TensorShape shape, bool clear)
    {
        var state = ThreadState.Current;
        var t = new Tensor<T>(TensorStorage<T>.Rent(state, shape.Length, clear), 0, shape)
        {
            Origin = state.NoGradDepth == 0 ? GradOrigin.Created : GradOrigin.NoGradScope,
        };
        TemporaryTensors.Track(state, t);
        return t;
    }

    /// <summary>A view of this tensor's buffer with another shape and offset; takes a buffer reference.</summary>
    internal Tensor<T> View(int elementOffset, TensorShape shape)
    {
        if (disposed) throw Disposed();
        storage.AddReference();
        var view = new Tensor<T>(storage, offset + elementOffset, shape);
        TemporaryTensors.Track(ThreadState.Current, view);
        return view;
    }

    /// <summary>True when both tensors read the same buffer (a view and its base).</summary>
    public bool SharesStorageWith(Tensor<T> other) => ReferenceEquals(storage, other.storage);

    /// <summary>
    /// A tensor sharing this one's elements that is cut from the graph: no <see cref="GradFn"/>, no gradient.
    /// </summary>
    public Tensor<T> Detach()
    {
        var d = View(0, Shape);
        d.Origin = GradOrigin.Detached;
        return d;
    }

    /// <summary>A copy with its own buffer, cut from the graph.</summary>
    public Tensor<T> Clone()
    {
        var c = Allocate(Shape, clear: false);
        ReadOnlySpan.CopyTo(c.Span);
        return c;
    }

    /// <summary>The value of a one-element tensor (PyTorch's <c>item()</c>).</summary>
    public T Item()
    {
        if (Length != 1)
            throw new InvalidOperationException($"Item: only a one-element tensor has a single value; this one has shape {Shape}.");
        return ReadOnlySpan[0];
    }

    /// <summary>Reads or writes one element by its full index.</summary>
    [System.Runtime.CompilerServices.IndexerName("Element")] // frees the name Item for PyTorch's item()
    public T this[params int[] index]
    {
        get => ReadOnlySpan[FlatIndex(index)];
        set => Span[FlatIndex(index)] = value;
    }

    private int FlatIndex(ReadOnlySpan<int> index)
    {
        if (index.Length != Rank)
            throw new ArgumentException($"index: {index.Length} indices given for a tensor of rank {Rank} (shape {Shape}).", nameof(index));
        int flat = 0;
        for (int d = 0; d < Rank; d++)
        {
            int i = index[d];
            if ((uint)i >= (uint)Shape.Dims[d])
                throw new IndexOutOfRangeException($"index: index {i} is out of range for dim {d} of size {Shape.Dims[d]} (shape {Shape}).");
            flat = flat * Shape.Dims[d] + i;
        }
        return flat;
    }

    /// <summary>The elements copied into a new array.</summary>
    public T[] ToArray() => ReadOnlySpan.ToArray();

}
