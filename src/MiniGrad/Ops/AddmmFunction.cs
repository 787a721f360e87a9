using System.Numerics;

namespace MiniGrad.Ops;

/// <summary>
/// <c>y = x Wᵀ + b</c> for x [m, k], W [n, k], b [n]: a Linear layer in one tape entry, recorded as PyTorch records
/// <c>nn.Linear</c> (<c>AddmmBackward0</c>). Backward: <c>dx = g W</c>, <c>dW = gᵀ x</c>, <c>db = Σ_rows g</c>.
/// </summary>
/// <remarks>
/// Fused because MatMul then a broadcast Add costs two tape entries, two output buffers and a second pass over the
/// output for every layer of every step, which is most of a small network's step. The numbers are those of the
/// composed ops: the same GEMM, then the bias added row by row, and in backward the same three products and sum.
/// </remarks>
internal sealed class AddmmFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private AddmmFunction()
    {
    }

    public override string Name => "Addmm";

    // Backward reads the input and the weight (for each other's gradient); the bias's gradient needs only its shape.
    protected internal override bool SavesInput(int index) => index < 2;

    public static Tensor<T> Apply(Tensor<T> x, Tensor<T> weight, Tensor<T> bias)
    {
        // Shapes are checked by Functional.Linear, the only caller; the kernels check buffer lengths before any access.
        int m = x.Shape[0], k = x.Shape[1], n = weight.Shape[0];
        var y = Tensor<T>.Allocate(new TensorShape(m, n), clear: false);
        Kernels.MatMul.Multiply(x.ReadOnlySpan, weight.ReadOnlySpan, y.Span, m, k, n, transposeA: false, transposeB: true);
        Kernels.RowVector.AddToRows(y.Span, bias.ReadOnlySpan);
        return Tape.ShouldRecord(x, weight) || Tape.ShouldRecord(bias)
            ? Tape.Record(new AddmmFunction<T>(), y, x, weight, bias)
            : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) =>
        Backward(g, needs, GradientSinks<T>.None);

    internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs, GradientSinks<T> sinks)
    {
        var (x, weight, bias) = (Inputs[0], Inputs[1], Inputs[2]);
        Tensor<T>? dWeight = null;
        if (needs[1])
        {
            // A training step's largest gradient is written once, by the GEMM itself, with no buffer of its own and
            // no second pass to add or copy it into weight.Grad.
            int m = g.Shape[0], n = g.Shape[1], k = x.Shape[1];
            if (sinks.TryGet(1, out var weightGrad))
            {
                Kernels.MatMul.MultiplyAdd(g.ReadOnlySpan, x.ReadOnlySpan, weightGrad.Span, n, m, k, transposeA: true, transposeB: false);
            }
            else if (sinks.TryTakeEmpty(1, out var emptyGrad))
            {
                Kernels.MatMul.Multiply(g.ReadOnlySpan, x.ReadOnlySpan, emptyGrad.Span, n, m, k, transposeA: true, transposeB: false);
                sinks.Store(1, emptyGrad);
            }
            else
            {
                dWeight = MatMulFunction<T>.Apply(g, x, true, false);
            }
        }
        Tensor<T>? dBias = null;
        if (needs[2])
        {
            // The bias's gradient too goes straight into its Grad where the engine allows: no tensor of its own, no copy
            // (the bits of SumToFunction, then Grad + sum, as the engine adds).
            if (sinks.TryGet(2, out var biasGrad)) Kernels.Broadcasting.SumRowsTo(g.ReadOnlySpan, biasGrad.Span, addToTarget: true);
            else if (sinks.TryTakeEmpty(2, out var emptyBiasGrad))
            {
                Kernels.Broadcasting.SumRowsTo(g.ReadOnlySpan, emptyBiasGrad.Span, addToTarget: false);
                sinks.Store(2, emptyBiasGrad);
            }
            else dBias = SumToFunction<T>.Apply(g, bias.Shape);
        }
        return
        [
            needs[0] ? MatMulFunction<T>.Apply(g, weight, false, false) : null,
            dWeight,
            dBias,
        ];
    }
}
