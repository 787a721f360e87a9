using System.Numerics;

namespace MiniGrad;

/// <summary>
/// The caller's inputs as a check sees them: which of them are checked, and fresh leaves holding their values for
/// either side, so that the caller's tensors are never modified and never reached by a backward pass.
/// </summary>
internal sealed class InputLeaves<TA>
    where TA : unmanaged, IBinaryFloatingPointIeee754<TA>
{
    private readonly List<IDisposable> own = [];

    public InputLeaves(Tensor<TA>[] originals)
    {
        Originals = originals;
        IsChecked = CheckedMask(originals);
        Checked = Enumerable.Range(0, originals.Length).Where(k => IsChecked[k]).ToArray();
    }

    /// <summary>The caller's tensors.</summary>
    public Tensor<TA>[] Originals { get; }

    /// <summary>Per input, whether it is checked.</summary>
    public bool[] IsChecked { get; }

    /// <summary>The indices of the checked inputs, in order: the c-th checked input is input <c>Checked[c]</c>.</summary>
    public int[] Checked { get; }

    /// <summary>
    /// The inputs that require grad are checked; when none does, all are (the common case of a plain tensor).
    /// </summary>
    public static bool[] CheckedMask<T>(Tensor<T>[] inputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        bool anyRequires = inputs.Any(x => x.RequiresGrad);
        return inputs.Select(x => !anyRequires || x.RequiresGrad).ToArray();
    }

    /// <summary>Fresh leaves holding the inputs' values; the checked ones require grad.</summary>
    public Tensor<TA>[] Analytic()
    {
        var leaves = new Tensor<TA>[Originals.Length];
        for (int k = 0; k < leaves.Length; k++)
        {
            leaves[k] = Originals[k].Clone();
            leaves[k].RequiresGrad = IsChecked[k];
            own.Add(leaves[k]);
        }
        return leaves;
    }

    /// <summary>
    /// Fresh leaves holding the inputs' values converted to <typeparamref name="TN"/>; with <paramref name="requireGrad"/>
    /// the checked ones require grad, for a function that differentiates internally (GradGradCheck).
    /// </summary>
    public Tensor<TN>[] Numerical<TN>(bool requireGrad)
        where TN : unmanaged, IBinaryFloatingPointIeee754<TN>
    {
        var leaves = new Tensor<TN>[Originals.Length];
        for (int k = 0; k < leaves.Length; k++)
        {
            var src = Originals[k].ReadOnlySpan;
            var t = Tensor<TN>.Zeros(Originals[k].Shape);
            var dst = t.Span;
            for (int i = 0; i < src.Length; i++) dst[i] = TN.CreateChecked(src[i]);
            t.RequiresGrad = requireGrad && IsChecked[k];
            leaves[k] = t;
            own.Add(t);
        }
        return leaves;
    }

    /// <summary>Gives back the buffers of every leaf made here (the caller's inputs are never touched).</summary>
    public void DisposeLeaves()
    {
        foreach (var t in own) t.Dispose();
        own.Clear();
    }
}
