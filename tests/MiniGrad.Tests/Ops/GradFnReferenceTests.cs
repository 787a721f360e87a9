using System.Text.Json;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Ops;

using Tape = MiniGrad.Tape;

/// <summary>
/// What each primitive op says about itself on the tape, against what PyTorch 1.13 records for the same op
/// (tests/scripts/pytorch_grad_fns.py, in Data/grad_fns.json): the grad_fn name printed in <c>grad_fn=&lt;…&gt;</c>,
/// which inputs and whether the output its backward reads (a write into one of those between the forward and the
/// backward pass is refused, into anything else it is not), that nothing is recorded for inputs without grad, and
/// the arguments <c>minigrad explain</c> prints.
/// </summary>
public class GradFnReferenceTests
{
    private const string File = "grad_fns.json";

    /// <summary>An op as the case names it, its arguments as the tape prints them, and where it departs from PyTorch.</summary>
    private sealed record OpCase(Func<Tensor<double>[], Tensor<double>> Apply, string Arguments = "",
        string? GradFnDeparture = null, bool[]? SavesInputsDeparture = null);

    private static readonly Tensor<double> WhereCondition = Tensor.FromArray(new[] { 1.0, 0.0, 1.0 });

    private static readonly Dictionary<string, OpCase> Ops = new()
    {
        ["Neg"] = new(x => -x[0]),
        ["Exp"] = new(x => x[0].Exp()),
        ["Log"] = new(x => x[0].Log()),
        ["Sqrt"] = new(x => x[0].Sqrt()),
        ["Abs"] = new(x => x[0].Abs()),
        ["Sin"] = new(x => x[0].Sin()),
        ["Cos"] = new(x => x[0].Cos()),
        ["Log1p"] = new(x => x[0].Log1p()),
        ["Expm1"] = new(x => x[0].Expm1()),
        ["Log2"] = new(x => x[0].Log2()),
        ["Reciprocal"] = new(x => x[0].Reciprocal()),
        ["Rsqrt"] = new(x => x[0].Rsqrt()),
        ["Square"] = new(x => x[0].Square(), "exponent=2"),
        ["PowScalar"] = new(x => x[0].Pow(3.0), "exponent=3"),
        ["Sign"] = new(x => x[0].Sign()),
        ["Floor"] = new(x => x[0].Floor()),
        ["Ceil"] = new(x => x[0].Ceil()),
        ["Round"] = new(x => x[0].Round()),
        ["Clamp"] = new(x => x[0].Clamp(-0.5, 0.5), "min=-0.5, max=0.5"),
        ["Add"] = new(x => x[0] + x[1]),
        ["Sub"] = new(x => x[0] - x[1]),
        ["Mul"] = new(x => x[0] * x[1]),
        ["Div"] = new(x => x[0] / x[1]),
        ["PowTensor"] = new(x => x[0].Pow(x[1])),
        ["PowScalarBase"] = new(x => Tensor<double>.Pow(2.0, x[0]), "base=2"),
        ["Maximum"] = new(x => Tensor<double>.Maximum(x[0], x[1])),
        ["Minimum"] = new(x => Tensor<double>.Minimum(x[0], x[1])),
        ["Where"] = new(x => Tensor.Where(WhereCondition, x[0], x[1])),
        ["Sum"] = new(x => x[0].Sum()),
        ["SumDim"] = new(x => x[0].Sum(1), "dim=1"),
        ["Mean"] = new(x => x[0].Mean()),
        // PyTorch 1.13's MeanBackward1 keeps the input although its formula reads only the input's shape; MiniGrad
        // reads nothing, so a write into the input after a mean along a dim is allowed.
        ["MeanDim"] = new(x => x[0].Mean(0, keepDim: true), "dim=0", SavesInputsDeparture: [false]),
        ["MaxAll"] = new(x => x[0].Max()),
        ["MinAll"] = new(x => x[0].Min()),
        ["MaxDim"] = new(x => x[0].Max(1), "dim=1"),
        ["Prod"] = new(x => x[0].Prod()),
        ["ProdDim"] = new(x => x[0].Prod(1), "dim=1"),
        ["MatMul"] = new(x => x[0].MatMul(x[1])),
        ["Bmm"] = new(x => x[0].Bmm(x[1])),
        ["Linear"] = new(x => Functional.Linear(x[0], x[1], x[2])),
        // PyTorch names a reshape by how it was carried out (ReshapeAliasBackward0 in 1.13, ViewBackward0 for a
        // view, UnsafeViewBackward0 after a copy); MiniGrad's is always the same op, named for the call.
        ["Reshape"] = new(x => x[0].Reshape(3, 2), GradFnDeparture: "ReshapeBackward0"),
        ["Transpose"] = new(x => x[0].Transpose(0, 1), "dim0=0, dim1=1"),
        ["Permute"] = new(x => x[0].Permute(2, 0, 1), "dims=(2, 0, 1)"),
        ["Expand"] = new(x => x[0].Expand(new TensorShape(2, 3))),
        ["Narrow"] = new(x => x[0].Narrow(1, 1, 2), "dim=1, start=1"),
        ["Cat"] = new(x => Tensor.Cat([x[0], x[1]], 1), "dim=1"),
        // As for the mean: PyTorch 1.13's GatherBackward0 keeps the input, whose shape is all its formula reads.
        ["Gather"] = new(x => x[0].Gather(1, [2, 0, 1, 1], new TensorShape(2, 2)), "dim=1", SavesInputsDeparture: [false]),
        ["ScatterAdd"] = new(x => x[0].ScatterAdd(1, [2, 0, 1, 1], x[1]), "dim=1"),
        ["SliceRows"] = new(x => x[0].SliceRows(1, 2), "start=1"),
    };

    /// <summary>The ops whose backward, recorded with <c>createGraph</c>, is an op of its own, and its arguments.</summary>
    private static readonly Dictionary<string, OpCase> SecondOrderOps = new()
    {
        ["SliceRows"] = new(x => x[0].SliceRows(1, 2), "start=1"),
        ["Narrow"] = new(x => x[0].Narrow(1, 1, 2), "dim=1, start=1"),
        ["Gather"] = new(x => x[0].Gather(1, [2, 0, 1, 1], new TensorShape(2, 2)), "dim=1"),
        ["Expand"] = new(x => x[0].Expand(new TensorShape(2, 3))),
        ["Sum"] = new(x => x[0].Sum()),
        ["Transpose"] = new(x => x[0].Transpose(0, 1), "dim0=0, dim1=1"),
        ["MatMul"] = new(x => x[0].MatMul(x[1]), "Bᵀ"),
    };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in ReferenceData.Load(File).GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    public static TheoryData<string> SecondOrderNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in ReferenceData.Load(File).GetProperty("second_order").EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    private static JsonElement Case(string name) =>
        ReferenceData.Load(File).GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static Tensor<double>[] Inputs(JsonElement c, bool requireGrad)
    {
        var generator = new Generator(7);
        bool positive = c.TryGetProperty("positive", out var p) && p.GetBoolean();
        return c.GetProperty("shapes").EnumerateArray().Select(s =>
        {
            int[] shape = s.EnumerateArray().Select(d => d.GetInt32()).ToArray();
            var x = positive ? Tensor<double>.RandomUniform(generator, 0.5, 1.5, shape) : Tensor<double>.RandomNormal(generator, shape);
            return requireGrad ? x.RequireGrad() : x;
        }).ToArray();
    }

    [Fact]
    public void EveryReferenceCaseHasAnOpAndEveryOpACase()
    {
        var names = ReferenceData.Load(File).GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);
        Assert.Equal(Ops.Keys.Order(), names.Order());
        var secondOrder = ReferenceData.Load(File).GetProperty("second_order").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);
        Assert.Equal(SecondOrderOps.Keys.Order(), secondOrder.Order());
    }

    [Theory]
    [MemberData(nameof(SecondOrderNames))]
    public void TheBackwardRecordedWithCreateGraphHasPyTorchsName(string name)
    {
        var c = ReferenceData.Load(File).GetProperty("second_order").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var op = SecondOrderOps[name];
        using var tape = Tape.Begin();
        var inputs = Inputs(c, requireGrad: true);
        var y = op.Apply(inputs);
        var w = Tensor<double>.RandomNormal(new Generator(3), y.Shape.Dims.ToArray()).RequireGrad();
        (y * w).Sum().Backward(createGraph: true);
        var gradient = inputs[0].Grad!;
        Assert.Contains($"grad_fn=<{c.GetProperty("grad_fn").GetString()}>", gradient.ToString());
        Assert.Equal(op.Arguments, gradient.GradFn!.Arguments);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TheGradFnNameIsPyTorchs(string name)
    {
        var c = Case(name);
        var op = Ops[name];
        using var tape = Tape.Begin();
        var y = op.Apply(Inputs(c, requireGrad: true));
        string expected = op.GradFnDeparture ?? c.GetProperty("grad_fn").GetString()!;
        Assert.Contains($"grad_fn=<{expected}>", y.ToString());
        Assert.Equal(op.Arguments, y.GradFn!.Arguments);
        Assert.Same(y.GradFn, tape.Entries[^1]);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void WritingAnInputIsRefusedExactlyWhenBackwardReadsIt(string name)
    {
        var c = Case(name);
        var op = Ops[name];
        bool[] saves = op.SavesInputsDeparture ?? c.GetProperty("saves_inputs").EnumerateArray().Select(e => e.GetBoolean()).ToArray();
        for (int k = 0; k < saves.Length; k++)
        {
            using var tape = Tape.Begin();
            var inputs = Inputs(c, requireGrad: true);
            var y = op.Apply(inputs);
            var loss = y.Sum();
            inputs[k].Span[0] = inputs[k].ReadOnlySpan[0]; // the same value, a new version
            if (saves[k])
            {
                var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
                Assert.Contains($"needs its input {k}", e.Message);
            }
            else
            {
                loss.Backward();
                Assert.All(inputs, x => Assert.NotNull(x.Grad));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void WritingTheOutputIsRefusedExactlyWhenBackwardReadsIt(string name)
    {
        var c = Case(name);
        using var tape = Tape.Begin();
        var inputs = Inputs(c, requireGrad: true);
        var y = Ops[name].Apply(inputs);
        var loss = y.Sum();
        y.Span[0] = y.ReadOnlySpan[0];
        if (c.GetProperty("saves_output").GetBoolean())
        {
            var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
            Assert.Contains("needs its output", e.Message);
        }
        else
        {
            loss.Backward();
            Assert.All(inputs, x => Assert.NotNull(x.Grad));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void InputsWithoutGradRecordNothing(string name)
    {
        using var tape = Tape.Begin();
        var y = Ops[name].Apply(Inputs(Case(name), requireGrad: false));
        Assert.Null(y.GradFn);
        Assert.False(y.RequiresGrad);
        Assert.Empty(tape.Entries);
    }
}
