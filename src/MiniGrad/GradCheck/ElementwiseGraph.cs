using System.Numerics;
using MiniGrad.Activations;
using MiniGrad.Ops;

namespace MiniGrad;

/// <summary>
/// Reads from the recorded graph whether an output's Jacobian must be diagonal: only elementwise ops between it and
/// its leaves, no broadcasting along the way. A user-defined function proves nothing, since its backward may couple elements.
/// </summary>
internal static class ElementwiseGraph
{
    /// <summary>
    /// True when every op between <paramref name="output"/> and the leaves is elementwise along the path, and every
    /// leaf reached that requires grad is one of <paramref name="leaves"/>, all of the output's shape.
    /// </summary>
    public static bool IsElementwise<T>(Tensor<T> output, params Tensor<T>[] leaves)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (output.GradFn is null || leaves.Any(l => l.Shape != output.Shape)) return false;
        var walk = new GraphWalk<T>();
        walk.Push(output.GradFn);
        while (walk.TryNext(out var fn))
        {
            if (!IsElementwiseOp(fn)) return false;
            foreach (var input in fn.Inputs)
            {
                if (!input.RequiresGrad) continue; // a constant operand (a scalar, a mask) does not couple elements
                if (input.Shape != fn.Output.Shape) return false; // broadcasting along the path couples elements
                if (input.GradFn is { } next) walk.Push(next);
                else if (!leaves.Any(l => ReferenceEquals(input, l))) return false;
            }
        }
        return true;
    }

    private static bool IsElementwiseOp<T>(Function<T> fn)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var type = fn.GetType();
        if (fn is ElementwiseActivationFunction<T> or ActivationBackwardFunction<T> or AccumulateFunction<T>) return true;
        if (!type.IsGenericType) return false;
        var def = type.GetGenericTypeDefinition();
        return def == typeof(AddFunction<>) || def == typeof(SubFunction<>) || def == typeof(MulFunction<>) ||
               def == typeof(DivFunction<>) || def == typeof(NegFunction<>) || def == typeof(ExpFunction<>) ||
               def == typeof(LogFunction<>) || def == typeof(PowFunction<>) || def == typeof(SqrtFunction<>) ||
               def == typeof(AbsFunction<>) || def == typeof(ClampFunction<>) || def == typeof(WhereFunction<>) ||
               def == typeof(CustomActivationFunction<,>) || def == typeof(CustomDerivativeFunction<,>);
    }
}
