using System.Numerics;

namespace MiniGrad;

public sealed partial class Tensor<T>
{
    /// <summary>A tensor of zeros.</summary>
    public static Tensor<T> Zeros(params int[] shape) => Allocate(new TensorShape(shape), clear: true);

    /// <summary>A tensor of zeros with <paramref name="shape"/>.</summary>
    public static Tensor<T> Zeros(TensorShape shape) => Allocate(shape, clear: true);

    /// <summary>A tensor of ones.</summary>
    public static Tensor<T> Ones(params int[] shape) => Full(T.One, shape);

    /// <summary>A tensor of ones with <paramref name="shape"/>.</summary>
    public static Tensor<T> Ones(TensorShape shape) => Full(T.One, shape);

    /// <summary>A tensor with every element set to <paramref name="value"/>.</summary>
    public static Tensor<T> Full(T value, params int[] shape) => Full(value, new TensorShape(shape));

    /// <summary>A tensor with every element set to <paramref name="value"/>.</summary>
    public static Tensor<T> Full(T value, TensorShape shape)
    {
        var t = Allocate(shape, clear: false);
        t.Span.Fill(value);
        return t;
    }

    /// <summary>A rank-0 tensor holding <paramref name="value"/>.</summary>
    public static Tensor<T> Scalar(T value) => Full(value, new TensorShape());

    /// <summary>
    /// A tensor holding a copy of <paramref name="data"/> with <paramref name="shape"/>; with no shape, a vector.
    /// </summary>
    /// <exception cref="ArgumentException">The shape's element count differs from the data's length.</exception>
    public static Tensor<T> FromArray(T[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = shape.Length == 0 ? new TensorShape(data.Length) : new TensorShape(shape);
        if (s.Length != data.Length)
            throw new ArgumentException($"FromArray: shape {s} holds {s.Length} elements but {data.Length} were given.", nameof(shape));
        var t = Allocate(s, clear: false);
        data.CopyTo(t.Span);
        return t;
    }

    /// <summary>A tensor holding a copy of the values of <paramref name="data"/>, with <paramref name="shape"/>.</summary>
    public static Tensor<T> FromSpan(ReadOnlySpan<T> data, TensorShape shape)
    {
        if (shape.Length != data.Length)
            throw new ArgumentException($"FromSpan: shape {shape} holds {shape.Length} elements but {data.Length} were given.", nameof(shape));
        var t = Allocate(shape, clear: false);
        data.CopyTo(t.Span);
        return t;
    }

    /// <summary>A rank-2 tensor holding a copy of <paramref name="data"/>.</summary>
    public static Tensor<T> FromArray(T[,] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int rows = data.GetLength(0), cols = data.GetLength(1);
        var t = Allocate(new TensorShape(rows, cols), clear: false);
        var span = t.Span;
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                span[i * cols + j] = data[i, j];
        return t;
    }

    /// <summary>
    /// The values <c>start, start + step, ...</c> below <paramref name="end"/> (above it for a negative step), as
    /// <c>torch.arange</c>: <c>ceil((end - start) / step)</c> elements.
    /// </summary>
    public static Tensor<T> Arange(T start, T end, T step)
    {
        if (step == T.Zero || !T.IsFinite(step))
            throw new ArgumentException($"Arange: step must be finite and non-zero, got {step}.", nameof(step));
        if (!T.IsFinite(start) || !T.IsFinite(end))
            throw new ArgumentException($"Arange: start ({start}) and end ({end}) must be finite.");
        double count = Math.Ceiling(double.CreateChecked((end - start) / step));
        if (count < 0)
            throw new ArgumentException($"Arange: end {end} cannot be reached from start {start} with step {step}.");
        if (count > Array.MaxLength)
            throw new ArgumentException($"Arange: {count} elements are too many.");
        int n = (int)count;
        var t = Allocate(new TensorShape(n), clear: false);
        var span = t.Span;
        for (int i = 0; i < n; i++) span[i] = start + T.CreateChecked(i) * step;
        return t;
    }

    /// <summary>The integers <c>0 .. end-1</c> as values.</summary>
    public static Tensor<T> Arange(int end) => Arange(T.Zero, T.CreateChecked(end), T.One);

    /// <summary>
    /// <paramref name="steps"/> evenly spaced values from <paramref name="start"/> to <paramref name="end"/> inclusive.
    /// As in PyTorch, the first half counts up from start and the second half down from end, so both ends are exact.
    /// </summary>
    public static Tensor<T> Linspace(T start, T end, int steps)
    {
        if (steps < 0)
            throw new ArgumentException($"Linspace: steps must be >= 0, got {steps}.", nameof(steps));
        var t = Allocate(new TensorShape(steps), clear: false);
        var span = t.Span;
        if (steps == 1) span[0] = start;
        if (steps <= 1) return t;
        T step = (end - start) / T.CreateChecked(steps - 1);
        int half = steps / 2;
        for (int i = 0; i < steps; i++)
            span[i] = i < half ? start + step * T.CreateChecked(i) : end - step * T.CreateChecked(steps - 1 - i);
        return t;
    }

    /// <summary>Samples of a normal distribution (mean 0, standard deviation 1 unless given) from <paramref name="generator"/>.</summary>
    public static Tensor<T> RandomNormal(Generator generator, params int[] shape) => RandomNormal(generator, 0.0, 1.0, shape);

    /// <summary>Samples of a normal distribution with <paramref name="mean"/> and <paramref name="std"/>.</summary>
    public static Tensor<T> RandomNormal(Generator generator, double mean, double std, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (!(std >= 0) || !double.IsFinite(mean))
            throw new ArgumentException($"RandomNormal: std must be >= 0 and mean finite, got mean {mean}, std {std}.");
        var t = Allocate(new TensorShape(shape), clear: false);
        generator.FillNormal(t.Span, mean, std);
        return t;
    }

    /// <summary>Samples of a uniform distribution on [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static Tensor<T> RandomUniform(Generator generator, double low, double high, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (!(low <= high) || !double.IsFinite(low) || !double.IsFinite(high))
            throw new ArgumentException($"RandomUniform: need finite low <= high, got low {low}, high {high}.");
        var t = Allocate(new TensorShape(shape), clear: false);
        generator.FillUniform(t.Span, low, high);
        return t;
    }

    /// <summary>A tensor of zeros shaped like <paramref name="other"/>.</summary>
    public static Tensor<T> ZerosLike(Tensor<T> other) => Zeros(other.Shape);

    /// <summary>A tensor of ones shaped like <paramref name="other"/>.</summary>
    public static Tensor<T> OnesLike(Tensor<T> other) => Ones(other.Shape);

}

/// <summary>Type-inferring factories: <c>Tensor.FromArray(new[] { 1.0, 2.0 })</c> is a <see cref="Tensor{T}"/> of double.</summary>
public static partial class Tensor
{
    /// <summary>A tensor holding a copy of <paramref name="data"/> with <paramref name="shape"/> (a vector when none).</summary>
    public static Tensor<T> FromArray<T>(T[] data, params int[] shape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Tensor<T>.FromArray(data, shape);

    /// <summary>A rank-2 tensor holding a copy of <paramref name="data"/>.</summary>
    public static Tensor<T> FromArray<T>(T[,] data)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Tensor<T>.FromArray(data);

    /// <summary>A rank-0 tensor holding <paramref name="value"/>.</summary>
    public static Tensor<T> Scalar<T>(T value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Tensor<T>.Scalar(value);
}
