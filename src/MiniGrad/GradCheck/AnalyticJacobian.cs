using System.Numerics;

namespace MiniGrad;

/// <summary>
/// The analytic side: the function under test run once on fresh leaves, and its Jacobian read by backward passes
/// from those outputs, one vector-Jacobian product per pass (PyTorch's row-by-row Jacobian). The graph is retained,
/// so that every mode can go backward as often as it needs.
/// </summary>
internal sealed class AnalyticJacobian<TA>
    where TA : unmanaged, IBinaryFloatingPointIeee754<TA>
{
    private readonly int[] checkedInputs;

    public AnalyticJacobian(Func<Tensor<TA>[], Tensor<TA>[]> f, InputLeaves<TA> inputs)
    {
        checkedInputs = inputs.Checked;
        Leaves = inputs.Analytic();
        Outputs = CheckValidation.AnalyticOutputs(f(Leaves));
        Wrt = new Tensor<TA>[checkedInputs.Length];
        for (int c = 0; c < Wrt.Length; c++) Wrt[c] = Leaves[checkedInputs[c]];
    }

    /// <summary>The leaves the function ran on, one per input.</summary>
    public Tensor<TA>[] Leaves { get; }

    /// <summary>The function's outputs.</summary>
    public Tensor<TA>[] Outputs { get; }

    /// <summary>The leaves of the checked inputs, in the order of <see cref="InputLeaves{TA}.Checked"/>.</summary>
    public Tensor<TA>[] Wrt { get; }

    /// <summary>The input index of the <paramref name="c"/>-th checked input, as reports name it.</summary>
    public int CheckedIndex(int c) => checkedInputs[c];

    /// <summary>
    /// The gradients of <paramref name="output"/> for the checked leaves given <paramref name="upstream"/>, as tensors
    /// (null where unreached), each checked for its input's shape. Temporaries: read them before their scope ends.
    /// </summary>
    public Tensor<TA>?[] Gradients(Tensor<TA> output, Tensor<TA> upstream)
    {
        var grads = Autograd.Grad(output, Wrt, upstream, retainGraph: true);
        for (int c = 0; c < grads.Length; c++)
            if (grads[c] is { } g && g.Shape != Wrt[c].Shape)
                throw new InvalidOperationException(
                    $"the gradient for input {checkedInputs[c]} has shape {g.Shape} but the input has shape {Wrt[c].Shape}");
        return grads;
    }

    /// <summary>The gradients of <paramref name="output"/> for the checked leaves given <paramref name="upstream"/>, as doubles (zeros where unreached).</summary>
    public double[][] Vjp(Tensor<TA> output, Tensor<TA> upstream)
    {
        var result = new double[Wrt.Length][];
        if (!output.RequiresGrad)
        {
            for (int c = 0; c < result.Length; c++) result[c] = new double[Wrt[c].Length];
            return result;
        }
        var grads = Gradients(output, upstream);
        for (int c = 0; c < result.Length; c++)
            result[c] = grads[c] is { } g ? DoubleSpans.ToArray(g.ReadOnlySpan) : new double[Wrt[c].Length];
        return result;
    }

    /// <summary>
    /// The whole Jacobian of every output for every checked input, row by row (one backward pass per output
    /// element): <c>[o][c][j * inLen + i]</c> = d out_o[j] / d in_c[i].
    /// </summary>
    public double[][][] Rows()
    {
        var rows = new double[Outputs.Length][][];
        for (int o = 0; o < Outputs.Length; o++)
        {
            var output = Outputs[o];
            rows[o] = new double[Wrt.Length][];
            int outLen = output.Length;
            for (int c = 0; c < Wrt.Length; c++) rows[o][c] = new double[(long)outLen * Wrt[c].Length];
            if (!output.RequiresGrad) continue;
            var seed = Tensor<TA>.Zeros(output.Shape);
            for (int j = 0; j < outLen; j++)
            {
                seed.Span[j] = TA.One;
                var row = Vjp(output, seed);
                seed.Span[j] = TA.Zero;
                for (int c = 0; c < row.Length; c++)
                    row[c].CopyTo(rows[o][c], (long)j * row[c].Length);
            }
        }
        return rows;
    }
}
