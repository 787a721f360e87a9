using System.Numerics;

namespace MiniGrad.Optim;

/// <summary>
/// An optimizer's state, as PyTorch's <c>optimizer.state_dict()</c>, flattened into named tensors and named numbers so
/// that a checkpoint file (safetensors: tensors plus a string-to-string metadata table) can store it as it is.
/// </summary>
/// <remarks>
/// <para>The names, with PyTorch's state and hyperparameter names:</para>
/// <list type="table">
/// <item><term><c>state.{i}.{name}</c> in <see cref="Tensors"/></term><description>parameter i's state tensors, i the
/// index in <see cref="Optimizer{T}.Parameters"/>: Adam's <c>exp_avg</c>, <c>exp_avg_sq</c>, <c>max_exp_avg_sq</c>;
/// SGD's <c>momentum_buffer</c>; RMSprop's <c>square_avg</c>, <c>momentum_buffer</c>, <c>grad_avg</c>; Adagrad's
/// <c>sum</c>. Each has its parameter's shape.</description></item>
/// <item><term><c>state.{i}.step</c> in <see cref="Scalars"/></term><description>parameter i's step count (Adam,
/// RMSprop, Adagrad).</description></item>
/// <item><term><c>param_groups.{g}.lr</c>, <c>.weight_decay</c>, <c>.params</c></term><description>group g's learning
/// rate, weight decay and number of parameters (its parameters follow those of group g - 1).</description></item>
/// <item><term><c>defaults.{name}</c></term><description>the hyperparameters shared by every group (<c>betas.0</c>,
/// <c>eps</c>, <c>momentum</c>, ...; a flag is 0 or 1). Loading checks that they equal the optimizer's.</description></item>
/// <item><term><c>step_count</c></term><description><see cref="Optimizer{T}.StepCount"/>.</description></item>
/// </list>
/// <para>The tensors are copies: later steps do not change a saved state, and loading copies again. A checkpoint
/// writer stores <see cref="Tensors"/> as tensors and <see cref="Scalars"/> as metadata (round-trip formatted), with
/// <see cref="Optimizer"/>; every number is exact in a double (step counts are integers below 2^53).</para>
/// </remarks>
/// <param name="Optimizer">The optimizer's class name (<c>Adam</c>, <c>AdamW</c>, <c>Sgd</c>, <c>RmsProp</c>, <c>Adagrad</c>); loading needs the same.</param>
/// <param name="Tensors">The state tensors by name.</param>
/// <param name="Scalars">The step counts and hyperparameters by name.</param>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed record OptimizerStateDict<T>(string Optimizer, IReadOnlyDictionary<string, Tensor<T>> Tensors, IReadOnlyDictionary<string, double> Scalars)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;
