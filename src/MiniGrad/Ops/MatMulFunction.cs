using System.Numerics;

namespace MiniGrad.Ops;

/// <summary>
/// <c>C = op(A) @ op(B)</c> for 2-D tensors, where <c>op</c> transposes an operand without copying it.
/// Backward, for <c>C = A @ B</c>: <c>dA = g @ Bᵀ</c>, <c>dB = Aᵀ @ g</c>; the transposed cases move the
/// transposes onto the operands so that nothing is copied there either.
/// </summary>
internal sealed class MatMulFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly bool transposeA, transposeB;

    private MatMulFunction(bool transposeA, bool transposeB) => (this.transposeA, this.transposeB) = (transposeA, transposeB);

    // PyTorch records a product of two matrices as mm (MmBackward0), transposed operands included.
    public override string Name => "Mm";

    public override string Arguments =>
        (transposeA, transposeB) switch { (false, false) => "", (true, false) => "Aᵀ", (false, true) => "Bᵀ", _ => "Aᵀ, Bᵀ" };

    public static Tensor<T> Apply(Tensor<T> a, Tensor<T> b, bool transposeA, bool transposeB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        string Describe() => $"matmul: {a.Shape}{(transposeA ? "ᵀ" : "")} @ {b.Shape}{(transposeB ? "ᵀ" : "")}";
        if (a.Rank != 2 || b.Rank != 2)
            throw new ArgumentException($"{Describe()}: both operands must be 2-D (rank {a.Rank} and {b.Rank} given).");
        int m = transposeA ? a.Shape[1] : a.Shape[0];
        int k = transposeA ? a.Shape[0] : a.Shape[1];
        int kb = transposeB ? b.Shape[1] : b.Shape[0];
        int n = transposeB ? b.Shape[0] : b.Shape[1];
        if (k != kb)
            throw new ArgumentException($"{Describe()}: inner dimensions {k} and {kb} differ");
        var y = Tensor<T>.Allocate(new TensorShape(m, n), clear: false);
        Kernels.MatMul.Multiply(a.ReadOnlySpan, b.ReadOnlySpan, y.Span, m, k, n, transposeA, transposeB);
        return Tape.ShouldRecord(a, b) ? Tape.Record(new MatMulFunction<T>(transposeA, transposeB), y, a, b) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs)
    {
        var (a, b) = (Inputs[0], Inputs[1]);
        Tensor<T>? da = null, db = null;
        switch (transposeA, transposeB)
        {
            case (false, false): // C = A B
                if (needs[0]) da = Apply(g, b, false, true);
                if (needs[1]) db = Apply(a, g, true, false);
                break;
            case (true, false): // C = Aᵀ B
                if (needs[0]) da = Apply(b, g, false, true);
                if (needs[1]) db = Apply(a, g, false, false);
                break;
            case (false, true): // C = A Bᵀ
                if (needs[0]) da = Apply(g, b, false, false);
                if (needs[1]) db = Apply(g, a, true, false);
                break;
            case (true, true): // C = Aᵀ Bᵀ
                if (needs[0]) da = Apply(b, g, true, true);
                if (needs[1]) db = Apply(g, a, true, true);
                break;
        }
        return [da, db];
    }
}
