using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// The lookup of <see cref="Embedding{T}"/>: <c>y[i, :] = weight[indices[i], :]</c>, the rows of the weight
/// [numEmbeddings, dim] gathered into [..., dim] (PyTorch's <c>embedding</c>, grad_fn <c>EmbeddingBackward0</c>).
/// Backward: the gradient's rows added back into zeros of the weight's shape (<see cref="EmbeddingScatterFunction{T}"/>),
/// so a repeated index accumulates.
/// </summary>
internal sealed class EmbeddingFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int[] indices;

    private EmbeddingFunction(int[] indices) => this.indices = indices;

    public override string Name => "Embedding";

    // Backward needs only the indices and the weight's shape.
    protected internal override bool SavesInput(int index) => false;

    public override string Arguments => $"indices={indices.Length}";

    /// <summary>The rows <paramref name="indices"/> of <paramref name="weight"/>, shaped <paramref name="shape"/> (the indices' shape and dim).</summary>
    public static Tensor<T> Apply(Tensor<T> weight, int[] indices, TensorShape shape)
    {
        int dim = weight.Shape[1];
        var y = Tensor<T>.Zeros(shape);
        ReadOnlySpan<T> src = weight.ReadOnlySpan;
        Span<T> dst = y.Span;
        for (int i = 0; i < indices.Length; i++)
            src.Slice(indices[i] * dim, dim).CopyTo(dst.Slice(i * dim, dim));
        return Tape.ShouldRecord(weight) ? Tape.Record(new EmbeddingFunction<T>(indices), y, weight) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) =>
        [EmbeddingScatterFunction<T>.Apply(g, indices, Inputs[0].Shape)];
}

/// <summary>
/// The backward of <see cref="EmbeddingFunction{T}"/>: zeros of the weight's shape with row <c>i</c> of <c>g</c>
/// added into row <c>indices[i]</c>. Its own backward gathers the rows again, so gradients of gradients work.
/// </summary>
internal sealed class EmbeddingScatterFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int[] indices;

    private EmbeddingScatterFunction(int[] indices) => this.indices = indices;

    public override string Name => "EmbeddingScatter";

    // Backward needs only the indices and the gradient's shape.
    protected internal override bool SavesInput(int index) => false;

    public override string Arguments => $"indices={indices.Length}";

    public static Tensor<T> Apply(Tensor<T> g, int[] indices, TensorShape weightShape)
    {
        int dim = weightShape[1];
        var y = Tensor<T>.Zeros(weightShape);
        ReadOnlySpan<T> src = g.ReadOnlySpan;
        Span<T> dst = y.Span;
        for (int i = 0; i < indices.Length; i++)
        {
            var row = dst.Slice(indices[i] * dim, dim);
            var add = src.Slice(i * dim, dim);
            for (int j = 0; j < dim; j++) row[j] += add[j];
        }
        return Tape.ShouldRecord(g) ? Tape.Record(new EmbeddingScatterFunction<T>(indices), y, g) : y;
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> gg, ReadOnlySpan<bool> needs) =>
        [EmbeddingFunction<T>.Apply(gg, indices, Inputs[0].Shape)];
}
