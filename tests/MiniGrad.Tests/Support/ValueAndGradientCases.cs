using System.Numerics;
using System.Text.Json;

namespace MiniGrad.Tests.Support;

/// <summary>
/// The checks of a reference case written by <c>value_and_gradients</c> (tests/scripts/reference_json.py): "inputs"
/// (each with "grad": whether it is differentiated), the upstream gradient "w", the output "y" and "grads", each
/// input's d(sum(y * w))/d input or null. The ops and losses reference tests run their cases through these.
/// </summary>
public static class ValueAndGradientCases
{
    /// <summary>
    /// Runs <paramref name="op"/> on the case's inputs in <typeparamref name="T"/> and compares the output and every
    /// gradient the case holds within <paramref name="rel"/> relative and <paramref name="abs"/> absolute.
    /// </summary>
    public static void Compare<T>(JsonElement c, Func<Tensor<T>[], Tensor<T>> op, double rel, double abs, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var specs = c.GetProperty("inputs").EnumerateArray().ToArray();
        var inputs = specs.Select(s => ReferenceData.ToExactTensor<T>(s).RequireGrad(s.GetProperty("grad").GetBoolean())).ToArray();
        var y = op(inputs);
        var expectedY = ReferenceData.ToExactTensor<T>(c.GetProperty("y"));
        Assert.Equal(expectedY.Shape, y.Shape);
        Close.All(expectedY, y, rel, abs, $"{what}: value");
        if (!y.RequiresGrad) return;
        (y * ReferenceData.ToExactTensor<T>(c.GetProperty("w"))).Sum().Backward();
        var grads = c.GetProperty("grads").EnumerateArray().ToArray();
        for (int j = 0; j < inputs.Length; j++)
        {
            if (grads[j].ValueKind == JsonValueKind.Null) continue;
            Assert.NotNull(inputs[j].Grad);
            Close.All(ReferenceData.ToExactTensor<T>(grads[j]), inputs[j].Grad!, rel, abs, $"{what}: gradient of input {j}");
        }
    }

    /// <summary>
    /// Runs <paramref name="op"/> on the case's inputs without grad: it must compute the reference value and leave
    /// the tape empty (no node, no output requiring grad).
    /// </summary>
    public static void RecordsNothingWithoutGrad(JsonElement c, Func<Tensor<double>[], Tensor<double>> op, string what)
    {
        var (inputs, _) = Inputs(c);
        using var tape = MiniGrad.Tape.Begin();
        var y = op(inputs);
        Assert.Null(y.GradFn);
        Assert.False(y.RequiresGrad);
        Assert.Equal(0, tape.Count);
        Close.All(ReferenceData.ToExactTensor<double>(c.GetProperty("y")), y, 1e-10, 1e-12, $"{what}: value");
    }

    /// <summary>The case's inputs in double (without grad) and which of them are differentiated.</summary>
    public static (Tensor<double>[] Inputs, bool[] Differentiable) Inputs(JsonElement c)
    {
        var specs = c.GetProperty("inputs").EnumerateArray().ToArray();
        return (specs.Select(s => ReferenceData.ToExactTensor<double>(s)).ToArray(),
                specs.Select(s => s.GetProperty("grad").GetBoolean()).ToArray());
    }

    /// <summary>
    /// GradCheck and GradGradCheck of <c>op(inputs)²</c> with respect to the differentiated inputs (the others held
    /// constant); squared, so that the second derivative of a piece linear in the input is not zero.
    /// </summary>
    public static void GradCheckAndGradGradCheck(JsonElement c, Func<Tensor<double>[], Tensor<double>> op, string what)
    {
        var (inputs, differentiable) = Inputs(c);
        var constants = inputs.Select((t, j) => differentiable[j] ? null : t).ToArray();
        int[] free = Enumerable.Range(0, inputs.Length).Where(j => differentiable[j]).ToArray();
        Tensor<double>[] F(Tensor<double>[] t)
        {
            var all = constants.ToArray();
            for (int k = 0; k < free.Length; k++) all[free[k]] = t[k];
            var y = op(all!);
            return [y * y];
        }
        var checkedInputs = free.Select(j => inputs[j]).ToArray();
        var first = GradCheck.Check(F, checkedInputs);
        Assert.True(first.Passed, $"{what}: {first.Report}");
        var second = GradCheck.GradGradCheck(F, checkedInputs);
        Assert.True(second.Passed, $"{what}: {second.Report}");
    }
}
