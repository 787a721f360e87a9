using System.Numerics;

namespace MiniGrad;

/// <summary>Graph walks for <see cref="TemporaryScope"/>'s decisions and the end-of-check recycling (see its remarks for what
/// is given back and why it cannot reach the user).</summary>
internal static class CheckBuffers
{
    /// <summary>
    /// True when the temporaries of backward passes from <paramref name="outputs"/> can be given back: no backward
    /// observer, and no tensor of the recorded graph (outputs, intermediates, leaves) has a hook.
    /// </summary>
    public static bool CanCollectBackward<T>(Tensor<T>[] outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (BackwardEngine.Observer is not null) return false;
        GraphWalk<T>? walk = null;
        foreach (var o in outputs)
        {
            if (o.Hooks is not null) return false;
            if (o.GradFn is not { } root) continue;
            walk ??= new GraphWalk<T>();
            walk.Push(root);
            while (walk.TryNext(out var fn))
            {
                foreach (var input in fn.Inputs)
                {
                    if (input.Hooks is not null) return false;
                    if (input.GradFn is { } next) walk.Push(next);
                }
            }
        }
        return true;
    }

    /// <summary>
    /// Gives back the buffers of the ops recorded on <paramref name="tape"/> (the check's own tape): their outputs and
    /// the scalar constants operators wrapped. Everything the check reports was read out as numbers before.
    /// </summary>
    public static void Recycle<T>(Tape tape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        foreach (var entry in tape.Entries)
        {
            if (entry is Function<T> { IsReleased: false } fn) fn.DisposeOwnedTensors();
        }
    }
}
