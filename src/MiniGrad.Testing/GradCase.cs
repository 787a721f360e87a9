using System.Globalization;

namespace MiniGrad.Testing;

/// <summary>One generated case: a shape and the values of a tensor of that shape.</summary>
/// <param name="Shape">The dimensions.</param>
/// <param name="Values">The elements in row-major order.</param>
public sealed record GradCase(int[] Shape, double[] Values)
{
    /// <summary>The case as a double tensor.</summary>
    public Tensor<double> ToTensor() => Tensor.FromArray(Values, Shape);

    /// <inheritdoc/>
    public override string ToString() =>
        $"shape [{string.Join(", ", Shape)}], values {{{string.Join(", ", Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}}}";
}
