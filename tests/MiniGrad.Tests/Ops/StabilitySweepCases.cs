using System.Numerics;
using MiniGrad.Nn;

namespace MiniGrad.Tests.Ops;

/// <summary>
/// Where an input of a swept op is drawn from: magnitudes in [<paramref name="Lo"/>, <paramref name="Hi"/>] (with
/// either sign when <paramref name="Signed"/>, and 0 when <paramref name="Zero"/>), capped above at
/// <paramref name="Cap"/>; a fixed input (targets, a Where condition) is built by <paramref name="Fixed"/> and gets no
/// gradient. <paramref name="Why"/> says why the domain is narrower than every finite value, when it is.
/// </summary>
public sealed record SweepDomain(double Lo, double Hi, bool Signed = true, bool Zero = true, double Cap = double.PositiveInfinity,
    string? Why = null, Func<int, double>? Fixed = null)
{
    /// <summary>The extremes the deterministic sweep cycles through: ±Hi, ±Lo, ±1 and 0 where the domain holds them.</summary>
    public double[] Extremes()
    {
        var list = new List<double> { Hi, Lo };
        if (Lo <= 1 && 1 <= Hi) list.Add(1);
        if (Lo < 1e-3 && Hi > 1e-3) list.Add(1e-3);
        if (Lo <= 3 && 3 <= Hi) list.Add(3);
        var values = Signed ? list.Concat(list.Select(v => -v)).ToList() : list;
        if (Zero) values.Add(0);
        return values.Where(v => v > 0 || Zero || v != 0).Select(v => Math.Min(v, Cap)).Distinct().ToArray();
    }

    /// <summary>One random element: an extreme a third of the time, else a log-uniform magnitude in the domain.</summary>
    public double Draw(Random r)
    {
        var extremes = Extremes();
        if (r.Next(3) == 0) return extremes[r.Next(extremes.Length)];
        double lo = Math.Max(Lo, Math.Min(1e-3, Hi)), m = Math.Exp(Math.Log(lo) + r.NextDouble() * (Math.Log(Hi) - Math.Log(lo)));
        return Math.Min(Signed && r.Next(2) == 0 ? -m : m, Cap);
    }
}

/// <summary>
/// One swept op: the public API member(s) it exercises (<see cref="Covers"/>, keys as
/// <see cref="StabilitySweepTests"/> enumerates them), its inputs' shapes and domains, and the call.
/// </summary>
public sealed record SweepCase<T>(string Name, string[] Covers, (int[] Shape, SweepDomain Domain)[] Inputs,
    Func<Tensor<T>[], Tensor<T>> Apply)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string ToString() => Name;
}

/// <summary>
/// The sweep's list: every activation and loss of <c>Functional</c>, every loss module, every layer module of src/MiniGrad/Nn and every public op of
/// <c>Tensor&lt;T&gt;</c> and <c>Tensor</c> declared in src/MiniGrad/Ops, each with the inputs on which its true value and
/// gradient are finite. H is 1e30 for float and 1e300 for double: "any finite input" is swept as magnitudes up to H.
/// </summary>
public static class StabilitySweepCases<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The largest magnitude swept: 1e30 (float), 1e300 (double).</summary>
    public static readonly double H = typeof(T) == typeof(float) ? 1e30 : 1e300;

    private static readonly int[] S = [4, 6];

    /// <summary>Every finite value up to ±H.</summary>
    private static SweepDomain Any => new(1 / H, H);

    /// <summary>|x| ≤ H^(1/k): the k-th power (or a product of k such inputs) is then ≤ H, finite.</summary>
    private static SweepDomain Root(int k, string why) => new(1 / H, Math.Pow(H, 1.0 / k), Why: why);

    /// <summary>
    /// |x| in [H^(-1/n), H^(1/n)] for a product of n inputs: every partial product then stays in [1/H, H], so the
    /// product, its gradient y/x and the second derivative's y/x² neither overflow nor underflow.
    /// </summary>
    private static SweepDomain Products(int n) => new(Math.Pow(H, -1.0 / n), Math.Pow(H, 1.0 / n),
        Why: $"a product of {n} inputs: beyond H^(1/{n}) each the true value overflows (PyTorch gives inf); below H^(-1/{n}) the second derivative's y/x² overflows, in PyTorch's formula (grad·y/x) as here");

    private static (int[], SweepDomain) In(SweepDomain d, params int[] shape) => (shape.Length == 0 ? S : shape, d);

    private static SweepCase<T> Unary(string name, Func<Tensor<T>, Tensor<T>> f, params string[] covers) =>
        new(name, covers.Length == 0 ? ["Functional." + name] : covers, [In(Any)], xs => f(xs[0]));

    private static SweepCase<T> Unary(string name, SweepDomain d, Func<Tensor<T>, Tensor<T>> f, params string[] covers) =>
        new(name, covers, [In(d)], xs => f(xs[0]));

    private static T C(double v) => T.CreateChecked(v);

    private static readonly int[] Classes = [0, 5, 2, 3];

    private static SweepDomain Probability => new(0, 1, Fixed: i => (i * 0.37) % 1.0);

    private static SweepDomain Condition => new(0, 1, Fixed: i => i % 3 == 0 ? 1 : 0);

    private const string Product = "a product of two inputs: beyond √H each the true value overflows (PyTorch gives inf)";

    private const string Squares = "a square of the input: beyond √H it overflows (PyTorch gives inf)";

    private static string Op(string member) => "Tensor<T>." + member;

    /// <summary>All the cases.</summary>
    public static IReadOnlyList<SweepCase<T>> All { get; } = Build();

    private static List<SweepCase<T>> Build() =>
    [
        // Activations: every finite input, value and gradient finite.
        Unary("Relu", Functional.Relu),
        Unary("Relu6", Functional.Relu6),
        Unary("LeakyRelu", x => Functional.LeakyRelu(x, 0.1)),
        new("Prelu", ["Functional.Prelu"], [In(Any), In(new SweepDomain(1e-3, 4, Why: "the learned slope: a weight beyond 4 makes w·x overflow at H, as it would in PyTorch"), 1)],
            xs => Functional.Prelu(xs[0], xs[1])),
        Unary("Rrelu", x => Functional.Rrelu(x)),
        Unary("Rrelu(training)", x => Functional.Rrelu(x, training: true, generator: new Generator(7)), "Functional.Rrelu"),
        Unary("Elu", x => Functional.Elu(x)),
        Unary("Elu(alpha: 2)", x => Functional.Elu(x, 2), "Functional.Elu"),
        Unary("Selu", Functional.Selu),
        Unary("Celu", x => Functional.Celu(x)),
        Unary("Celu(alpha: 0.5)", x => Functional.Celu(x, 0.5), "Functional.Celu"),
        Unary("Gelu", x => Functional.Gelu(x)),
        Unary("Gelu(Tanh)", x => Functional.Gelu(x, GeluApproximation.Tanh), "Functional.Gelu"),
        Unary("Silu", Functional.Silu),
        Unary("Mish", Functional.Mish),
        Unary("Sigmoid", Functional.Sigmoid),
        Unary("Hardsigmoid", Functional.Hardsigmoid),
        Unary("LogSigmoid", Functional.LogSigmoid),
        Unary("Tanh", Functional.Tanh),
        Unary("Hardtanh", x => Functional.Hardtanh(x, -2, 3)),
        Unary("Hardswish", Functional.Hardswish),
        Unary("Softplus", x => Functional.Softplus(x)),
        Unary("Softplus(beta: 2, threshold: 5)", x => Functional.Softplus(x, 2, 5), "Functional.Softplus"),
        Unary("Softplus(beta: -1)", x => Functional.Softplus(x, -1), "Functional.Softplus"),
        Unary("Softplus(beta: 1e-3)", x => Functional.Softplus(x, 1e-3), "Functional.Softplus"),
        Unary("Softsign", Functional.Softsign),
        Unary("Tanhshrink", Functional.Tanhshrink),
        Unary("Softshrink", x => Functional.Softshrink(x)),
        Unary("Hardshrink", x => Functional.Hardshrink(x)),
        Unary("Threshold", x => Functional.Threshold(x, 0.5, -2)),
        Unary("Softmax", x => Functional.Softmax(x, 1)),
        Unary("Softmax(dim: 0)", x => Functional.Softmax(x, 0), "Functional.Softmax"),
        Unary("LogSoftmax", x => Functional.LogSoftmax(x, 1)),
        Unary("LogSoftmax(dim: 0)", x => Functional.LogSoftmax(x, 0), "Functional.LogSoftmax"),
        Unary("Softmin", x => Functional.Softmin(x, 1)),
        new("Softmax2d", ["Functional.Softmax"], [In(Any, 2, 3, 2, 2)], xs => new Softmax2d<T>().Forward(xs[0])),
        Unary("Glu", x => Functional.Glu(x)),
        Unary("Glu(dim: 0)", x => Functional.Glu(x, 0), "Functional.Glu"),
        new("Linear", ["Functional.Linear"], [In(Root(2, Product)), In(Root(2, Product), 3, 6), In(Any, 3)],
            xs => Functional.Linear(xs[0], xs[1], xs[2])),
        new("Linear(no bias)", ["Functional.Linear"], [In(Root(2, Product)), In(Root(2, Product), 3, 6)], xs => Functional.Linear(xs[0], xs[1])),

        // Losses, functional and modules, every reduction.
        .. Losses(),

        // Tensor ops.
        new("a + b", [Op("operator +(Tensor<T> a, Tensor<T> b)"), Op("Add(Tensor<T> other)")], [In(Any), In(Any)], xs => xs[0] + xs[1]),
        new("a + b (broadcast)", [Op("operator +(Tensor<T> a, Tensor<T> b)")], [In(Any), In(Any, 6)], xs => xs[0].Add(xs[1])),
        Unary("a + 2.5", Any, x => x + C(2.5), Op("operator +(Tensor<T> a, T b)")),
        Unary("2.5 + b", Any, x => C(2.5) + x, Op("operator +(T a, Tensor<T> b)")),
        new("a - b", [Op("operator -(Tensor<T> a, Tensor<T> b)"), Op("Sub(Tensor<T> other)")], [In(Any), In(Any)], xs => xs[0].Sub(xs[1])),
        Unary("a - 2.5", Any, x => x - C(2.5), Op("operator -(Tensor<T> a, T b)")),
        Unary("2.5 - b", Any, x => C(2.5) - x, Op("operator -(T a, Tensor<T> b)")),
        Unary("-x", Any, x => -x, Op("operator -(Tensor<T> x)")),
        Unary("Neg", Any, x => x.Neg(), Op("Neg()")),
        new("a * b", [Op("operator *(Tensor<T> a, Tensor<T> b)"), Op("Mul(Tensor<T> other)")], [In(Root(2, Product)), In(Root(2, Product))], xs => xs[0].Mul(xs[1])),
        Unary("a * 0.75", Any, x => x * C(0.75), Op("operator *(Tensor<T> a, T b)")),
        Unary("0.75 * b", Any, x => C(0.75) * x, Op("operator *(T a, Tensor<T> b)")),
        new("a / b", [Op("operator /(Tensor<T> a, Tensor<T> b)"), Op("Div(Tensor<T> other)")],
            [In(Root(2, "the numerator: a/b and the gradient a/b² are finite for |a| ≤ √H, |b| in [H^-1/4, H^1/4]")),
             In(new SweepDomain(Math.Pow(H, -0.25), Math.Pow(H, 0.25), Zero: false, Why: "the divisor: 0 gives ±inf or NaN as in PyTorch, and a/b² overflows outside [H^-1/4, H^1/4]"))],
            xs => xs[0].Div(xs[1])),
        Unary("a / 4", Any, x => x / C(4), Op("operator /(Tensor<T> a, T b)")),
        Unary("2 / b", new SweepDomain(Math.Pow(H, -0.5), H, Zero: false, Why: "2/b and its gradient -2/b² overflow for |b| < H^-1/2 (PyTorch gives inf)"),
            x => C(2) / x, Op("operator /(T a, Tensor<T> b)")),
        Unary("Exp", new SweepDomain(1 / H, H, Cap: typeof(T) == typeof(float) ? 88 : 709, Why: "e^x overflows above ln(MaxValue) (88.7 float, 709.8 double): PyTorch gives inf, asserted separately"),
            x => x.Exp(), Op("Exp()")),
        Unary("Log", new SweepDomain(1 / H, H, Signed: false, Zero: false, Why: "log is -inf at 0 and NaN below, as in PyTorch"), x => x.Log(), Op("Log()")),
        Unary("Pow(2)", Root(2, "x² overflows beyond √H: PyTorch gives inf, asserted separately"), x => x.Pow(C(2)), Op("Pow(T exponent)")),
        Unary("Pow(3)", Root(3, "x³ overflows beyond H^1/3"), x => x.Pow(C(3)), Op("Pow(T exponent)")),
        Unary("Pow(0.5)", new SweepDomain(1 / H, H, Signed: false, Zero: false, Why: "a fractional power of a negative is NaN, and its gradient at 0 infinite, as in PyTorch"),
            x => x.Pow(C(0.5)), Op("Pow(T exponent)")),
        Unary("Pow(-1)", new SweepDomain(Math.Pow(H, -0.5), Math.Pow(H, 0.5), Zero: false, Why: "1/x is infinite at 0 and its gradient -1/x² overflows below H^-1/2"),
            x => x.Pow(C(-1)), Op("Pow(T exponent)")),
        Unary("Sqrt", new SweepDomain(1 / H, H, Signed: false, Zero: false, Why: "NaN below 0 and an infinite gradient at 0, as in PyTorch"), x => x.Sqrt(), Op("Sqrt()")),
        Unary("Abs", Any, x => x.Abs(), Op("Abs()")),
        Unary("Clamp", Any, x => x.Clamp(C(-2), C(3)), Op("Clamp(T min, T max)")),
        Unary("Sum", Any, x => x.Sum(), Op("Sum()")),
        Unary("Sum(dim)", Any, x => x.Sum(1, keepDim: true), Op("Sum(int dim, bool keepDim = false)")),
        Unary("Mean", Any, x => x.Mean(), Op("Mean()")),
        Unary("Mean(dim)", Any, x => x.Mean(0), Op("Mean(int dim, bool keepDim = false)")),
        Unary("Max(dim)", Any, x => x.Max(1), Op("Max(int dim, bool keepDim = false)")),
        Unary("MaxWithIndices", Any, x => x.MaxWithIndices(0, keepDim: true).Values, Op("MaxWithIndices(int dim, bool keepDim = false)")),
        Unary("ArgMax", Any, x => Tensor.FromArray(x.ArgMax(1).Select(i => C(i)).ToArray()), Op("ArgMax(int dim)")),
        new("MatMul", [Op("MatMul(Tensor<T> other)")], [In(Root(2, Product)), In(Root(2, Product), 6, 3)], xs => xs[0].MatMul(xs[1])),
        new("MatMul(transposed)", [Op("MatMul(Tensor<T> a, Tensor<T> b, bool transposeA = false, bool transposeB = false)")],
            [In(Root(2, Product), 6, 4), In(Root(2, Product), 3, 6)], xs => Tensor<T>.MatMul(xs[0], xs[1], transposeA: true, transposeB: true)),
        Unary("Reshape", Any, x => x.Reshape(3, -1), Op("Reshape(params int[] shape)")),
        Unary("Reshape(shape)", Any, x => x.Reshape(new TensorShape(24)), Op("Reshape(TensorShape shape)")),
        Unary("Transpose(dims)", Any, x => x.Transpose(1, 0), Op("Transpose(int dim0, int dim1)")),
        Unary("Transpose", Any, x => x.Transpose(), Op("Transpose()")),
        Unary("SumTo", Any, x => x.SumTo(new TensorShape(1, 6)), Op("SumTo(TensorShape shape)")),
        new("Expand", [Op("Expand(TensorShape shape)")], [In(Any, 1, 6)], xs => xs[0].Expand(new TensorShape(4, 6))),
        Unary("SliceRows", Any, x => x.SliceRows(1, 2), Op("SliceRows(int start, int count)")),
        Unary("x[1..3]", Any, x => x[1..3], Op("this[Range range]")),
        new("Where", ["Tensor.Where(Tensor<T> condition, Tensor<T> a, Tensor<T> b)"], [In(Condition), In(Any), In(Any)],
            xs => Tensor.Where(xs[0], xs[1], xs[2])),

        // The elementwise math, reductions and products of issue 14.
        Unary("Sin", Any, x => x.Sin(), Op("Sin()")),
        Unary("Cos", Any, x => x.Cos(), Op("Cos()")),
        Unary("Log1p", new SweepDomain(1 / H, H, Signed: false, Why: "log1p is -inf at -1 and NaN below; the positive side and 0 are swept"), x => x.Log1p(), Op("Log1p()")),
        Unary("Expm1", new SweepDomain(1 / H, H, Cap: typeof(T) == typeof(float) ? 88 : 709, Why: "e^x - 1 overflows above ln(MaxValue), as Exp"),
            x => x.Expm1(), Op("Expm1()")),
        Unary("Log2", new SweepDomain(1 / H, H, Signed: false, Zero: false, Why: "log2 is -inf at 0 and NaN below, as in PyTorch"), x => x.Log2(), Op("Log2()")),
        Unary("Reciprocal", new SweepDomain(Math.Pow(H, -0.5), Math.Pow(H, 0.5), Zero: false, Why: "1/x is infinite at 0 and its gradient -1/x² overflows below H^-1/2"),
            x => x.Reciprocal(), Op("Reciprocal()")),
        Unary("Rsqrt", new SweepDomain(Math.Pow(H, -0.5), H, Signed: false, Zero: false, Why: "NaN below 0, infinite at 0, and the gradient -x^(-3/2)/2 overflows below H^-2/3"),
            x => x.Rsqrt(), Op("Rsqrt()")),
        Unary("Square", Root(2, Squares), x => x.Square(), Op("Square()")),
        Unary("Sign", Any, x => x.Sign(), Op("Sign()")),
        Unary("Floor", Any, x => x.Floor(), Op("Floor()")),
        Unary("Ceil", Any, x => x.Ceil(), Op("Ceil()")),
        Unary("Round", Any, x => x.Round(), Op("Round()")),
        new("Pow(tensor)", [Op("Pow(Tensor<T> exponent)")],
            [In(new SweepDomain(0.5, 2, Signed: false, Zero: false, Why: "the base: x^e overflows for large bases or exponents, and a negative base gives NaN, as in PyTorch")),
             In(new SweepDomain(1e-3, 10, Why: "the exponent: |e| ≤ 10 keeps 2^e and 0.5^e finite"))],
            xs => xs[0].Pow(xs[1])),
        Unary("2^x", new SweepDomain(1 / H, H, Cap: 100, Why: "2^x overflows above 127 in float; large negative x gives 0"),
            x => Tensor<T>.Pow(C(2), x), Op("Pow(T @base, Tensor<T> exponent)")),
        new("Maximum", [Op("Maximum(Tensor<T> a, Tensor<T> b)")], [In(Any), In(Any, 6)], xs => Tensor<T>.Maximum(xs[0], xs[1])),
        new("Minimum", [Op("Minimum(Tensor<T> a, Tensor<T> b)")], [In(Any), In(Any)], xs => Tensor<T>.Minimum(xs[0], xs[1])),
        Unary("LogSumExp", Any, x => x.LogSumExp(1), Op("LogSumExp(int dim, bool keepDim = false)")),
        Unary("Max()", Any, x => x.Max(), Op("Max()")),
        Unary("Min()", Any, x => x.Min(), Op("Min()")),
        Unary("Min(dim)", Any, x => x.Min(1), Op("Min(int dim, bool keepDim = false)")),
        Unary("MinWithIndices", Any, x => x.MinWithIndices(0).Values, Op("MinWithIndices(int dim, bool keepDim = false)")),
        Unary("ArgMin", Any, x => Tensor.FromArray(x.ArgMin(1).Select(i => C(i)).ToArray()), Op("ArgMin(int dim)")),
        Unary("Var", Root(2, Squares), x => x.Var(), Op("Var(int correction = 1)")),
        Unary("Var(dim)", Root(2, Squares), x => x.Var(1, correction: 0, keepDim: true), Op("Var(int dim, int correction = 1, bool keepDim = false)")),
        Unary("Std", Root(2, Squares), x => x.Std(), Op("Std(int correction = 1)")),
        Unary("Std(dim)", Root(2, Squares), x => x.Std(0), Op("Std(int dim, int correction = 1, bool keepDim = false)")),
        Unary("Norm(2)", Root(2, Squares), x => x.Norm(), Op("Norm(double p = 2)")),
        Unary("Norm(1, dim)", Any, x => x.Norm(1, 1), Op("Norm(double p, int dim, bool keepDim = false)")),
        Unary("Norm(inf, dim)", Any, x => x.Norm(double.PositiveInfinity, 0), Op("Norm(double p, int dim, bool keepDim = false)")),
        new("Tensor.MatMul (batched)", ["Tensor.MatMul(Tensor<T> a, Tensor<T> b)"], [In(Root(2, Product), 2, 4, 6), In(Root(2, Product), 6)],
            xs => Tensor.MatMul(xs[0], xs[1])),
        new("Bmm", [Op("Bmm(Tensor<T> other)")], [In(Root(2, Product), 2, 4, 6), In(Root(2, Product), 2, 6, 3)], xs => xs[0].Bmm(xs[1])),
        new("Dot", [Op("Dot(Tensor<T> other)")], [In(Root(2, Product), 6), In(Root(2, Product), 6)], xs => xs[0].Dot(xs[1])),
        new("Outer", [Op("Outer(Tensor<T> other)")], [In(Root(2, Product), 4), In(Root(2, Product), 6)], xs => xs[0].Outer(xs[1])),
        new("Cat", ["Tensor.Cat(IReadOnlyList<Tensor<T>> tensors, int dim = 0)", Op("Cat(IReadOnlyList<Tensor<T>> tensors, int dim = 0)")],
            [In(Any), In(Any, 2, 6)], xs => Tensor.Cat(xs, 0)),
        new("Stack", ["Tensor.Stack(IReadOnlyList<Tensor<T>> tensors, int dim = 0)", Op("Stack(IReadOnlyList<Tensor<T>> tensors, int dim = 0)")],
            [In(Any), In(Any)], xs => Tensor<T>.Stack(xs, -1)),
        Unary("Narrow", Any, x => x.Narrow(1, 2, 3), Op("Narrow(int dim, int start, int length)")),
        Unary("Split", Any, x => Tensor.Cat(x.Split(4, 1), 1), Op("Split(int splitSize, int dim = 0)")),
        Unary("Chunk", Any, x => Tensor.Cat(x.Chunk(3, 0), 0), Op("Chunk(int chunks, int dim = 0)")),
        Unary("Unsqueeze", Any, x => x.Unsqueeze(0), Op("Unsqueeze(int dim)")),
        Unary("Squeeze", Any, x => x.Unsqueeze(1).Squeeze(), Op("Squeeze()")),
        Unary("Squeeze(dim)", Any, x => x.Unsqueeze(1).Squeeze(1), Op("Squeeze(int dim)")),
        Unary("Permute", Any, x => x.Permute(1, 0), Op("Permute(params int[] dims)")),
        Unary("Repeat", Any, x => x.Repeat(2, 1, 2), Op("Repeat(params int[] repeats)")),
        Unary("Flatten", Any, x => x.Flatten(), Op("Flatten(int startDim = 0, int endDim = -1)")),

        // The last slice of issue 14: prod and indexing.
        Unary("Prod", Products(24), x => x.Prod(), Op("Prod()")),
        Unary("Prod(dim)", Products(6), x => x.Prod(1, keepDim: true), Op("Prod(int dim, bool keepDim = false)")),
        Unary("Gather", Any, x => x.Gather(1, [5, 0, 0, 1, 2, 3, 4, 4, 5, 0, 1, 2], new TensorShape(4, 3)),
            Op("Gather(int dim, ReadOnlySpan<int> index, TensorShape indexShape)")),
        new("ScatterAdd", [Op("ScatterAdd(int dim, ReadOnlySpan<int> index, Tensor<T> source)")], [In(Any), In(Any, 2, 6)],
            xs => xs[0].ScatterAdd(0, [3, 0, 3, 1, 2, 3, 3, 3, 0, 0, 1, 2], xs[1])),
        Unary("IndexSelect", Any, x => x.IndexSelect(1, [5, 0, 5, 2]), Op("IndexSelect(int dim, ReadOnlySpan<int> index)")),
        Unary("MaskedSelect", Any, x => x.MaskedSelect(Enumerable.Range(0, 24).Select(i => i % 3 != 1).ToArray()),
            Op("MaskedSelect(ReadOnlySpan<bool> mask)")),
        Unary("Select", Any, x => x.Select(1, -2), Op("Select(int dim, int index)")),
        Unary("x[.., 1..3]", Any, x => x[.., 1..3], Op("this[params Range[] ranges]")),

        // The layer modules of src/MiniGrad/Nn (issue 15). Normalizing squares the centered input, so its domain is √H;
        // a constant row (the zero extreme, or every element at the same extreme) has variance 0, and eps keeps it finite.
        Unary("Nn.Linear", Any, x => new Linear<T>(6, 3, new Generator(5)).Forward(x), "Nn.Linear"),
        Unary("Nn.LayerNorm", Root(2, Squares), x => new LayerNorm<T>(6).Forward(x), "Nn.LayerNorm"),
        Unary("Nn.LayerNorm(2 dims)", Root(2, Squares), x => new LayerNorm<T>(new TensorShape(4, 6)).Forward(x), "Nn.LayerNorm"),
        Unary("Nn.BatchNorm1d", Root(2, Squares), x => new BatchNorm1d<T>(6).Forward(x), "Nn.BatchNorm1d"),
        Unary("Nn.BatchNorm1d([N, C, L])", Root(2, Squares), x => new BatchNorm1d<T>(4).Forward(x.Unsqueeze(0).Repeat(2, 1, 1)), "Nn.BatchNorm1d"),
        Unary("Nn.BatchNorm1d(eval)", Any, x => new BatchNorm1d<T>(6).Eval().Forward(x), "Nn.BatchNorm1d"),
        Unary("Nn.Dropout", Any, x => new Dropout<T>(0.25, new Generator(3)).Forward(x), "Nn.Dropout"),
        Unary("Nn.Flatten", Any, x => new Flatten<T>(0).Forward(x), "Nn.Flatten"),
        Unary("Nn.Identity", Any, x => new Identity<T>().Forward(x) * C(1), "Nn.Identity"),
        Unary("Nn.Embedding", Any, w => EmbeddingFunction<T>.Apply(w, [3, 0, 3, 1, 2], new TensorShape(5, 6)), "Nn.Embedding"),
    ];

    private static IEnumerable<SweepCase<T>> Losses()
    {
        const string Square = "the squared error overflows once |p - t| > √H: PyTorch gives inf, asserted separately";
        foreach (var r in new[] { Reduction.Mean, Reduction.Sum, Reduction.None })
        {
            yield return new($"MseLoss({r})", ["Functional.MseLoss", "Nn.MseLoss"], [In(Root(2, Square)), In(Root(2, Square))],
                xs => r == Reduction.Sum ? new MseLoss(r).Forward(xs[0], xs[1]) : Functional.MseLoss(xs[0], xs[1], r));
            yield return new($"L1Loss({r})", ["Functional.L1Loss", "Nn.L1Loss"], [In(Any), In(Any)],
                xs => r == Reduction.Sum ? new L1Loss(r).Forward(xs[0], xs[1]) : Functional.L1Loss(xs[0], xs[1], r));
            yield return new($"HuberLoss({r})", ["Functional.HuberLoss", "Nn.HuberLoss"], [In(Any), In(Any)],
                xs => r == Reduction.Sum ? new HuberLoss(1.5, r).Forward(xs[0], xs[1]) : Functional.HuberLoss(xs[0], xs[1], 1.5, r));
            yield return new($"CrossEntropy({r})", ["Functional.CrossEntropy", "Nn.CrossEntropyLoss"], [In(Any)],
                xs => r == Reduction.Sum ? new CrossEntropyLoss(r).Forward(xs[0], Classes) : Functional.CrossEntropy(xs[0], Classes, r));
            yield return new($"BinaryCrossEntropyWithLogits({r})", ["Functional.BinaryCrossEntropyWithLogits", "Nn.BceWithLogitsLoss"],
                [In(Any), In(Probability)],
                xs => r == Reduction.Sum ? new BceWithLogitsLoss(r).Forward(xs[0], xs[1]) : Functional.BinaryCrossEntropyWithLogits(xs[0], xs[1], r));

            // Issue 14's losses: probabilities at 0 and 1 (BCE's -100 clamp), weights, ignored targets, label smoothing.
            yield return new($"BinaryCrossEntropy({r})", ["Functional.BinaryCrossEntropy", "Nn.BceLoss"], [In(ProbabilityInput), In(Probability)],
                xs => r == Reduction.Sum ? new BceLoss(reduction: r).Forward(xs[0], xs[1]) : Functional.BinaryCrossEntropy(xs[0], xs[1], reduction: r));
            yield return new($"BinaryCrossEntropy(weight, {r})", ["Functional.BinaryCrossEntropy", "Nn.BceLoss"], [In(ProbabilityInput), In(Probability)],
                xs => r == Reduction.Sum ? new BceLoss(Tensor.FromArray(ClassWeights), r).Forward(xs[0], xs[1])
                    : Functional.BinaryCrossEntropy(xs[0], xs[1], Weights(), r));
            yield return new($"NllLoss({r})", ["Functional.NllLoss", "Nn.NllLoss"], [In(Any)],
                xs => r == Reduction.Sum ? new NllLoss(Tensor.FromArray(ClassWeights), reduction: r).Forward(xs[0], ClassesWithIgnored)
                    : Functional.NllLoss(xs[0], ClassesWithIgnored, Weights(), reduction: r));
            yield return new($"NllLoss([N, C, d], {r})", ["Functional.NllLoss"], [In(Any, 2, 3, 4)],
                xs => Functional.NllLoss(xs[0], [0, 2, -100, 1, 1, 1, 0, 2], reduction: r));
            yield return new($"CrossEntropy(weight, ignoreIndex, labelSmoothing, {r})", ["Functional.CrossEntropy", "Nn.CrossEntropyLoss"], [In(Any)],
                xs => r == Reduction.Sum ? new CrossEntropyLoss(r, Tensor.FromArray(ClassWeights), labelSmoothing: 0.1).Forward(xs[0], ClassesWithIgnored)
                    : Functional.CrossEntropy(xs[0], ClassesWithIgnored, r, Weights(), labelSmoothing: 0.1));
            yield return new($"CrossEntropy([N, C, d1, d2], {r})", ["Functional.CrossEntropy"], [In(Any, 2, 3, 2, 2)],
                xs => Functional.CrossEntropy(xs[0], [0, 2, -100, 1, 1, 1, 0, 2], r, labelSmoothing: 0.2));
            yield return new($"CrossEntropy(probabilities, {r})", ["Functional.CrossEntropy", "Nn.CrossEntropyLoss"], [In(Any), In(Probability)],
                xs => r == Reduction.Sum ? new CrossEntropyLoss(r, Tensor.FromArray(ClassWeights), labelSmoothing: 0.05).Forward(xs[0], xs[1])
                    : Functional.CrossEntropy(xs[0], xs[1], r, Weights()));
        }
    }

    /// <summary>Per-class weights for the six classes of the [4, 6] inputs, a zero among them.</summary>
    private static readonly double[] ClassWeights = [0.5, 2, 1, 0, 1.5, 1];

    private static Tensor<T> Weights() => Tensor.FromArray(ClassWeights.Select(C).ToArray());

    /// <summary>Class indices for [4, 6] inputs, the second ignored (PyTorch's default ignoreIndex, -100).</summary>
    private static readonly int[] ClassesWithIgnored = [0, -100, 2, 5];

    /// <summary>BCE's input: probabilities, 0 and 1 included (the logs are clamped at -100 there, as in PyTorch).</summary>
    private static SweepDomain ProbabilityInput => new(1 / H, 1, Signed: false,
        Why: "BCE takes probabilities (it refuses inputs outside [0, 1], as PyTorch); 0, 1 and values down to 1/H are swept");
}
