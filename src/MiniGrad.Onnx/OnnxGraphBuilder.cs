using Onnx;

namespace MiniGrad.Onnx;

/// <summary>
/// Collects the nodes and initializers of one ONNX graph while the exporter walks a module: hands out unique tensor
/// names under the module's path (<c>/2/Softplus_output_0</c>, as <c>torch.onnx.export</c> names them) and adds
/// float constants.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly GraphProto graph = new() { Name = "MiniGrad" };
    private readonly HashSet<string> names = [];

    /// <summary>The graph built so far.</summary>
    public GraphProto Graph => graph;

    /// <summary>Adds a node <paramref name="op"/> at <paramref name="scope"/> and returns the name of its output.</summary>
    public string Node(string scope, string op, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        string name = Unique($"{scope}/{op}");
        string output = name + "_output_0";
        names.Add(output);
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return output;
    }

    /// <summary>Adds a node <paramref name="op"/> with several outputs and returns their names.</summary>
    public IReadOnlyList<string> Node(string scope, string op, IEnumerable<string> inputs, int outputs, params AttributeProto[] attributes)
    {
        string name = Unique($"{scope}/{op}");
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        for (int i = 0; i < outputs; i++)
        {
            string output = $"{name}_output_{i}";
            names.Add(output);
            node.Output.Add(output);
        }
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return node.Output;
    }

    /// <summary>Adds a float initializer named <paramref name="name"/> (made unique) and returns its name.</summary>
    public string Floats(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values.ToArray());
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a 0-d float initializer (a scalar that broadcasts) and returns its name.</summary>
    public string Scalar(string scope, string what, double value) => Floats($"{scope}/{what}", [(float)value]);

    /// <summary>Adds an int64 initializer (a shape or split sizes) and returns its name.</summary>
    public string Int64s(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A float attribute.</summary>
    public static AttributeProto Attribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>An attribute of several integers.</summary>
    public static AttributeProto Attribute(string name, long[] values) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Ints, Ints = { values } };

    /// <summary>
    /// Names the graph's final value <paramref name="outputName"/>: renames the output of the node that made it, or
    /// adds an Identity node when the value is the graph's input itself (a model of Identity or eval Dropout only).
    /// </summary>
    public void NameFinalOutput(string value, string inputName, string outputName)
    {
        if (value == inputName)
        {
            graph.Node.Add(new NodeProto { OpType = "Identity", Name = Unique("/Identity"), Input = { value }, Output = { outputName } });
            return;
        }
        // The final value is the output of the last node that wrote it; only nodes after that one could read it, and
        // there are none.
        var last = graph.Node.Last(n => n.Output.Contains(value));
        last.Output[last.Output.IndexOf(value)] = outputName;
    }

    private string Unique(string name)
    {
        string candidate = name;
        for (int i = 1; !names.Add(candidate); i++) candidate = $"{name}_{i}";
        return candidate;
    }
}
