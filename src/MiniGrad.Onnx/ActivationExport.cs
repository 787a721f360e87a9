using Onnx;
using static MiniGrad.Onnx.OnnxGraphBuilder;

namespace MiniGrad.Onnx;

/// <summary>
/// The element-wise activations as ONNX opset 17 nodes. Where opset 17 has the activation as one op (Relu, Elu,
/// Selu, Celu, HardSwish, ...) it is that op with PyTorch's constants; where it has none (Gelu, Mish, Silu, LogSigmoid,
/// Tanhshrink, Threshold) or where the op lacks PyTorch's parameters (Softplus's beta and threshold) the activation is
/// composed from the ops of its formula, in the order PyTorch computes it.
/// </summary>
internal static class ActivationExport
{
    // PyTorch's SELU constants (torch/nn/functional.py and ATen's Activation.cpp), as MiniGrad's Selu uses them.
    private const double SeluAlpha = 1.6732632423543772848170429916717, SeluScale = 1.0507009873554804934193349852946;

    /// <summary>One op with <paramref name="attributes"/>.</summary>
    public static string Op(OnnxGraphBuilder b, string scope, string op, string x, params AttributeProto[] attributes) =>
        b.Node(scope, op, [x], attributes);

    public static string Selu(OnnxGraphBuilder b, string scope, string x) =>
        Op(b, scope, "Selu", x, Attribute("alpha", (float)SeluAlpha), Attribute("gamma", (float)SeluScale));

    /// <summary>
    /// PyTorch's <c>x·β &gt; threshold ? x : log(1 + exp(β·x)) / β</c>: ONNX's Softplus has neither β nor the
    /// threshold, so both are composed around it (the threshold with Greater and Where, so that above it the output is
    /// <c>x</c> itself, as in PyTorch).
    /// </summary>
    public static string Softplus(OnnxGraphBuilder b, string scope, string x, double beta, double threshold)
    {
        string scaled = beta == 1 ? x : b.Node(scope, "Mul", [x, b.Scalar(scope, "beta", beta)]);
        string soft = b.Node(scope, "Softplus", [scaled]);
        if (beta != 1) soft = b.Node(scope, "Div", [soft, b.Scalar(scope, "beta", beta)]);
        string above = b.Node(scope, "Greater", [scaled, b.Scalar(scope, "threshold", threshold)]);
        return b.Node(scope, "Where", [above, x, soft]);
    }

    /// <summary>
    /// <c>0.5·x·(1 + erf(x / √2))</c>, or with the tanh approximation <c>0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))</c>:
    /// opset 17 has no Gelu op (it came in opset 20).
    /// </summary>
    public static string Gelu(OnnxGraphBuilder b, string scope, string x, GeluApproximation approximate)
    {
        string inner;
        if (approximate == GeluApproximation.Tanh)
        {
            string cube = b.Node(scope, "Mul", [b.Node(scope, "Mul", [x, x]), x]);
            string sum = b.Node(scope, "Add", [x, b.Node(scope, "Mul", [cube, b.Scalar(scope, "kappa", 0.044715)])]);
            inner = b.Node(scope, "Tanh", [b.Node(scope, "Mul", [sum, b.Scalar(scope, "sqrt_2_over_pi", Math.Sqrt(2 / Math.PI))])]);
        }
        else
        {
            inner = b.Node(scope, "Erf", [b.Node(scope, "Mul", [x, b.Scalar(scope, "one_over_sqrt_2", 1 / Math.Sqrt(2))])]);
        }
        string onePlus = b.Node(scope, "Add", [inner, b.Scalar(scope, "one", 1)]);
        return b.Node(scope, "Mul", [b.Node(scope, "Mul", [x, b.Scalar(scope, "half", 0.5)]), onePlus]);
    }

    /// <summary><c>x·tanh(softplus(x))</c>: opset 17 has no Mish op (it came in opset 18).</summary>
    public static string Mish(OnnxGraphBuilder b, string scope, string x) =>
        b.Node(scope, "Mul", [x, b.Node(scope, "Tanh", [b.Node(scope, "Softplus", [x])])]);

    /// <summary><c>x·sigmoid(x)</c>.</summary>
    public static string Silu(OnnxGraphBuilder b, string scope, string x) =>
        b.Node(scope, "Mul", [x, b.Node(scope, "Sigmoid", [x])]);

    /// <summary><c>-softplus(-x)</c>, which ONNX Runtime's Softplus computes without overflow for large |x|.</summary>
    public static string LogSigmoid(OnnxGraphBuilder b, string scope, string x) =>
        b.Node(scope, "Neg", [b.Node(scope, "Softplus", [b.Node(scope, "Neg", [x])])]);

    /// <summary><c>x - tanh(x)</c>.</summary>
    public static string Tanhshrink(OnnxGraphBuilder b, string scope, string x) =>
        b.Node(scope, "Sub", [x, b.Node(scope, "Tanh", [x])]);

    /// <summary>Clip between <paramref name="min"/> and <paramref name="max"/> (Relu6, Hardtanh).</summary>
    public static string Clip(OnnxGraphBuilder b, string scope, string x, double min, double max) =>
        b.Node(scope, "Clip", [x, b.Scalar(scope, "min", min), b.Scalar(scope, "max", max)]);

    /// <summary>
    /// ONNX's Shrink: <c>x &lt; -λ ? x + bias : x &gt; λ ? x - bias : 0</c>; Hardshrink is bias 0, Softshrink bias λ.
    /// </summary>
    public static string Shrink(OnnxGraphBuilder b, string scope, string x, double lambda, double bias) =>
        Op(b, scope, "Shrink", x, Attribute("lambd", (float)lambda), Attribute("bias", (float)bias));

    /// <summary>PyTorch's <c>x &gt; threshold ? x : value</c>.</summary>
    public static string Threshold(OnnxGraphBuilder b, string scope, string x, double threshold, double value)
    {
        string above = b.Node(scope, "Greater", [x, b.Scalar(scope, "threshold", threshold)]);
        return b.Node(scope, "Where", [above, x, b.Scalar(scope, "value", value)]);
    }

    /// <summary>
    /// PReLU with PyTorch's slopes: one for all, or one per channel (dim 1), which ONNX broadcasts from the trailing
    /// dims, so the slopes are shaped <c>[C, 1, ..., 1]</c> with one 1 per dim after the channels.
    /// </summary>
    public static string Prelu(OnnxGraphBuilder b, string scope, string x, float[] slopes, int inputRank, string name)
    {
        long[] dims = slopes.Length == 1 ? [1] : [slopes.Length, .. Enumerable.Repeat(1L, Math.Max(0, inputRank - 2))];
        return b.Node(scope, "PRelu", [x, b.Floats(name, slopes, dims)]);
    }

    /// <summary>
    /// GLU along <paramref name="axis"/> of size <paramref name="size"/>: the first half times the sigmoid of the
    /// second half.
    /// </summary>
    public static string Glu(OnnxGraphBuilder b, string scope, string x, int axis, int size)
    {
        var halves = b.Node(scope, "Split", [x, b.Int64s(scope + "/split", size / 2, size / 2)], 2, Attribute("axis", (long)axis));
        return b.Node(scope, "Mul", [halves[0], b.Node(scope, "Sigmoid", [halves[1]])]);
    }
}
