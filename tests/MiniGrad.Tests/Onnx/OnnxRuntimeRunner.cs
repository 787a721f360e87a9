using Microsoft.ML.OnnxRuntime;

namespace MiniGrad.Tests.Onnx;

/// <summary>Runs an exported model in ONNX Runtime on a float input and returns the output with its shape.</summary>
public static class OnnxRuntimeRunner
{
    /// <summary>The output of the model in <paramref name="modelBytes"/> (or the file at a path) for <paramref name="input"/>.</summary>
    public static (float[] Values, long[] Shape) Run(byte[] modelBytes, Tensor<float> input)
    {
        using var session = new InferenceSession(modelBytes);
        return Run(session, input);
    }

    /// <summary>The output of the model at <paramref name="path"/> for <paramref name="input"/>.</summary>
    public static (float[] Values, long[] Shape) Run(string path, Tensor<float> input)
    {
        using var session = new InferenceSession(path);
        return Run(session, input);
    }

    private static (float[] Values, long[] Shape) Run(InferenceSession session, Tensor<float> input)
    {
        long[] shape = [.. input.Shape.Dims.ToArray().Select(d => (long)d)];
        using var value = OrtValue.CreateTensorValueFromMemory(input.ToArray(), shape);
        using var options = new RunOptions();
        using var outputs = session.Run(options, new Dictionary<string, OrtValue> { ["input"] = value }, session.OutputNames);
        var output = outputs[0];
        return (output.GetTensorDataAsSpan<float>().ToArray(), output.GetTensorTypeAndShape().Shape);
    }
}
