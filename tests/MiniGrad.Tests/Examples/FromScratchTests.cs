using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MiniGrad.Examples;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Examples;

/// <summary>
/// examples/FromScratch (tutorial 002): the loop implementations print what NumPy printed (Data/pytorch_generator.json,
/// "tutorial002_numpy") and agree with MiniGrad's ops.
/// </summary>
public class FromScratchTests
{
    private static readonly Dictionary<string, (Func<double[], double[]> Scratch, Func<Tensor<double>, Tensor<double>> Op)> Functions = new()
    {
        ["sigmoid"] = (NumPyActivations.Sigmoid, Functional.Sigmoid),
        ["relu"] = (NumPyActivations.Relu, Functional.Relu),
        ["leaky_relu"] = (x => NumPyActivations.LeakyRelu(x), x => Functional.LeakyRelu(x, 0.01)),
        ["softmax"] = (NumPyActivations.Softmax, x => Functional.Softmax(x, 0)),
        ["tanh"] = (NumPyActivations.Tanh, Functional.Tanh),
    };

    [Fact]
    public void FromScratchValuesAndPrintoutsAreNumPys()
    {
        foreach (var e in ReferenceData.Load("pytorch_generator.json").GetProperty("tutorial002_numpy").EnumerateArray())
        {
            string name = e.GetProperty("name").GetString()!;
            double[] input = e.GetProperty("input").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            double[] values = e.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var scratch = Functions[name].Scratch(input);
            Close.All<double>(values, scratch, rel: 1e-15, abs: 1e-16, what: name);
            Assert.Equal(e.GetProperty("printed").GetString(), NumPyFormat.Array(scratch, integer: name == "relu"));
        }
    }

    /// <summary>
    /// Arrays of 1 to 8 values in [-50, 50], as multiples of 1/1000 so that exact zeros and integers occur too; a failing
    /// one shrinks to fewer values, then each value toward 0 and toward a whole number.
    /// </summary>
    private static Arbitrary<double[]> Inputs() =>
        Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(Gen.Choose(-50_000, 50_000), n))
            .Select(raw => raw.Select(r => r / 1000.0).ToArray())
            .ShrinkingWith(x => Shrinks.Array(x, 1, v => new[] { 0, Math.Truncate(v) }.Where(s => s != v).Distinct()));

    // Each case runs every function (100 cases each, as when each function ran its own 100); the label names it.
    [Property(MaxTest = 100)]
    public Property FromScratchAgreesWithMiniGradsOps() =>
        Prop.ForAll(Inputs(), x => Functions.Select(f =>
        {
            var (name, (scratch, op)) = f;
            var expected = scratch(x);
            var actual = op(Tensor.FromArray(x)).ToArray();
            return expected.Zip(actual).All(p => Math.Abs(p.First - p.Second) <= 1e-15 + 1e-14 * Math.Abs(p.First))
                .Label($"{name}([{string.Join(", ", x)}]): from scratch [{string.Join(", ", expected)}], MiniGrad [{string.Join(", ", actual)}]");
        }).Aggregate((a, b) => a.And(b)));
}
