using MiniGrad.Optim;

namespace MiniGrad.Lab;

/// <summary>
/// The step the run's optimizer would take with one sample's gradients, from its current state: what the backprop
/// view shows after the last tape entry. Computed by a twin of the optimizer loaded with a copy of the state, so the
/// run itself does not move.
/// </summary>
/// <param name="Optimizer">The optimizer's class (<c>Adam</c>, <c>AdamW</c>, <c>Sgd</c>, <c>RmsProp</c>, <c>Adagrad</c>).</param>
/// <param name="StepCount">The steps the run's optimizer has taken so far.</param>
/// <param name="Hyperparameters">Its learning rate, weight decay and other hyperparameters, with <see cref="OptimizerStateDict{T}"/>'s names (<c>param_groups.0.lr</c>, <c>defaults.betas.0</c>, ...).</param>
/// <param name="Parameters">Each parameter's update, in the optimizer's order.</param>
public sealed record OptimizerUpdate(string Optimizer, int StepCount, IReadOnlyDictionary<string, double> Hyperparameters,
    IReadOnlyList<ParameterUpdate> Parameters);

/// <summary>One parameter's update: its values before and after the optimizer's step and the difference.</summary>
/// <param name="Name">Its label (<c>W0</c>, <c>b0</c>, ...).</param>
/// <param name="Shape">Its shape.</param>
/// <param name="Gradient">The sample's gradient, or null when none reached it.</param>
/// <param name="Before">Its values before the step.</param>
/// <param name="After">Its values after the step.</param>
/// <param name="Delta">After - Before.</param>
/// <param name="State">Its optimizer state before the step (Adam's <c>exp_avg</c>, <c>exp_avg_sq</c>; SGD's <c>momentum_buffer</c>; ...).</param>
/// <param name="Counters">Its step count and other numbers of its state, before the step.</param>
public sealed record ParameterUpdate(string Name, int[] Shape, float[]? Gradient, float[] Before, float[] After, float[] Delta,
    IReadOnlyDictionary<string, float[]> State, IReadOnlyDictionary<string, double> Counters)
{
    /// <summary>The update of parameter <paramref name="index"/>, its state taken from <paramref name="saved"/>.</summary>
    public static ParameterUpdate Create(string name, int index, int[] shape, float[]? gradient, float[] before, float[] after,
        OptimizerStateDict<float> saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        string prefix = $"state.{index}.";
        return new ParameterUpdate(name, shape, gradient, before, after, after.Select((a, i) => a - before[i]).ToArray(),
            saved.Tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value.ToArray()),
            saved.Scalars.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value));
    }
}
