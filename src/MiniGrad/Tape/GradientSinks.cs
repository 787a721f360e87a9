using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace MiniGrad;

/// <summary>
/// The backward engine's offer to an op: the gradient of input <c>j</c> may be added straight into that input's
/// <see cref="Tensor{T}.Grad"/> instead of being returned and then added by the engine.
/// </summary>
/// <remarks>
/// Offered only where it cannot change what anyone sees: a plain backward pass (not <c>Autograd.Grad</c>, not
/// <c>createGraph</c>, no observer), an input that is a leaf without hooks, holding an unrecorded <c>Grad</c>, and
/// appearing once among the op's inputs (so the order of the additions into <c>Grad</c> stays the engine's), whose
/// <c>Grad</c> shares no buffer with the op's inputs or the incoming gradient (the op reads those while it writes).
/// The op must add with the bits the engine would: <c>Grad + gradient</c>, element by element. An op that took the
/// offer returns null for that input.
/// </remarks>
internal readonly struct GradientSinks<T>(IReadOnlyList<Tensor<T>> inputs, Tensor<T>? gradOutput, bool offered)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>No input may be written into (the default for ops that do not ask).</summary>
    public static GradientSinks<T> None => default;

    /// <summary>True, with the tensor to add into, when input <paramref name="j"/>'s gradient may go straight into its <c>Grad</c>.</summary>
    public bool TryGet(int j, [NotNullWhen(true)] out Tensor<T>? grad)
    {
        grad = null;
        if (!offered) return false;
        var input = inputs[j];
        if (input.GradFn is not null || input.Hooks is not null || input.GradForEngine is not { GradFn: null } g) return false;
        if (gradOutput is null || g.SharesStorageWith(gradOutput)) return false;
        for (int i = 0; i < inputs.Count; i++)
            if ((i != j && ReferenceEquals(inputs[i], input)) || g.SharesStorageWith(inputs[i])) return false;
        grad = g;
        return true;
    }
}
