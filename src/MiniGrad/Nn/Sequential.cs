using System.Globalization;
using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Modules run one after the other, as PyTorch's <c>nn.Sequential</c>: children are named <c>0</c>, <c>1</c>, ...,
/// so the parameters are <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, ...
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Sequential<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly List<Module<T>> modules = [];

    /// <summary>Chains <paramref name="modules"/> in order.</summary>
    public Sequential(params Module<T>[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var m in modules) Append(m);
    }

    /// <summary>The number of modules in the chain.</summary>
    public int Count => modules.Count;

    /// <summary>The module at <paramref name="index"/> (named by its index).</summary>
    public Module<T> this[int index] => modules[index];

    /// <summary>Adds <paramref name="module"/> at the end, named by its index, and returns this Sequential.</summary>
    public Sequential<T> Append(Module<T> module)
    {
        ArgumentNullException.ThrowIfNull(module);
        modules.Add(Register(modules.Count.ToString(CultureInfo.InvariantCulture), module));
        return this;
    }

    /// <summary>Feeds <paramref name="input"/> through every module in order.</summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        var x = input;
        foreach (var m in modules) x = m.Forward(x);
        return x;
    }
}
