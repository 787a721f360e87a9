using MiniGrad.Nn;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Losses;

/// <summary>Linear and every loss against PyTorch 1.13 in double (linear_losses.json), within 1e-10 relative.</summary>
public class LinearLossConformanceTests
{
    private const double Rel = 1e-10, Abs = 1e-14;
    private static readonly System.Text.Json.JsonElement Data = ReferenceData.Load("linear_losses.json");

    private static Tensor<double> T(string section, string name) => ReferenceData.ToTensor<double>(Data.GetProperty(section).GetProperty(name));

    private static double[] Flat(System.Text.Json.JsonElement e) => ReferenceData.ReadTensor(e).Data;

    [Fact]
    public void LinearOutputMseAndItsThreeGradientsMatchPytorch()
    {
        var linear = new Linear<double>(6, 4, new Generator(1));
        linear.LoadStateDict(new Dictionary<string, Tensor<double>> { ["weight"] = T("linear", "weight"), ["bias"] = T("linear", "bias") });
        var x = T("linear", "x").RequireGrad();
        var y = linear.Forward(x);
        Close.All(Flat(Data.GetProperty("linear").GetProperty("y")), y.ReadOnlySpan, Rel, Abs, "y");

        var loss = new MseLoss().Forward(y, T("linear", "target"));
        Close.All([Data.GetProperty("linear").GetProperty("mse_mean").GetDouble()], loss.ReadOnlySpan, Rel, Abs, "mse");
        loss.Backward();
        Close.All(Flat(Data.GetProperty("linear").GetProperty("grad_x")), x.Grad!.ReadOnlySpan, Rel, Abs, "grad_x");
        Close.All(Flat(Data.GetProperty("linear").GetProperty("grad_weight")), linear.Weight.Grad!.ReadOnlySpan, Rel, Abs, "grad_weight");
        Close.All(Flat(Data.GetProperty("linear").GetProperty("grad_bias")), linear.Bias!.Grad!.ReadOnlySpan, Rel, Abs, "grad_bias");
    }

    [Theory]
    [InlineData("mean", Reduction.Mean)]
    [InlineData("sum", Reduction.Sum)]
    [InlineData("none", Reduction.None)]
    public void MseWithReductionMatchesPytorch(string reductionName, Reduction reduction)
    {
        var expected = Data.GetProperty("mse").GetProperty("reductions").GetProperty(reductionName);
        var input = T("mse", "input").RequireGrad();
        var loss = new MseLoss(reduction).Forward(input, T("mse", "target"));
        Close.All(Flat(expected.GetProperty("value")), loss.ReadOnlySpan, Rel, Abs, $"mse {reductionName}");
        // For 'none' the reference gradient is that of the sum of the per-element losses.
        (reduction == Reduction.None ? loss.Sum() : loss).Backward();
        Close.All(Flat(expected.GetProperty("grad")), input.Grad!.ReadOnlySpan, Rel, Abs, $"mse {reductionName} grad");
    }

    [Fact]
    public void CrossEntropyOfLogitsAndLabelsMatchesPytorch()
    {
        var ce = Data.GetProperty("cross_entropy");
        var logits = T("cross_entropy", "logits").RequireGrad();
        int[] labels = ce.GetProperty("labels").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var loss = new CrossEntropyLoss().Forward(logits, labels);
        Close.All([ce.GetProperty("value").GetDouble()], loss.ReadOnlySpan, Rel, Abs, "cross entropy");
        loss.Backward();
        Close.All(Flat(ce.GetProperty("grad")), logits.Grad!.ReadOnlySpan, Rel, Abs, "cross entropy grad");
    }

    [Fact]
    public void BceWithLogitsMatchesPytorch()
    {
        var bce = Data.GetProperty("bce_with_logits");
        var logits = T("bce_with_logits", "logits").RequireGrad();
        var loss = new BceWithLogitsLoss().Forward(logits, T("bce_with_logits", "target"));
        Close.All([bce.GetProperty("value").GetDouble()], loss.ReadOnlySpan, Rel, Abs, "bce");
        loss.Backward();
        Close.All(Flat(bce.GetProperty("grad")), logits.Grad!.ReadOnlySpan, Rel, Abs, "bce grad");
    }
}
