using System.Numerics;

namespace MiniGrad;

/// <summary>
/// The numerical side's function, evaluated at the current values of its own leaves (which the difference schemes
/// perturb in place and restore), its outputs read out as doubles and their buffers given back to the pool.
/// </summary>
internal sealed class NumericalFunction<TN>(Func<Tensor<TN>[], Tensor<TN>[]> f, Tensor<TN>[] leaves, bool differentiatesInternally)
    where TN : unmanaged, IBinaryFloatingPointIeee754<TN>
{
    /// <summary>The leaves the function runs on, one per input.</summary>
    public Tensor<TN>[] Leaves => leaves;

    /// <summary>The outputs at the leaves' current values, as doubles.</summary>
    public double[][] Evaluate()
    {
        // The tensors made during the evaluation are temporaries: their buffers go back to the pool.
        var scope = TemporaryScope.Begin();
        bool completed = false;
        try
        {
            var result = ToDouble(EvaluateTensors());
            completed = true;
            return result;
        }
        finally
        {
            scope.End(completed);
        }
    }

    /// <summary>The outputs at the leaves' current values, as tensors (possibly sharing a leaf's buffer).</summary>
    public Tensor<TN>[] EvaluateTensors()
    {
        Tensor<TN>[] outs;
        if (differentiatesInternally)
        {
            // GradGradCheck's function: record on a scratch tape, dropped at once (dropping releases the entries;
            // the outputs stay readable).
            using var scratch = Tape.Begin();
            outs = f(leaves);
        }
        else
        {
            using (Tape.NoGrad()) outs = f(leaves);
        }
        return CheckValidation.NumericalOutputs(outs);
    }

    private double[][] ToDouble(Tensor<TN>[] outs)
    {
        var result = new double[outs.Length][];
        for (int o = 0; o < outs.Length; o++) result[o] = DoubleSpans.ToArray(outs[o].ReadOnlySpan);
        // Hand the buffers back to the pool (the next evaluation reuses them), except an output that is an input;
        // an output returned twice is disposed once.
        for (int o = 0; o < outs.Length; o++)
        {
            var t = outs[o];
            // Only tensors made inside this evaluation: never an input, nor a tensor the caller keeps.
            if (t.Origin != GradOrigin.NoGradScope || SharesStorageWithALeaf(t)) continue;
            bool seen = false;
            for (int p = 0; p < o && !seen; p++) seen = ReferenceEquals(outs[p], t);
            if (!seen) t.Dispose();
        }
        return result;
    }

    private bool SharesStorageWithALeaf(Tensor<TN> t)
    {
        foreach (var leaf in leaves)
            if (ReferenceEquals(leaf, t) || t.SharesStorageWith(leaf)) return true;
        return false;
    }
}
