using System.Numerics;

namespace MiniGrad.Ops;

/// <summary>
/// <c>C[i] = op(A[i]) @ op(B[i])</c> for 3-D tensors of one batch size (<c>torch.bmm</c>, <c>BmmBackward0</c>), where
/// <c>op</c> transposes the last two dims of an operand without copying it. Backward as for a 2-D product, batch by
/// batch: <c>dA = g @ Bᵀ</c>, <c>dB = Aᵀ @ g</c>, with the transposes moved onto the operands.
/// </summary>
internal sealed class BmmFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly bool transposeA, transposeB;

    private BmmFunction(bool transposeA, bool transposeB) => (this.transposeA, this.transposeB) = (transposeA, transposeB);

    public override string Name => "Bmm";

    public override string Arguments =>
        (transposeA, transposeB) switch { (false, false) => "", (true, false) => "Aᵀ", (false, true) => "Bᵀ", _ => "Aᵀ, Bᵀ" };

    public static Tensor<T> Apply(Tensor<T> a, Tensor<T> b, bool transposeA = false, bool transposeB = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        string Describe() => $"bmm: {a.Shape}{(transposeA ? "ᵀ" : "")} @ {b.Shape}{(transposeB ? "ᵀ" : "")}";
        if (a.Rank != 3 || b.Rank != 3)
            throw new ArgumentException($"{Describe()}: both operands must be 3-D, [batch, rows, columns] (rank {a.Rank} and {b.Rank} given).");
        int batch = a.Shape[0];
        if (b.Shape[0] != batch)
            throw new ArgumentException($"{Describe()}: the batch sizes {batch} and {b.Shape[0]} differ; Tensor.MatMul broadcasts batch dims, bmm does not.");
        int m = transposeA ? a.Shape[2] : a.Shape[1];
        int k = transposeA ? a.Shape[1] : a.Shape[2];
        int kb = transposeB ? b.Shape[2] : b.Shape[1];
        int n = transposeB ? b.Shape[1] : b.Shape[2];
        if (k != kb) throw new ArgumentException($"{Describe()}: inner dimensions {k} and {kb} differ.");
        var y = Tensor<T>.Allocate(new TensorShape(batch, m, n), clear: false);
        ReadOnlySpan<T> xa = a.ReadOnlySpan, xb = b.ReadOnlySpan;
        Span<T> ys = y.Span;
        int sa = m * k, sb = k * n, sy = m * n;
        for (int i = 0; i < batch; i++)
            Kernels.MatMul.Multiply(xa.Slice(i * sa, sa), xb.Slice(i * sb, sb), ys.Slice(i * sy, sy), m, k, n, transposeA, transposeB);
        return Tape.ShouldRecord(a, b) ? Tape.Record(new BmmFunction<T>(transposeA, transposeB), y, a, b) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var (a, b) = (Inputs[0], Inputs[1]);
        return (transposeA, transposeB) switch
        {
            (false, false) => [needs[0] ? Apply(g, b, false, true) : null, needs[1] ? Apply(a, g, true, false) : null],
            (true, false) => [needs[0] ? Apply(b, g, false, true) : null, needs[1] ? Apply(a, g, false, false) : null],
            (false, true) => [needs[0] ? Apply(g, b, false, false) : null, needs[1] ? Apply(g, a, true, false) : null],
            _ => [needs[0] ? Apply(b, g, true, true) : null, needs[1] ? Apply(g, a, true, true) : null],
        };
    }
}
