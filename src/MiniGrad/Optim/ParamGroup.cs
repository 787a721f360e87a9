using System.Globalization;
using System.Numerics;

namespace MiniGrad.Optim;

/// <summary>
/// A parameter group, as an entry of PyTorch's <c>optimizer.param_groups</c>: some parameters with their own learning
/// rate and weight decay. The optimizer's other hyperparameters (betas, eps, momentum, ...) are shared by every group.
/// </summary>
/// <remarks>
/// <para>A value left out (null) is taken from the optimizer's constructor argument when the optimizer takes the group,
/// as PyTorch fills a group dict from the optimizer's defaults:</para>
/// <code>
/// var optimizer = new Adam&lt;double&gt;([new ParamGroup&lt;double&gt;(fc1.Parameters(), lr: 1e-2),
///                                    new ParamGroup&lt;double&gt;(fc2.Parameters(), weightDecay: 1e-4)], lr: 1e-3);
/// optimizer.ParamGroups[1].LearningRate   // 1e-3, the optimizer's lr
/// </code>
/// <para>An optimizer takes the group object itself (PyTorch keeps the dict you pass), so a change made through
/// <see cref="Optimizer{T}.ParamGroups"/> or through the object you built is the same change; a group belongs to one
/// optimizer. Learning-rate schedulers change <see cref="LearningRate"/> between steps.</para>
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class ParamGroup<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private double? learningRate;
    private double? weightDecay;
    private string owner = "ParamGroup";

    /// <summary>A group of <paramref name="parameters"/> with its own learning rate and weight decay.</summary>
    /// <param name="parameters">The tensors of the group (the optimizer checks them: leaves, none twice).</param>
    /// <param name="lr">The group's learning rate (PyTorch's <c>lr</c>, &gt;= 0), or null for the optimizer's.</param>
    /// <param name="weightDecay">The group's weight decay (PyTorch's <c>weight_decay</c>, &gt;= 0), or null for the optimizer's.</param>
    /// <exception cref="ArgumentOutOfRangeException">A given value is negative, NaN or infinite; the message gives it.</exception>
    public ParamGroup(IEnumerable<Tensor<T>> parameters, double? lr = null, double? weightDecay = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToArray();
        if (lr is { } l) LearningRate = l;
        if (weightDecay is { } w) WeightDecay = w;
    }

    /// <summary>The group's parameters (PyTorch's <c>params</c>), in the order given.</summary>
    public IReadOnlyList<Tensor<T>> Parameters { get; }

    /// <summary>The index of this group in its optimizer's <see cref="Optimizer{T}.ParamGroups"/> (-1 before an optimizer takes it).</summary>
    public int Index { get; private set; } = -1;

    /// <summary>
    /// The group's learning rate (PyTorch's <c>group['lr']</c>), finite and &gt;= 0; what schedulers set. Reading it
    /// before an optimizer took a group built without one throws <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value.</exception>
    public double LearningRate
    {
        get => learningRate ?? throw Unset("learning rate");
        set => learningRate = Check(value, "Invalid learning rate");
    }

    /// <summary>The group's weight decay (PyTorch's <c>group['weight_decay']</c>), finite and &gt;= 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value.</exception>
    public double WeightDecay
    {
        get => weightDecay ?? throw Unset("weight decay");
        set => weightDecay = Check(value, "Invalid weightDecay value");
    }

    /// <summary>
    /// The group's rate when the first learning-rate scheduler was attached (PyTorch's <c>group['initial_lr']</c>,
    /// a scheduler's base rate); null before. <see cref="LrScheduler.OneCycleLR{T}"/> sets it to <c>maxLr / divFactor</c>.
    /// </summary>
    public double? InitialLearningRate { get; internal set; }

    /// <summary>Called by the optimizer that takes the group: fills the values left out and names the owner in messages.</summary>
    internal void Adopt(string optimizer, int index, double defaultLr, double defaultWeightDecay)
    {
        if (Index >= 0)
            throw new ArgumentException($"{optimizer}: parameter group {index} already belongs to an optimizer (as its group {Index}); build a new ParamGroup.", "paramGroups");
        learningRate ??= defaultLr;
        weightDecay ??= defaultWeightDecay;
        owner = optimizer;
        Index = index;
    }

    private double Check(double value, string invalid)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            string where = Index >= 0 ? $" in parameter group {Index}" : "";
            throw new ArgumentOutOfRangeException(nameof(value),
                $"{owner}: {invalid}: {value.ToString("R", CultureInfo.InvariantCulture)}{where} (it must be finite and >= 0).");
        }
        return value;
    }

    private InvalidOperationException Unset(string what) =>
        new($"ParamGroup: this group has no {what} of its own; it takes the optimizer's when an optimizer takes the group.");
}
