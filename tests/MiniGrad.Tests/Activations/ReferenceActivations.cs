using System.Numerics;
using System.Text.Json;

namespace MiniGrad.Tests.Activations;

/// <summary>The reference file's op names mapped to MiniGrad's functions, with the file's parameters.</summary>
public static class ReferenceActivations
{
    public static Tensor<T> ApplyReference<T>(string op, JsonElement p, Tensor<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double D(string key) => p.GetProperty(key).GetDouble();
        int Dim() => p.GetProperty("dim").GetInt32();
        return op switch
        {
            "relu" => Functional.Relu(x),
            "relu6" => Functional.Relu6(x),
            "leaky_relu" or "leaky_relu_0.1" => Functional.LeakyRelu(x, D("negative_slope")),
            "sigmoid" => Functional.Sigmoid(x),
            "tanh" => Functional.Tanh(x),
            "elu" => Functional.Elu(x, D("alpha")),
            "selu" => Functional.Selu(x),
            "celu" => Functional.Celu(x, D("alpha")),
            "gelu" or "gelu_tanh" => Functional.Gelu(x, p.GetProperty("approximate").GetString() == "tanh" ? GeluApproximation.Tanh : GeluApproximation.None),
            "silu" => Functional.Silu(x),
            "mish" => Functional.Mish(x),
            "softplus" => Functional.Softplus(x, D("beta"), D("threshold")),
            "softsign" => Functional.Softsign(x),
            "tanhshrink" => Functional.Tanhshrink(x),
            "hardtanh" => Functional.Hardtanh(x, D("min_val"), D("max_val")),
            "hardsigmoid" => Functional.Hardsigmoid(x),
            "hardswish" => Functional.Hardswish(x),
            "logsigmoid" => Functional.LogSigmoid(x),
            "softshrink" => Functional.Softshrink(x, D("lambd")),
            "hardshrink" => Functional.Hardshrink(x, D("lambd")),
            "threshold" => Functional.Threshold(x, D("threshold"), D("value")),
            "softmax" => Functional.Softmax(x, Dim()),
            "log_softmax" => Functional.LogSoftmax(x, Dim()),
            "softmin" => Functional.Softmin(x, Dim()),
            "glu" => Functional.Glu(x, Dim()),
            _ => throw new NotSupportedException($"no MiniGrad activation for reference op '{op}'"),
        };
    }
}
