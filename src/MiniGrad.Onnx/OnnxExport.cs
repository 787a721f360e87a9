using System.Numerics;
using System.Reflection;
using Google.Protobuf;
using MiniGrad.Nn;
using Onnx;

namespace MiniGrad.Onnx;

/// <summary>
/// Writes a MiniGrad network as an ONNX model (IR version 8, opset 17) that ONNX Runtime runs, as PyTorch's
/// <c>torch.onnx.export</c> does: one graph input <c>input</c> of shape <c>[batch, ...inputShape]</c> with a symbolic
/// batch dim, one output <c>output</c>, the parameters and buffers as initializers named by the state dict
/// (<c>0.weight</c>, <c>1.running_mean</c>).
/// </summary>
/// <remarks>
/// Supported: <see cref="Sequential{T}"/> (nested), <see cref="Linear{T}"/>, every element-wise activation, Softmax,
/// LogSoftmax, Softmin and Softmax2d, <see cref="Dropout{T}"/> and <see cref="Rrelu{T}"/> in eval mode,
/// <see cref="LayerNorm{T}"/>, <see cref="BatchNorm1d{T}"/> in eval mode with running statistics,
/// <see cref="Flatten{T}"/> and <see cref="Identity{T}"/>. Anything else (a custom activation, Embedding, a module of
/// your own, a module in training mode where that changes what it computes) is refused with a
/// <see cref="NotSupportedException"/> naming its type and its path in the model, and no file is written. The model
/// is float: a <c>double</c> module is written with its weights rounded to float, as ONNX Runtime's CPU kernels for
/// most activations take float only.
/// </remarks>
public static class OnnxExport
{
    /// <summary>The ONNX IR version written (8, what ONNX 1.10 to 1.12 write and ONNX Runtime 1.10 and later read).</summary>
    public const int IrVersion = 8;

    /// <summary>The version of the default ONNX operator set the graph uses.</summary>
    public const int OpsetVersion = 17;

    /// <summary>The name of the graph's input.</summary>
    public const string InputName = "input";

    /// <summary>The name of the graph's output.</summary>
    public const string OutputName = "output";

    /// <summary>The name of the symbolic first dim of the input (and of the output dims that follow it).</summary>
    public const string BatchDimName = "batch";

    /// <summary>
    /// Writes <paramref name="module"/> to <paramref name="path"/> as an ONNX model taking inputs of shape
    /// <c>[batch, ...inputShape]</c>. Crash-safe: the file is written to a temporary file in the same folder, flushed
    /// to disk, then moved over <paramref name="path"/>; a failed export leaves any old file as it was.
    /// </summary>
    /// <param name="module">The network, in eval mode when it has Dropout, BatchNorm1d or Rrelu.</param>
    /// <param name="path">The file to write, usually ending in <c>.onnx</c>.</param>
    /// <param name="inputShape">The shape of one input row, without the batch dim: <c>4</c> for a <c>Linear(4, …)</c>.</param>
    /// <exception cref="NotSupportedException">A module cannot be written (named with its path in the message).</exception>
    /// <exception cref="ArgumentException"><paramref name="inputShape"/> is invalid or not what the model takes.</exception>
    public static void Export<T>(Module<T> module, string path, params int[] inputShape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = ExportToBytes(module, inputShape);
        MiniGrad.Checkpoints.CrashSafeFile.Write(path, file => file.Write(bytes));
    }

    /// <summary>
    /// The ONNX model of <paramref name="module"/> as bytes (what <see cref="Export{T}"/> writes), for an
    /// <c>InferenceSession</c> made from memory.
    /// </summary>
    /// <inheritdoc cref="Export{T}" path="/param[@name='module']"/>
    /// <inheritdoc cref="Export{T}" path="/param[@name='inputShape']"/>
    /// <inheritdoc cref="Export{T}" path="/exception"/>
    public static byte[] ExportToBytes<T>(Module<T> module, params int[] inputShape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => ToModel(module, inputShape).ToByteArray();

    /// <summary>The model as the generated schema classes, before serialization.</summary>
    internal static ModelProto ToModel<T>(Module<T> module, int[] inputShape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length + 1 > TensorShape.MaxRank || inputShape.Any(d => d <= 0))
            throw new ArgumentException(
                $"OnnxExport: inputShape [{string.Join(", ", inputShape)}] must be the shape of one input without the batch dim: " +
                $"at most {TensorShape.MaxRank - 1} dims, each positive (for example 4 for a model starting with Linear(4, ...)).",
                nameof(inputShape));

        var builder = new OnnxGraphBuilder();
        var probes = new ModuleExport<T>.Probes(Tensor<T>.Zeros([2, .. inputShape]), Tensor<T>.Zeros([3, .. inputShape]));
        var (output, after) = new ModuleExport<T>(builder).Write(module, "", InputName, probes);
        builder.NameFinalOutput(output, InputName, OutputName);

        var graph = builder.Graph;
        graph.Input.Add(Value(InputName, [BatchDimName, .. inputShape.Select(d => (object)d)]));
        graph.Output.Add(Value(OutputName, OutputDims(after)));
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "MiniGrad",
            ProducerVersion = typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        return model;
    }

    /// <summary>
    /// The output's dims: those equal for both probes are fixed; one that is the batch size in both (2 and 3) is the
    /// symbolic batch dim; any other that changed with the batch (after a Flatten that took in the batch dim) is left
    /// unnamed.
    /// </summary>
    private static object?[] OutputDims<T>(ModuleExport<T>.Probes probes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var small = probes.Small.Shape.Dims.ToArray();
        var large = probes.Large.Shape.Dims.ToArray();
        return [.. small.Zip(large, (s, l) => s == l ? (object)s : s == 2 && l == 3 ? BatchDimName : null)];
    }

    /// <summary>A float tensor value: each dim an int (fixed), a string (symbolic) or null (unknown).</summary>
    private static ValueInfoProto Value(string name, object?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
            shape.Dim.Add(dim switch
            {
                int value => new TensorShapeProto.Types.Dimension { DimValue = value },
                string symbol => new TensorShapeProto.Types.Dimension { DimParam = symbol },
                _ => new TensorShapeProto.Types.Dimension(),
            });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
