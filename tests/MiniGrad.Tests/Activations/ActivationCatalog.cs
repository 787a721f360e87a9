using System.Numerics;
using System.Text.Json;

namespace MiniGrad.Tests.Activations;

/// <summary>The reference file's op names mapped to MiniGrad's functions, with the file's parameters.</summary>
public static class ActivationCatalog
{
    public static readonly HashSet<string> Known = ["relu", "leaky_relu", "leaky_relu_0.1", "sigmoid", "tanh"];

    public static Tensor<T> ApplyReference<T>(string op, JsonElement p, Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double D(string key) => p.GetProperty(key).GetDouble();
        return op switch
        {
            "relu" => Functional.Relu(x),
            "leaky_relu" or "leaky_relu_0.1" => Functional.LeakyRelu(x, D("negative_slope")),
            "sigmoid" => Functional.Sigmoid(x),
            "tanh" => Functional.Tanh(x),
            _ => throw new NotSupportedException($"no MiniGrad activation for reference op '{op}'"),
        };
    }
}
