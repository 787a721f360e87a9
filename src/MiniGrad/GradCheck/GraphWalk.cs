using System.Numerics;

namespace MiniGrad;

/// <summary>
/// Visits the recorded functions of a graph once each, depth first, with an explicit stack (a deep graph cannot
/// overflow the call stack) and in a fixed order: the last pushed first. The caller decides which inputs to follow.
/// </summary>
internal sealed class GraphWalk<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly HashSet<Function<T>> seen = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<Function<T>> stack = new();

    /// <summary>Schedules <paramref name="fn"/>; a function already visited is skipped when its turn comes.</summary>
    public void Push(Function<T> fn) => stack.Push(fn);

    /// <summary>The next function not visited yet, or false when there is none.</summary>
    public bool TryNext(out Function<T> fn)
    {
        while (stack.TryPop(out fn!))
            if (seen.Add(fn)) return true;
        return false;
    }
}
