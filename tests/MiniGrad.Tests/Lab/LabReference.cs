using System.Text.Json;
using MiniGrad.Nn;
using MiniGrad.Study;

namespace MiniGrad.Tests.Lab;

/// <summary>
/// The lab's backprop view recomputed here, independently of the server: the network rebuilt from a frame's weights,
/// one sample's binary cross-entropy explained by <see cref="TapeExplainer"/>.
/// </summary>
public static class LabReference
{
    /// <summary>Explains the loss of (<paramref name="input"/>, <paramref name="target"/>) through the network of <paramref name="frame"/> with tanh between layers.</summary>
    public static TapeExplanation ExplainWithTanh(JsonElement frame, double[] input, int target) =>
        TapeExplainer.Explain(Loss(TanhNetwork(frame), input, target));

    /// <summary>The binary cross-entropy of (<paramref name="input"/>, <paramref name="target"/>) through <paramref name="net"/>, named <c>loss</c>.</summary>
    public static Tensor<float> Loss(Sequential<float> net, double[] input, int target)
    {
        var x = Tensor<float>.FromArray(input.Select(v => (float)v).ToArray(), 1, input.Length);
        x.Name = "x";
        var loss = Functional.BinaryCrossEntropyWithLogits(net.Forward(x), Tensor<float>.FromArray([(float)target], 1, 1));
        loss.Name = "loss";
        return loss;
    }

    /// <summary>The network of <paramref name="frame"/>'s weights with tanh between its layers, the weights named W0, b0, W1, ...</summary>
    public static Sequential<float> TanhNetwork(JsonElement frame)
    {
        var net = new Sequential<float>();
        int i = 0;
        foreach (var l in frame.GetProperty("layers").EnumerateArray())
        {
            if (i > 0) net.Append(new Tanh<float>());
            var linear = new Linear<float>(l.GetProperty("inputs").GetInt32(), l.GetProperty("outputs").GetInt32(), new Generator(0));
            l.GetProperty("weight").EnumerateArray().Select(v => v.GetSingle()).ToArray().CopyTo(linear.Weight.Span);
            l.GetProperty("bias").EnumerateArray().Select(v => v.GetSingle()).ToArray().CopyTo(linear.Bias!.Span);
            linear.Weight.Name = $"W{i}";
            linear.Bias.Name = $"b{i}";
            net.Append(linear);
            i++;
        }
        return net;
    }
}
