using System.Globalization;
using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// A lookup table of learned vectors, as PyTorch's <c>nn.Embedding</c>: index <c>i</c> maps to row <c>i</c> of
/// <see cref="Weight"/> [numEmbeddings, embeddingDim]; indices of shape S give an output of shape [*S, embeddingDim].
/// </summary>
/// <remarks>
/// <para>Formula: <c>y[..., :] = weight[index, :]</c>. Derivative: the gradient of each output row is added into
/// the weight row it came from, so an index used k times gets the sum of k gradients; rows never looked up get 0.
/// The gather and its scatter-add are a pair of ops, each the other's backward, so gradients of gradients work.</para>
/// <para>The weight starts as standard normal draws N(0, 1) from the given generator, as PyTorch's
/// <c>reset_parameters</c> (<c>normal_</c>); with <see cref="Generator.PyTorchCompatible"/> they are PyTorch's
/// values after <c>torch.manual_seed</c>. PyTorch's <c>padding_idx</c>, <c>max_norm</c> and sparse gradients are not
/// offered.</para>
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Embedding<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the table and draws its weight from <paramref name="generator"/>.</summary>
    /// <param name="numEmbeddings">The number of rows (valid indices are 0 to numEmbeddings - 1).</param>
    /// <param name="embeddingDim">The length of each row.</param>
    /// <param name="generator">The seeded generator the initial weight comes from.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public Embedding(int numEmbeddings, int embeddingDim, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numEmbeddings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embeddingDim);
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        Weight = RegisterParameter("weight", Tensor<T>.RandomNormal(generator, numEmbeddings, embeddingDim));
    }

    /// <summary>The number of rows.</summary>
    public int NumEmbeddings { get; }

    /// <summary>The length of each row.</summary>
    public int EmbeddingDim { get; }

    /// <summary>The table, [numEmbeddings, embeddingDim].</summary>
    public Tensor<T> Weight { get; }

    /// <summary>The rows of <paramref name="indices"/>: shape [indices.Length, embeddingDim].</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, numEmbeddings).</exception>
    public Tensor<T> Forward(ReadOnlySpan<int> indices) => Forward(indices.ToArray(), new TensorShape(indices.Length));

    /// <summary>The rows of <paramref name="indices"/> laid out in <paramref name="shape"/>: shape [*shape, embeddingDim].</summary>
    /// <exception cref="ArgumentException"><paramref name="shape"/> does not hold indices.Length elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, numEmbeddings).</exception>
    public Tensor<T> Forward(int[] indices, TensorShape shape)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (shape.Length != indices.Length)
            throw new ArgumentException($"Embedding: shape {shape} holds {shape.Length} indices, but {indices.Length} were given.", nameof(shape));
        if (shape.Rank >= TensorShape.MaxRank)
            throw new ArgumentException($"Embedding: indices of rank {shape.Rank} would give an output above rank {TensorShape.MaxRank}.", nameof(shape));
        for (int i = 0; i < indices.Length; i++)
            if ((uint)indices[i] >= (uint)NumEmbeddings)
                throw new ArgumentOutOfRangeException(nameof(indices),
                    $"Embedding: index {indices[i]} (element {i}) is out of range for {NumEmbeddings} embeddings.");
        return EmbeddingFunction<T>.Apply(Weight, (int[])indices.Clone(), new TensorShape([.. shape.Dims, EmbeddingDim]));
    }

    /// <summary>
    /// The rows of the indices held as values of <paramref name="input"/> (each a whole number in
    /// [0, numEmbeddings)): shape [*input.Shape, embeddingDim]. The input gets no gradient.
    /// </summary>
    /// <exception cref="ArgumentException">An element is not a whole number.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, numEmbeddings).</exception>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var values = input.ReadOnlySpan;
        var indices = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (!T.IsInteger(values[i]))
                throw new ArgumentException($"Embedding: input element {i} is {values[i]}, not an index.", nameof(input));
            indices[i] = int.CreateSaturating(values[i]);
        }
        return Forward(indices, input.Shape);
    }

    /// <inheritdoc/>
    protected override string ExtraRepresentation() =>
        string.Create(CultureInfo.InvariantCulture, $"numEmbeddings: {NumEmbeddings}, embeddingDim: {EmbeddingDim}");
}
