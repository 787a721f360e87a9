using System.Text.Json;
using MiniGrad.Optim;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Optim;

/// <summary>
/// Every optimizer's 100-step trajectory on <c>mean((A@w - B)²) + 0.1·sum(tanh(w))</c> against PyTorch 1.13 in double
/// (optimizers.json), within 1e-9 relative: the loss before each step and w after it.
/// </summary>
public class OptimizerConformanceTests
{
    private static readonly JsonElement Data = ReferenceData.Load("optimizers.json");

    public static TheoryData<string> Cases() => [.. Data.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    private static Optimizer<double> Create(string name, JsonElement p, Tensor<double> w)
    {
        double lr = p.GetProperty("lr").GetDouble(), wd = p.GetProperty("weight_decay").GetDouble();
        if (name.StartsWith("sgd", StringComparison.Ordinal))
            return new Sgd<double>([w], lr, p.GetProperty("momentum").GetDouble(), p.GetProperty("dampening").GetDouble(),
                p.GetProperty("nesterov").GetBoolean(), wd);
        var betas = p.GetProperty("betas").EnumerateArray().Select(b => b.GetDouble()).ToArray();
        double eps = p.GetProperty("eps").GetDouble();
        bool amsgrad = p.GetProperty("amsgrad").GetBoolean();
        return name.StartsWith("adamw", StringComparison.Ordinal)
            ? new AdamW<double>([w], lr, (betas[0], betas[1]), eps, wd, amsgrad)
            : new Adam<double>([w], lr, (betas[0], betas[1]), eps, wd, amsgrad);
    }

    // tanh from exp ops until the activation lands: (1 - e^(-2w)) / (1 + e^(-2w)); |w| stays small here.
    private static Tensor<double> Tanh(Tensor<double> w)
    {
        var e = (w * -2.0).Exp();
        return (1.0 - e) / (1.0 + e);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrajectoryMatchesPytorch(string name)
    {
        var c = Data.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var a = ReferenceData.ToTensor<double>(c.GetProperty("A"));
        var b = ReferenceData.ToTensor<double>(c.GetProperty("B"));
        var w = ReferenceData.ToTensor<double>(c.GetProperty("w0")).RequireGrad();
        var optimizer = Create(name, c.GetProperty("params"), w);
        foreach (var entry in c.GetProperty("trajectory").EnumerateArray())
        {
            int step = entry.GetProperty("step").GetInt32();
            optimizer.ZeroGrad();
            var r = a.MatMul(w) - b;
            var loss = (r * r).Mean() + 0.1 * Tanh(w).Sum();
            Close.All([entry.GetProperty("loss").GetDouble()], loss.ReadOnlySpan, 1e-9, 1e-15, $"{name} loss before step {step}");
            loss.Backward();
            optimizer.Step();
            Close.All(ReferenceData.ReadTensor(entry.GetProperty("w")).Data, w.ReadOnlySpan, 1e-9, 1e-15, $"{name} w after step {step}");
        }
    }
}
