using System.Numerics;
using MiniGrad.Ops;

namespace MiniGrad;

// The primitive ops as methods and operators of Tensor<T>. They live with the ops (this file is the Ops layer's
// face on the tensor type) so that the tensor core itself never reaches up into the op implementations.
public sealed partial class Tensor<T>
{
    /// <summary>
    /// <paramref name="result"/>, computed from <paramref name="operand"/>: a tensor made for this one op that nobody
    /// else sees (the scalar an operator such as <c>x * 2</c> wraps around its number, Dropout's mask). When the op was
    /// recorded, the graph owns the operand and a backward pass gives its buffer back with the graph's intermediates
    /// (<see cref="IsOwnedByGraph"/>); when it was not, nothing refers to the operand any more and its buffer goes back
    /// now. Left to the GC, pooled buffers (on the pinned heap) had cost a digits training run a full collection every
    /// 120 steps through Dropout's masks alone.
    /// </summary>
    internal static Tensor<T> WithOwnedOperand(Tensor<T> result, Tensor<T> operand)
    {
        if (result.GradFn is null) operand.Dispose();
        else operand.IsOwnedByGraph = true;
        return result;
    }

    /// <summary>
    /// <paramref name="op"/> of <paramref name="tensor"/> and the scalar tensor an operator such as <c>x * 2</c> makes
    /// of its <paramref name="number"/> (the left operand when <paramref name="numberFirst"/>), which the op owns
    /// (<see cref="WithOwnedOperand"/>).
    /// </summary>
    private static Tensor<T> WithScalar(Func<Tensor<T>, Tensor<T>, Tensor<T>> op, Tensor<T> tensor, T number, bool numberFirst)
    {
        var scalar = Scalar(number);
        return WithOwnedOperand(numberFirst ? op(scalar, tensor) : op(tensor, scalar), scalar);
    }

    /// <summary>Elementwise sum with broadcasting.</summary>
    public static Tensor<T> operator +(Tensor<T> a, Tensor<T> b) => AddFunction<T>.Apply(a, b);

    /// <summary>Adds a scalar to every element.</summary>
    public static Tensor<T> operator +(Tensor<T> a, T b) => WithScalar(AddFunction<T>.Apply, a, b, numberFirst: false);

    /// <summary>Adds a scalar to every element.</summary>
    public static Tensor<T> operator +(T a, Tensor<T> b) => WithScalar(AddFunction<T>.Apply, b, a, numberFirst: true);

    /// <summary>Elementwise difference with broadcasting.</summary>
    public static Tensor<T> operator -(Tensor<T> a, Tensor<T> b) => SubFunction<T>.Apply(a, b);

    /// <summary>Subtracts a scalar from every element.</summary>
    public static Tensor<T> operator -(Tensor<T> a, T b) => WithScalar(SubFunction<T>.Apply, a, b, numberFirst: false);

    /// <summary>A scalar minus every element.</summary>
    public static Tensor<T> operator -(T a, Tensor<T> b) => WithScalar(SubFunction<T>.Apply, b, a, numberFirst: true);

    /// <summary>Elementwise product with broadcasting.</summary>
    public static Tensor<T> operator *(Tensor<T> a, Tensor<T> b) => MulFunction<T>.Apply(a, b);

    /// <summary>Multiplies every element by a scalar.</summary>
    public static Tensor<T> operator *(Tensor<T> a, T b) => WithScalar(MulFunction<T>.Apply, a, b, numberFirst: false);

    /// <summary>Multiplies every element by a scalar.</summary>
    public static Tensor<T> operator *(T a, Tensor<T> b) => WithScalar(MulFunction<T>.Apply, b, a, numberFirst: true);

    /// <summary>Elementwise quotient with broadcasting.</summary>
    public static Tensor<T> operator /(Tensor<T> a, Tensor<T> b) => DivFunction<T>.Apply(a, b);

    /// <summary>Divides every element by a scalar.</summary>
    public static Tensor<T> operator /(Tensor<T> a, T b) => WithScalar(DivFunction<T>.Apply, a, b, numberFirst: false);

    /// <summary>A scalar divided by every element.</summary>
    public static Tensor<T> operator /(T a, Tensor<T> b) => WithScalar(DivFunction<T>.Apply, b, a, numberFirst: true);

    /// <summary>Negation.</summary>
    public static Tensor<T> operator -(Tensor<T> x) => NegFunction<T>.Apply(x);

    /// <summary>Elementwise sum with broadcasting.</summary>
    public Tensor<T> Add(Tensor<T> other) => AddFunction<T>.Apply(this, other);

    /// <summary>Elementwise difference with broadcasting.</summary>
    public Tensor<T> Sub(Tensor<T> other) => SubFunction<T>.Apply(this, other);

    /// <summary>Elementwise product with broadcasting.</summary>
    public Tensor<T> Mul(Tensor<T> other) => MulFunction<T>.Apply(this, other);

    /// <summary>Elementwise quotient with broadcasting.</summary>
    public Tensor<T> Div(Tensor<T> other) => DivFunction<T>.Apply(this, other);

    /// <summary><c>-x</c>.</summary>
    public Tensor<T> Neg() => NegFunction<T>.Apply(this);

    /// <summary><c>e^x</c> elementwise.</summary>
    public Tensor<T> Exp() => ExpFunction<T>.Apply(this);

    /// <summary>The natural logarithm elementwise.</summary>
    public Tensor<T> Log() => LogFunction<T>.Apply(this);

    /// <summary><c>x^exponent</c> elementwise for a scalar exponent.</summary>
    public Tensor<T> Pow(T exponent) => PowFunction<T>.Apply(this, exponent);

    /// <summary>The square root elementwise.</summary>
    public Tensor<T> Sqrt() => SqrtFunction<T>.Apply(this);

    /// <summary>The absolute value elementwise (gradient 0 at 0).</summary>
    public Tensor<T> Abs() => AbsFunction<T>.Apply(this);

    /// <summary>
    /// Each element limited to [<paramref name="min"/>, <paramref name="max"/>]: <c>min(max(x, min), max)</c>, as
    /// <c>torch.clamp</c> (so a min above max gives max everywhere). Gradient 1 inside the range, 0 outside.
    /// </summary>
    public Tensor<T> Clamp(T min, T max) => ClampFunction<T>.Apply(this, min, max);

    /// <summary>The sum of all elements, as a rank-0 tensor.</summary>
    public Tensor<T> Sum() => SumFunction<T>.Apply(this);

    /// <summary>The sum along <paramref name="dim"/> (negative counts from the end); <paramref name="keepDim"/> keeps it as size 1.</summary>
    /// <remarks>A rank-0 tensor takes dim 0 or -1, as in PyTorch, and is its own sum.</remarks>
    public Tensor<T> Sum(int dim, bool keepDim = false) =>
        Rank == 0 && dim is 0 or -1 ? SumFunction<T>.Apply(this) : SumFunction<T>.Apply(this, dim, keepDim);

    /// <summary>The mean of all elements, as a rank-0 tensor; NaN for an empty tensor, as PyTorch.</summary>
    public Tensor<T> Mean() => MeanFunction<T>.Apply(this);

    /// <summary>The mean along <paramref name="dim"/>; <paramref name="keepDim"/> keeps it as size 1; NaN over an empty dim.</summary>
    /// <remarks>A rank-0 tensor takes dim 0 or -1, as in PyTorch, and is its own mean.</remarks>
    public Tensor<T> Mean(int dim, bool keepDim = false) =>
        Rank == 0 && dim is 0 or -1 ? MeanFunction<T>.Apply(this) : MeanFunction<T>.Apply(this, dim, keepDim);

    /// <summary>The maximum along <paramref name="dim"/>; the gradient goes to the first maximal element.</summary>
    public Tensor<T> Max(int dim, bool keepDim = false)
    {
        int d = Shape.NormalizeDim(dim, "max");
        var indices = new int[Length / Math.Max(Shape[d], 1)];
        return MaxFunction<T>.Apply(this, d, keepDim, indices);
    }

    /// <summary>The maximum along <paramref name="dim"/> and the index of its first occurrence (PyTorch's <c>max(dim)</c>).</summary>
    public (Tensor<T> Values, int[] Indices) MaxWithIndices(int dim, bool keepDim = false)
    {
        int d = Shape.NormalizeDim(dim, "max");
        var indices = new int[Length / Math.Max(Shape[d], 1)];
        return (MaxFunction<T>.Apply(this, d, keepDim, indices), indices);
    }

    /// <summary>The index of the maximum along <paramref name="dim"/> for each position of the other dims.</summary>
    public int[] ArgMax(int dim)
    {
        using (Tape.NoGrad()) return MaxWithIndices(dim).Indices;
    }

    /// <summary>
    /// The product with <c>torch.matmul</c>'s rules (<c>x.matmul(y)</c>): the matrix product of 2-D tensors, and the
    /// 1-D and batched cases of <see cref="Tensor.MatMul{T}(Tensor{T}, Tensor{T})"/>.
    /// </summary>
    public Tensor<T> MatMul(Tensor<T> other) => Tensor.MatMul(this, other);

    /// <summary>
    /// The matrix product <c>op(a) @ op(b)</c> where a transposed operand is read in place, not copied
    /// (Linear computes <c>x @ Wᵀ</c> this way).
    /// </summary>
    public static Tensor<T> MatMul(Tensor<T> a, Tensor<T> b, bool transposeA = false, bool transposeB = false) =>
        MatMulFunction<T>.Apply(a, b, transposeA, transposeB);

    /// <summary>The same elements with another shape (a view); one dimension may be -1 to be inferred.</summary>
    public Tensor<T> Reshape(params int[] shape) => ReshapeFunction<T>.Apply(this, ReshapeFunction<T>.Infer(Shape, shape));

    /// <summary>The same elements with <paramref name="shape"/> (a view).</summary>
    public Tensor<T> Reshape(TensorShape shape) => ReshapeFunction<T>.Apply(this, shape);

    /// <summary>A copy with dims <paramref name="dim0"/> and <paramref name="dim1"/> swapped.</summary>
    public Tensor<T> Transpose(int dim0, int dim1) => TransposeFunction<T>.Apply(this, dim0, dim1);

    /// <summary>The transpose of a 2-D tensor (PyTorch's <c>t()</c>).</summary>
    public Tensor<T> Transpose()
    {
        if (Rank != 2) throw new InvalidOperationException($"transpose: Transpose() without dims needs a 2-D tensor, this one has shape {Shape}.");
        return TransposeFunction<T>.Apply(this, 0, 1);
    }

    /// <summary>
    /// This tensor summed over the dims along which it was broadcast from <paramref name="shape"/>; this tensor itself
    /// (not a copy) when it already has that shape.
    /// </summary>
    public Tensor<T> SumTo(TensorShape shape) => SumToFunction<T>.Apply(this, shape);

    /// <summary>
    /// This tensor stretched to the broadcast shape <paramref name="shape"/> (a copy); this tensor itself when it
    /// already has that shape.
    /// </summary>
    public Tensor<T> Expand(TensorShape shape) => ExpandFunction<T>.Apply(this, shape);
}

public static partial class Tensor
{
    /// <summary>
    /// <c>condition ? a : b</c> elementwise: nonzero elements of <paramref name="condition"/> pick from <paramref name="a"/>
    /// (<c>torch.where</c>). The three broadcast to one shape. Differentiable in <paramref name="a"/> and <paramref name="b"/>.
    /// </summary>
    public static Tensor<T> Where<T>(Tensor<T> condition, Tensor<T> a, Tensor<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => WhereFunction<T>.Apply(condition, a, b);
}
