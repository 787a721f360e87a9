using System.Numerics;

namespace MiniGrad.Ops;

/// <summary>The same elements with another shape (a view, no copy). Backward: the gradient reshaped back.</summary>
internal sealed class ReshapeFunction<T> : Function<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private ReshapeFunction()
    {
    }

    public override string Name => "Reshape";

    // Backward needs only the input's shape, so writing into the input after the forward pass is harmless.
    protected internal override bool SavesInput(int index) => false;

    public static Tensor<T> Apply(Tensor<T> x, TensorShape shape)
    {
        if (shape.Length != x.Length)
            throw new ArgumentException($"reshape: shape {x.Shape} ({x.Length} elements) cannot become {shape} ({shape.Length} elements).");
        // Even to the same shape the result is a new view, never x itself: disposing it must not dispose x.
        var y = x.View(0, shape);
        return Tape.ShouldRecord(x) ? Tape.Record(new ReshapeFunction<T>(), y, x) : y;
    }

    /// <summary>Resolves one <c>-1</c> in <paramref name="dims"/> from the element count, as PyTorch's view.</summary>
    public static TensorShape Infer(TensorShape from, int[] dims)
    {
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1)
            {
                if (unknown >= 0) throw new ArgumentException($"reshape: only one dimension can be -1, got [{string.Join(", ", dims)}].");
                unknown = i;
            }
            else if (dims[i] < 0)
            {
                throw new ArgumentException($"reshape: invalid dimension {dims[i]} in [{string.Join(", ", dims)}].");
            }
            else
            {
                known *= dims[i];
            }
        }
        if (unknown < 0) return new TensorShape(dims);
        if (known == 0 || from.Length % known != 0)
            throw new ArgumentException($"reshape: shape {from} ({from.Length} elements) cannot become [{string.Join(", ", dims)}].");
        var resolved = (int[])dims.Clone();
        resolved[unknown] = (int)(from.Length / known);
        return new TensorShape(resolved);
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) => [g.Reshape(Inputs[0].Shape)];
}
