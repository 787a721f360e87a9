using MiniGrad.Nn;

namespace MiniGrad.Examples;

/// <summary>
/// Tutorial 001's examples (ReLU, custom ReLU, Leaky ReLU, Sigmoid, Tanh, Softmax on small float tensors), producing
/// its printed lines, line for line.
/// </summary>
public static class Tutorial001
{
    /// <summary>The lines the tutorial's code prints, in its order.</summary>
    public static IEnumerable<string> Lines()
    {
        var x = Tensor.FromArray(new[] { -1.0f, 2.0f, -3.0f, 4.0f, 0.0f });

        // Using PyTorch's built-in ReLU
        var relu = new Relu<float>();
        yield return $"PyTorch ReLU: {relu.Forward(x)}";

        // Custom ReLU implementation (NumPy's np.maximum(0, x) on an integer array)
        int[] xNp = [-1, 2, -3, 4, 0];
        yield return $"Custom ReLU: {NumPyIntArray(CustomRelu(xNp))}";

        var leakyRelu = new LeakyRelu<float>(negativeSlope: 0.1);
        yield return $"Leaky ReLU: {leakyRelu.Forward(x)}";

        var sigmoid = new Sigmoid<float>();
        yield return $"Sigmoid: {sigmoid.Forward(x)}";

        var tanh = new Tanh<float>();
        yield return $"Tanh: {tanh.Forward(x)}";

        var softmax = new Softmax<float>(dim: 0);
        var y = softmax.Forward(Tensor.FromArray(new[] { 1.0f, 2.0f, 3.0f, 4.0f, 5.0f }));
        yield return $"Softmax: {y}";
        yield return $"Sum of probabilities: {y.Sum()}";
    }

    /// <summary>The tutorial's <c>custom_relu</c>: <c>np.maximum(0, x)</c>.</summary>
    public static int[] CustomRelu(int[] x) => x.Select(v => Math.Max(0, v)).ToArray();

    /// <summary>An integer array as NumPy prints it: <c>[0 2 0 4 0]</c>, every element padded to one width.</summary>
    public static string NumPyIntArray(int[] values)
    {
        int width = values.Max(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        return "[" + string.Join(" ", values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width))) + "]";
    }
}
