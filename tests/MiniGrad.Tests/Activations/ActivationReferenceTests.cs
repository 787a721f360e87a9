using System.Numerics;
using System.Text.Json;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Activations;

/// <summary>
/// Every case of Data/activations.json (PyTorch 1.13, float64): the output and the gradient
/// <c>d(sum(y * w))/dx</c> (and prelu's weight gradient), in double and in float.
/// </summary>
public class ActivationReferenceTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in ReferenceData.Load("activations.json").GetProperty("cases").EnumerateArray())
            data.Add(CaseName(c));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Double(string name) => Check<double>(name, rel: 1e-10, abs: 1e-12);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float(string name) => Check<float>(name, rel: 1e-5, abs: 1e-6);

    private static string CaseName(JsonElement c)
    {
        string name = $"{c.GetProperty("op").GetString()}/{c.GetProperty("inputs").GetString()}";
        return c.GetProperty("params").TryGetProperty("dim", out var dim) ? $"{name}/dim={dim.GetInt32()}" : name;
    }

    private static void Check<T>(string name, double rel, double abs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var c = ReferenceData.Load("activations.json").GetProperty("cases").EnumerateArray().Single(e => CaseName(e) == name);
        string op = c.GetProperty("op").GetString()!;
        var p = c.GetProperty("params");
        var x = ReferenceData.ToTensor<T>(c.GetProperty("x")).RequireGrad();
        var w = ReferenceData.ToTensor<T>(c.GetProperty("w"));
        Tensor<T>? weight = null;
        Tensor<T> y;
        if (op == "prelu")
        {
            weight = Tensor<T>.Full(T.CreateChecked(p.GetProperty("weight").GetDouble()), 1).RequireGrad();
            y = Functional.Prelu(x, weight);
        }
        else
        {
            y = ReferenceActivations.ApplyReference(op, p, x);
        }

        Close.All<T>(ReferenceData.ReadTensor(c.GetProperty("y")).Data, y.ReadOnlySpan, rel, abs, $"{name} y");
        (y * w).Sum().Backward();
        Close.All<T>(ReferenceData.ReadTensor(c.GetProperty("grad")).Data, x.Grad!.ReadOnlySpan, rel, abs, $"{name} grad");
        if (weight is not null)
            Close.All<T>(ReferenceData.ReadTensor(c.GetProperty("grad_weight")).Data, weight.Grad!.ReadOnlySpan, rel, abs, $"{name} grad_weight");
    }
}
