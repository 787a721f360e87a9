using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace MiniGrad;

/// <summary>
/// The backward engine's offer to an op: the gradient of input <c>j</c> may be added straight into that input's
/// <see cref="Tensor{T}.Grad"/>, or written into the buffer that becomes its <c>Grad</c> when it has none yet, instead
/// of being returned and then added (or copied) by the engine.
/// </summary>
/// <remarks>
/// Offered only where it cannot change what anyone sees: a plain backward pass (not <c>Autograd.Grad</c>, not
/// <c>createGraph</c>, no observer), an input that is a leaf without hooks, holding an unrecorded <c>Grad</c>, and
/// appearing once among the op's inputs (so the order of the additions into <c>Grad</c> stays the engine's), whose
/// <c>Grad</c> shares no buffer with the op's inputs or the incoming gradient (the op reads those while it writes).
/// The op must add with the bits the engine would: <c>Grad + gradient</c>, element by element (or, into an empty
/// <c>Grad</c>, write the gradient it would have returned). An op that took the offer returns null for that input.
/// </remarks>
internal readonly struct GradientSinks<T>(Tensor<T>[] inputs, Tensor<T>? gradOutput, bool offered)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>No input may be written into (the default for ops that do not ask).</summary>
    public static GradientSinks<T> None => default;

    /// <summary>True, with the tensor to add into, when input <paramref name="j"/>'s gradient may go straight into its <c>Grad</c>.</summary>
    public bool TryGet(int j, [NotNullWhen(true)] out Tensor<T>? grad)
    {
        grad = null;
        if (!IsPlainLeaf(j) || inputs[j].GradForEngine is not { GradFn: null } g || SharesStorage(g)) return false;
        grad = g;
        return true;
    }

    /// <summary>
    /// True, with a buffer of the input's shape, when input <paramref name="j"/> has no <c>Grad</c> yet: the op writes
    /// its gradient (not adds it) into <paramref name="destination"/> and hands it to <see cref="Store"/>, instead of
    /// returning a gradient the engine would copy into a <c>Grad</c> of its own. The buffer is the one the last
    /// <c>ZeroGrad</c> dropped unseen, or a new one.
    /// </summary>
    public bool TryTakeEmpty(int j, [NotNullWhen(true)] out Tensor<T>? destination)
    {
        destination = null;
        if (!IsPlainLeaf(j) || inputs[j].GradForEngine is not null) return false;
        var buffer = BackwardEngine.TakeGradBuffer(inputs[j]);
        if (SharesStorage(buffer)) return false;
        destination = buffer;
        return true;
    }

    /// <summary>Makes <paramref name="destination"/>, from <see cref="TryTakeEmpty"/> and now written, input <paramref name="j"/>'s <c>Grad</c>.</summary>
    public void Store(int j, Tensor<T> destination) => inputs[j].GradForEngine = destination;

    // A leaf without hooks, appearing once among the op's inputs, in a pass that offers sinks.
    private bool IsPlainLeaf(int j)
    {
        if (!offered || gradOutput is null) return false;
        var input = inputs[j];
        if (input.GradFn is not null || input.Hooks is not null) return false;
        for (int i = 0; i < inputs.Length; i++)
            if (i != j && ReferenceEquals(inputs[i], input)) return false;
        return true;
    }

    // The op reads its inputs and the incoming gradient while it writes the sink.
    private bool SharesStorage(Tensor<T> sink)
    {
        if (sink.SharesStorageWith(gradOutput!)) return true;
        for (int i = 0; i < inputs.Length; i++)
            if (sink.SharesStorageWith(inputs[i])) return true;
        return false;
    }
}
