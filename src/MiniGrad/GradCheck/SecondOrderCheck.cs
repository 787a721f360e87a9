namespace MiniGrad;

/// <summary>
/// Second-order checks, as PyTorch's <c>gradgradcheck</c>: the function <c>(inputs, gradOutputs) ↦ Σ vjp</c>, the
/// gradients of the outputs for the given upstream gradients computed with <c>createGraph: true</c>, is itself
/// checked with respect to both the inputs and the upstream gradients.
/// </summary>
internal static class SecondOrderCheck
{
    /// <summary>Checks the gradients of <paramref name="f"/> at <paramref name="inputs"/> for upstream gradients
    /// <paramref name="gradOutputs"/> (seeded random ones when null).</summary>
    public static GradCheckResult Run(Func<Tensor<double>[], Tensor<double>[]> f, Tensor<double>[] inputs,
        Tensor<double>[]? gradOutputs, GradCheckOptions o)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(inputs);
        int n = inputs.Length;
        bool[] wrt = InputLeaves<double>.CheckedMask(inputs);
        gradOutputs ??= RandomUpstream(f, inputs, o.Seed);

        Tensor<double>[] Inner(Tensor<double>[] args)
        {
            var xs = args[..n];
            var gs = args[n..];
            var outs = f(xs);
            if (outs.Length != gs.Length)
                throw new InvalidOperationException($"GradGradCheck: the function returned {outs.Length} outputs for {gs.Length} upstream gradients.");
            var leaves = Enumerable.Range(0, n).Where(k => wrt[k]).Select(k => xs[k]).ToArray();
            Tensor<double>? total = null;
            for (int k = 0; k < outs.Length; k++)
            {
                if (!outs[k].RequiresGrad) continue;
                var term = (outs[k] * gs[k]).Sum();
                total = total is null ? term : total + term;
            }
            var grads = total is null ? new Tensor<double>?[leaves.Length] : Autograd.Grad(total, leaves, createGraph: true);
            return grads.Select((g, c) => g ?? Tensor<double>.Zeros(leaves[c].Shape)).ToArray();
        }

        // Inputs not differentiated stay constant; the upstream gradients are differentiated too.
        var all = new Tensor<double>[n + gradOutputs.Length];
        for (int k = 0; k < n; k++) all[k] = inputs[k].Detach().RequireGrad(wrt[k]);
        for (int k = 0; k < gradOutputs.Length; k++) all[n + k] = gradOutputs[k].Detach().RequireGrad();
        return GradChecker<double, double>.Run(Inner, Inner, all, CheckSettings.SecondOrder(o));
    }

    /// <summary>Seeded random upstream gradients of the outputs' shapes.</summary>
    private static Tensor<double>[] RandomUpstream(Func<Tensor<double>[], Tensor<double>[]> f, Tensor<double>[] inputs, ulong seed)
    {
        Tensor<double>[] outs;
        using (Tape.NoGrad()) outs = f(inputs.Select(x => x.Detach()).ToArray());
        var gen = new Generator(seed ^ 0x6A4D);
        return outs.Select(y => Tensor<double>.RandomNormal(gen, y.Shape.Dims.ToArray())).ToArray();
    }
}
