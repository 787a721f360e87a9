using System.Globalization;
using System.Numerics;
using MiniGrad.Nn;
using static MiniGrad.Onnx.OnnxGraphBuilder;

namespace MiniGrad.Onnx;

/// <summary>
/// Walks a module tree and adds each module's ONNX nodes, in the order <see cref="Module{T}.Forward"/> runs them.
/// Two probe inputs (batch sizes 2 and 3, zeros) run through MiniGrad's own forward pass beside the walk: they give
/// each module's input shape (Flatten's target, Glu's split, PReLU's rank), let each module refuse a wrong
/// <c>inputShape</c> with its own message, and show which output dims follow the batch size.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
internal sealed class ModuleExport<T>(OnnxGraphBuilder builder)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The module kinds this exporter writes, for the refusal message.</summary>
    public const string Supported =
        "Sequential, Linear, Identity, Flatten, Dropout (eval), LayerNorm, BatchNorm1d (eval, with running statistics), " +
        "Softmax, LogSoftmax, Softmin, Softmax2d and the element-wise activations (Relu, Relu6, LeakyRelu, Prelu, Rrelu (eval), " +
        "Elu, Selu, Celu, Gelu, Sigmoid, Hardsigmoid, Silu, Hardswish, Mish, Softplus, Softsign, LogSigmoid, Tanh, " +
        "Hardtanh, Tanhshrink, Hardshrink, Softshrink, Threshold, Glu)";

    /// <summary>The probe inputs as they reach the module being written.</summary>
    public readonly record struct Probes(Tensor<T> Small, Tensor<T> Large);

    /// <summary>
    /// Adds the nodes of <paramref name="module"/> (at dotted <paramref name="path"/>, "" for the root) reading
    /// <paramref name="input"/>; returns the name of its output and the probes after it.
    /// </summary>
    public (string Output, Probes Probes) Write(Module<T> module, string path, string input, Probes probes)
    {
        if (module is Sequential<T> sequential)
        {
            for (int i = 0; i < sequential.Count; i++)
                (input, probes) = Write(sequential[i], Child(path, i), input, probes);
            return (input, probes);
        }
        string? refusal = Refusal(module);
        if (refusal is not null) throw Refused(module, path, refusal);
        var next = Run(module, path, probes);
        string scope = path.Length == 0 ? "" : "/" + path.Replace('.', '/');
        return (Nodes(module, path, scope, input, probes.Small), next);
    }

    /// <summary>Why <paramref name="module"/> cannot be written, or null when it can.</summary>
    private static string? Refusal(Module<T> module) => module switch
    {
        Dropout<T> d when d.Training && d.P > 0 =>
            "it is in training mode, where it drops inputs at random; call Eval() on the model before exporting (eval Dropout passes its input through)",
        BatchNorm1d<T> n when n.Training =>
            "it is in training mode, where it normalizes with the batch's own statistics; call Eval() on the model before exporting",
        BatchNorm1d<T> n when n.RunningMean is null =>
            "it was made with trackRunningStats: false, so it normalizes with each batch's statistics even in eval mode, which an ONNX BatchNormalization cannot do",
        Rrelu<T> r when r.Training =>
            "it is in training mode, where its slopes are drawn at random; call Eval() on the model before exporting (eval Rrelu is LeakyRelu with slope (lower + upper) / 2)",
        CustomActivation<T> c =>
            $"'{c.Name}' is a custom activation, a C# function that has no ONNX equivalent; export a model built from the built-in activations",
        Sequential<T> or Linear<T> or Identity<T> or Flatten<T> or Dropout<T> or LayerNorm<T> or BatchNorm1d<T>
            or Softmax<T> or LogSoftmax<T> or Softmin<T> or Softmax2d<T> or Relu<T> or Relu6<T> or LeakyRelu<T> or Prelu<T>
            or Rrelu<T> or Elu<T> or Selu<T> or Celu<T> or Gelu<T> or Sigmoid<T> or Hardsigmoid<T> or Silu<T> or Hardswish<T>
            or Mish<T> or Softplus<T> or Softsign<T> or LogSigmoid<T> or Tanh<T> or Hardtanh<T> or Tanhshrink<T>
            or Hardshrink<T> or Softshrink<T> or Threshold<T> or Glu<T> => null,
        _ => $"it is not a module the exporter knows; the supported ones are {Supported}",
    };

    private string Nodes(Module<T> module, string path, string scope, string x, Tensor<T> probe) => module switch
    {
        Linear<T> linear => Linear(linear, path, scope, x, probe.Rank),
        // Identity and eval Dropout compute nothing: their output is their input.
        Identity<T> or Dropout<T> => x,
        Flatten<T> flatten => Flatten(flatten, scope, x, probe),
        LayerNorm<T> norm => builder.Node(scope, "LayerNormalization",
            [x, Parameter(norm.Weight, path, "weight", norm.NormalizedShape, T.One), Parameter(norm.Bias, path, "bias", norm.NormalizedShape, T.Zero)],
            Attribute("axis", (long)-norm.NormalizedShape.Rank), Attribute("epsilon", (float)norm.Eps)),
        BatchNorm1d<T> norm => builder.Node(scope, "BatchNormalization",
            [x, Parameter(norm.Weight, path, "weight", new TensorShape(norm.NumFeatures), T.One),
             Parameter(norm.Bias, path, "bias", new TensorShape(norm.NumFeatures), T.Zero),
             Parameter(norm.RunningMean, path, "running_mean", default, T.Zero),
             Parameter(norm.RunningVar, path, "running_var", default, T.One)],
            Attribute("epsilon", (float)norm.Eps)),
        Softmax<T> s => builder.Node(scope, "Softmax", [x], Attribute("axis", (long)s.Dim)),
        LogSoftmax<T> s => builder.Node(scope, "LogSoftmax", [x], Attribute("axis", (long)s.Dim)),
        Softmin<T> s => builder.Node(scope, "Softmax", [builder.Node(scope, "Neg", [x])], Attribute("axis", (long)s.Dim)),
        Softmax2d<T> => builder.Node(scope, "Softmax", [x], Attribute("axis", -3L)),
        Relu<T> => ActivationExport.Op(builder, scope, "Relu", x),
        Relu6<T> => ActivationExport.Clip(builder, scope, x, 0, 6),
        LeakyRelu<T> a => ActivationExport.Op(builder, scope, "LeakyRelu", x, Attribute("alpha", (float)a.NegativeSlope)),
        Rrelu<T> a => ActivationExport.Op(builder, scope, "LeakyRelu", x, Attribute("alpha", (float)((a.Lower + a.Upper) / 2))),
        Prelu<T> a => ActivationExport.Prelu(builder, scope, x, ToFloats(a.Weight), probe.Rank, Name(path, "weight")),
        Elu<T> a => ActivationExport.Op(builder, scope, "Elu", x, Attribute("alpha", (float)a.Alpha)),
        Selu<T> => ActivationExport.Selu(builder, scope, x),
        Celu<T> a => ActivationExport.Op(builder, scope, "Celu", x, Attribute("alpha", (float)a.Alpha)),
        Gelu<T> a => ActivationExport.Gelu(builder, scope, x, a.Approximate),
        Sigmoid<T> => ActivationExport.Op(builder, scope, "Sigmoid", x),
        // PyTorch's relu6(x + 3) / 6 is ONNX's max(0, min(1, αx + β)) with α = 1/6, β = 1/2.
        Hardsigmoid<T> => ActivationExport.Op(builder, scope, "HardSigmoid", x, Attribute("alpha", 1f / 6), Attribute("beta", 0.5f)),
        Silu<T> => ActivationExport.Silu(builder, scope, x),
        Hardswish<T> => ActivationExport.Op(builder, scope, "HardSwish", x),
        Mish<T> => ActivationExport.Mish(builder, scope, x),
        Softplus<T> a => ActivationExport.Softplus(builder, scope, x, a.Beta, a.Threshold),
        Softsign<T> => ActivationExport.Op(builder, scope, "Softsign", x),
        LogSigmoid<T> => ActivationExport.LogSigmoid(builder, scope, x),
        Tanh<T> => ActivationExport.Op(builder, scope, "Tanh", x),
        Hardtanh<T> a => ActivationExport.Clip(builder, scope, x, a.MinVal, a.MaxVal),
        Tanhshrink<T> => ActivationExport.Tanhshrink(builder, scope, x),
        Hardshrink<T> a => ActivationExport.Shrink(builder, scope, x, a.Lambda, 0),
        Softshrink<T> a => ActivationExport.Shrink(builder, scope, x, a.Lambda, a.Lambda),
        Threshold<T> a => ActivationExport.Threshold(builder, scope, x, a.ThresholdValue, a.Value),
        Glu<T> a => ActivationExport.Glu(builder, scope, x, a.Dim, probe.Shape[a.Dim]),
        _ => throw new InvalidOperationException($"OnnxExport: {module.GetType().Name} passed the support check but has no nodes."),
    };

    /// <summary>
    /// <c>x Wᵀ + b</c>: Gemm with transB for a matrix input, as <c>torch.onnx.export</c> writes it; MatMul by the
    /// transposed weight, then Add, for inputs of other ranks (Gemm takes matrices only).
    /// </summary>
    private string Linear(Linear<T> linear, string path, string scope, string x, int rank)
    {
        string weight = builder.Floats(Name(path, "weight"), ToFloats(linear.Weight), linear.OutFeatures, linear.InFeatures);
        string? bias = linear.Bias is null ? null : builder.Floats(Name(path, "bias"), ToFloats(linear.Bias), linear.OutFeatures);
        if (rank == 2)
            return builder.Node(scope, "Gemm", bias is null ? [x, weight] : [x, weight, bias], Attribute("transB", 1L));
        string transposed = builder.Node(scope, "Transpose", [weight], Attribute("perm", [1L, 0L]));
        string product = builder.Node(scope, "MatMul", [x, transposed]);
        return bias is null ? product : builder.Node(scope, "Add", [product, bias]);
    }

    /// <summary>
    /// PyTorch's <c>flatten(startDim, endDim)</c> as a Reshape: dims before <c>startDim</c> copied (0), the merged dims
    /// as their product, or -1 when the merge takes in the batch dim, the dims after <c>endDim</c> as they are.
    /// </summary>
    private string Flatten(Flatten<T> flatten, string scope, string x, Tensor<T> probe)
    {
        var dims = probe.Shape.Dims.ToArray();
        int rank = dims.Length;
        int start = flatten.StartDim < 0 ? flatten.StartDim + rank : flatten.StartDim;
        int end = flatten.EndDim < 0 ? flatten.EndDim + rank : flatten.EndDim;
        if (rank == 0) return x;
        var target = new List<long>();
        for (int i = 0; i < start; i++) target.Add(0);
        long merged = 1;
        for (int i = start; i <= end; i++) merged *= dims[i];
        target.Add(start == 0 ? -1 : merged);
        for (int i = end + 1; i < rank; i++) target.Add(dims[i]);
        return builder.Node(scope, "Reshape", [x, builder.Int64s(scope + "/shape", [.. target])]);
    }

    /// <summary>
    /// The initializer of a parameter or buffer, named by its state-dict name; when the module has none (no affine),
    /// a constant tensor of <paramref name="fill"/> shaped <paramref name="shape"/>, as ONNX's ops require one.
    /// </summary>
    private string Parameter(Tensor<T>? tensor, string path, string name, TensorShape shape, T fill)
    {
        var values = tensor ?? Tensor<T>.Full(fill, shape);
        return builder.Floats(Name(path, name), ToFloats(values), [.. values.Shape.Dims.ToArray().Select(d => (long)d)]);
    }

    private Probes Run(Module<T> module, string path, Probes probes)
    {
        try
        {
            using (Tape.NoGrad())
                return new Probes(module.Forward(probes.Small), module.Forward(probes.Large));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(
                $"OnnxExport: {Describe(module)} at {Where(path)} refuses its input of shape {probes.Small.Shape} (batch size 2, " +
                $"from the inputShape given): {e.Message} Give the inputShape the model's forward pass takes, without the batch dim.", e);
        }
    }

    private static NotSupportedException Refused(Module<T> module, string path, string reason) =>
        new($"OnnxExport: {Describe(module)} at {Where(path)} cannot be exported to ONNX: {reason}. No file was written.");

    /// <summary>The module's class name without its generic arity (<c>Linear</c>), as its printout shows it.</summary>
    public static string Describe(Module<T> module)
    {
        string name = module.GetType().Name;
        int tick = name.IndexOf('`');
        return tick < 0 ? name : name[..tick];
    }

    /// <summary>Where a module sits: its dotted path in the model (<c>'2.1'</c>), or the root.</summary>
    public static string Where(string path) => path.Length == 0 ? "the root of the model" : $"'{path}'";

    private static string Child(string path, int index) =>
        path.Length == 0 ? index.ToString(CultureInfo.InvariantCulture) : $"{path}.{index.ToString(CultureInfo.InvariantCulture)}";

    private static string Name(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>The values as float, ONNX Runtime's element type for every op used here.</summary>
    public static float[] ToFloats(Tensor<T> tensor)
    {
        var values = tensor.ReadOnlySpan;
        var floats = new float[values.Length];
        for (int i = 0; i < floats.Length; i++) floats[i] = float.CreateChecked(values[i]);
        return floats;
    }
}
