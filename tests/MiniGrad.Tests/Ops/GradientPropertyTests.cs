using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Ops;

/// <summary>
/// FsCheck properties: for random shapes and values (kept away from kinks, ties and poles), the tape's gradient of
/// <c>sum(op(inputs) * W)</c> (W random, so every output element counts differently) equals the central difference
/// with step 1e-6 in double, to a relative tolerance of 1e-6 plus an absolute floor.
/// </summary>
/// <remarks>
/// The absolute floor: a central difference divides the difference of two evaluations of f by 2h. Each evaluation
/// carries a rounding error of a few ulps of the magnitudes summed into f, about eps * S with
/// S = sum |op(x)_i * W_i| (plus the partial products of a matmul, which are of the same size), so the quotient is
/// off by about eps * S / h = 2.2e-10 * S. The floor is 1e-8 * (1 + S), a margin of about 50 over that estimate;
/// the truncation error h^2 f'''/6 (1e-12 times a third derivative kept below ~20 by the value ranges) is far below it.
/// Where the true gradient is large the 1e-6 relative part governs.
/// <para>Case counts (25 per op, 150 programs) keep the suite fast; raise <see cref="OpCases"/> and the programs'
/// <c>MaxTest</c> for a soak run (3000 and 20000 passed when these tests were written). A failing case shrinks to its
/// inputs rounded to two decimals (every generator's bounds are multiples of 0.01, so the rounded case is still one
/// it could draw) and a program to fewer steps; the report gives the shrunk case and the seed that replays it.</para>
/// </remarks>
public class GradientPropertyTests
{
    private const double Step = 1e-6;
    private const double Rel = 1e-6;
    private const int OpCases = 25;

    /// <summary>A generated case: the op, its inputs and a seed for the weights of the loss.</summary>
    public sealed record OpCase(string Name, Func<Tensor<double>[], Tensor<double>> Op, Tensor<double>[] Inputs, ulong WeightSeed)
    {
        public override string ToString() =>
            $"{Name}({string.Join("; ", Inputs.Select(t => $"{t.Shape} {{{string.Join(", ", t.ToArray().Select(v => v.ToString("R")))}}}"))}), W seed {WeightSeed}";

        /// <summary>The case with its inputs rounded to two decimals, unless they already are.</summary>
        public IEnumerable<OpCase> Shrink()
        {
            var rounded = Rounded(Inputs);
            if (rounded is not null) yield return this with { Inputs = rounded };
        }
    }

    /// <summary>The tensors with their values rounded to two decimals, or null when that changes nothing.</summary>
    private static Tensor<double>[]? Rounded(Tensor<double>[] inputs)
    {
        var rounded = inputs.Select(t => Tensor.FromArray(t.ToArray().Select(v => Math.Round(v, 2)).ToArray(), t.Shape.Dims.ToArray())).ToArray();
        return rounded.Zip(inputs).All(p => p.First.ToArray().SequenceEqual(p.Second.ToArray())) ? null : rounded;
    }

    // ---- generators -------------------------------------------------------------------------------------------

    private static Gen<int[]> ShapeGen(int minRank = 1, int maxRank = 3, int maxDim = 4) =>
        from rank in Gen.Choose(minRank, maxRank)
        from dims in Gen.ArrayOf(Gen.Choose(1, maxDim), rank)
        select dims;

    /// <summary>Values with magnitude in [lo, hi]; signed ones get a random sign (so |v| >= lo keeps them off 0).</summary>
    private static Gen<double[]> ValuesGen(int n, double lo, double hi, bool signed) =>
        Gen.ArrayOf(Gen.Choose(-1_000_000, 1_000_000), n).Select(raw => raw.Select(r =>
        {
            double u = Math.Abs(r) / 1e6;
            double m = lo + (hi - lo) * u;
            return signed && r < 0 ? -m : m;
        }).ToArray());

    private static Gen<Tensor<double>> TensorGen(int[] shape, double lo, double hi, bool signed) =>
        ValuesGen(shape.Aggregate(1, (a, b) => a * b), lo, hi, signed).Select(v => Tensor.FromArray(v, shape));

    private static Gen<ulong> SeedGen => Gen.Choose(0, int.MaxValue).Select(i => (ulong)i);

    /// <summary>A shape that broadcasts to <paramref name="shape"/>: some dims set to 1, maybe leading dims dropped.</summary>
    private static Gen<int[]> BroadcastableTo(int[] shape) =>
        from drop in Gen.Choose(0, shape.Length)
        from ones in Gen.ArrayOf(Gen.Choose(0, 2), shape.Length)
        select shape.Skip(drop).Select((d, i) => ones[i + drop] == 0 ? 1 : d).ToArray();

    private static Gen<OpCase> Unary(string name, Func<Tensor<double>, Tensor<double>> op, double lo, double hi, bool signed) =>
        from shape in ShapeGen()
        from x in TensorGen(shape, lo, hi, signed)
        from seed in SeedGen
        select new OpCase(name, t => op(t[0]), [x], seed);

    private static Gen<OpCase> Binary(string name, Func<Tensor<double>, Tensor<double>, Tensor<double>> op, double bLo)
    {
        return from shape in ShapeGen()
               from aShape in BroadcastableTo(shape)
               from bShape in BroadcastableTo(shape)
               from swap in Gen.Elements(false, true)
               from a in TensorGen(swap ? aShape : shape, 0.1, 2, true)
               from b in TensorGen(swap ? shape : bShape, bLo, 2, true)
               from seed in SeedGen
               select new OpCase(name, t => op(t[0], t[1]), [a, b], seed);
    }

    // ---- the check ----------------------------------------------------------------------------------------------

    private static Property Holds(Gen<OpCase> gen) =>
        Prop.ForAll(gen.ShrinkingWith(c => c.Shrink()), c => CheckCase(c.Name, c.Op, c.Inputs, c.WeightSeed));

    /// <summary>Compares tape and central-difference gradients of sum(op(x) * W); throws naming the worst element.</summary>
    internal static void CheckCase(string name, Func<Tensor<double>[], Tensor<double>> op, Tensor<double>[] inputs, ulong weightSeed)
    {
        using var tape = MiniGrad.Tape.Begin();
        Tensor<double> w;
        double scale;
        using (MiniGrad.Tape.NoGrad())
        {
            var y = op(inputs);
            w = Tensor<double>.RandomUniform(new Generator(weightSeed), -1, 1, y.Shape.Dims.ToArray());
            scale = (y * w).Abs().Sum().Item();
        }
        Tensor<double> F(Tensor<double>[] xs) => (op(xs) * w).Sum();
        var numeric = NumericGradient.Compute(F, inputs, Step);
        var analytic = NumericGradient.Analytic(F, inputs);
        double abs = 1e-8 * (1 + scale);
        for (int k = 0; k < inputs.Length; k++)
            Close.All<double>(numeric[k], analytic[k], Rel, abs, $"{name}: d/d input {k}");
    }

    // ---- one property per primitive op --------------------------------------------------------------------------

    [Property(MaxTest = OpCases)] public Property Add() => Holds(Binary("add", (a, b) => a + b, 0.1));
    [Property(MaxTest = OpCases)] public Property Sub() => Holds(Binary("sub", (a, b) => a - b, 0.1));
    [Property(MaxTest = OpCases)] public Property Mul() => Holds(Binary("mul", (a, b) => a * b, 0.1));
    [Property(MaxTest = OpCases)] public Property Div() => Holds(Binary("div", (a, b) => a / b, 0.5)); // |b| >= 0.5: away from the pole
    [Property(MaxTest = OpCases)] public Property Neg() => Holds(Unary("neg", x => -x, 0, 2, true));
    [Property(MaxTest = OpCases)] public Property Exp() => Holds(Unary("exp", x => x.Exp(), 0, 2, true));
    [Property(MaxTest = OpCases)] public Property Log() => Holds(Unary("log", x => x.Log(), 0.5, 3, false));
    [Property(MaxTest = OpCases)] public Property Sqrt() => Holds(Unary("sqrt", x => x.Sqrt(), 0.5, 3, false));
    [Property(MaxTest = OpCases)] public Property Abs() => Holds(Unary("abs", x => x.Abs(), 0.1, 2, true)); // |x| >= 0.1: off the kink

    [Property(MaxTest = OpCases)]
    public Property Pow() => Holds(
        from p in Gen.Elements(2.0, 3.0, 0.5, -1.0, 1.5, -2.5, 0.0, 1.0)
        from c in Unary($"pow {p}", x => x.Pow(p), 0.5, 2, false)
        select c);

    [Property(MaxTest = OpCases)]
    public Property PowIntegerExponentOfNegativeBase() => Holds(
        from p in Gen.Elements(2.0, 3.0, -1.0)
        from c in Unary($"pow {p}", x => x.Pow(p), 0.5, 2, true)
        select c);

    [Property(MaxTest = OpCases)]
    public Property Clamp()
    {
        // Bounds -0.5 and 0.5; values stay at least 0.01 from either bound.
        var gen = from shape in ShapeGen()
                  let n = shape.Aggregate(1, (a, b) => a * b)
                  from regions in Gen.ArrayOf(Gen.Choose(0, 2), n)
                  from u in ValuesGen(n, 0, 1, false)
                  from seed in SeedGen
                  let x = Tensor.FromArray(regions.Select((r, i) => r switch
                  {
                      0 => -1 + 0.49 * u[i],
                      1 => -0.49 + 0.98 * u[i],
                      _ => 0.51 + 0.49 * u[i],
                  }).ToArray(), shape)
                  select new OpCase("clamp", t => t[0].Clamp(-0.5, 0.5), [x], seed);
        return Holds(gen);
    }

    [Property(MaxTest = OpCases)]
    public Property Where()
    {
        var gen = from shape in ShapeGen()
                  let n = shape.Aggregate(1, (a, b) => a * b)
                  from mask in Gen.ArrayOf(Gen.Choose(0, 1), n)
                  from a in TensorGen(shape, 0, 2, true)
                  from b in TensorGen(shape, 0, 2, true)
                  from seed in SeedGen
                  let cond = Tensor.FromArray(mask.Select(m => (double)m).ToArray(), shape)
                  select new OpCase("where", t => Tensor.Where(cond, t[0], t[1]), [a, b], seed);
        return Holds(gen);
    }

    [Property(MaxTest = OpCases)]
    public Property MatMul()
    {
        var gen = from m in Gen.Choose(1, 5)
                  from k in Gen.Choose(1, 5)
                  from n in Gen.Choose(1, 5)
                  from ta in Gen.Elements(false, true)
                  from tb in Gen.Elements(false, true)
                  from a in TensorGen(ta ? [k, m] : [m, k], 0, 2, true)
                  from b in TensorGen(tb ? [n, k] : [k, n], 0, 2, true)
                  from seed in SeedGen
                  select new OpCase($"matmul ta={ta} tb={tb}", t => Tensor<double>.MatMul(t[0], t[1], ta, tb), [a, b], seed);
        return Holds(gen);
    }

    private static Gen<OpCase> AlongDim(string name, Func<Tensor<double>, int, bool, Tensor<double>> op) =>
        from shape in ShapeGen()
        from dim in Gen.Choose(-shape.Length, shape.Length - 1)
        from keep in Gen.Elements(false, true)
        from x in TensorGen(shape, 0, 2, true)
        from seed in SeedGen
        select new OpCase($"{name} dim={dim} keepDim={keep}", t => op(t[0], dim, keep), [x], seed);

    [Property(MaxTest = OpCases)] public Property SumAll() => Holds(Unary("sum", x => x.Sum(), 0, 2, true));
    [Property(MaxTest = OpCases)] public Property MeanAll() => Holds(Unary("mean", x => x.Mean(), 0, 2, true));
    [Property(MaxTest = OpCases)] public Property SumAlongDim() => Holds(AlongDim("sum", (x, d, k) => x.Sum(d, k)));
    [Property(MaxTest = OpCases)] public Property MeanAlongDim() => Holds(AlongDim("mean", (x, d, k) => x.Mean(d, k)));

    [Property(MaxTest = OpCases)]
    public Property MaxAlongDim()
    {
        // Distinct values at least 0.05 apart, so no tie is within reach of the step: a shuffled grid plus jitter.
        var gen = from shape in ShapeGen()
                  let n = shape.Aggregate(1, (a, b) => a * b)
                  from order in Gen.Shuffle(Enumerable.Range(0, n).ToArray())
                  from jitter in ValuesGen(n, 0, 0.04, false)
                  from dim in Gen.Choose(-shape.Length, shape.Length - 1)
                  from keep in Gen.Elements(false, true)
                  from seed in SeedGen
                  let x = Tensor.FromArray(order.Select((o, i) => o * 0.1 - 1 + jitter[i]).ToArray(), shape)
                  select new OpCase($"max dim={dim} keepDim={keep}", t => t[0].Max(dim, keep), [x], seed);
        return Holds(gen);
    }

    [Property(MaxTest = OpCases)]
    public Property Reshape()
    {
        // To the reversed dims, with one of them given as -1.
        var gen = from shape in ShapeGen()
                  from minus in Gen.Choose(0, shape.Length - 1)
                  from x in TensorGen(shape, 0, 2, true)
                  from seed in SeedGen
                  let target = shape.Reverse().Select((d, i) => i == minus ? -1 : d).ToArray()
                  select new OpCase($"reshape [{string.Join(", ", target)}]", t => t[0].Reshape(target), [x], seed);
        return Holds(gen);
    }

    [Property(MaxTest = OpCases)]
    public Property Transpose()
    {
        var gen = from shape in ShapeGen(2, 4)
                  from d0 in Gen.Choose(0, shape.Length - 1)
                  from d1 in Gen.Choose(-shape.Length, shape.Length - 1)
                  from x in TensorGen(shape, 0, 2, true)
                  from seed in SeedGen
                  select new OpCase($"transpose {d0} {d1}", t => t[0].Transpose(d0, d1), [x], seed);
        return Holds(gen);
    }

    [Property(MaxTest = OpCases)]
    public Property SliceRows()
    {
        var gen = from shape in ShapeGen()
                  from start in Gen.Choose(0, shape[0] - 1)
                  from count in Gen.Choose(1, shape[0] - start)
                  from x in TensorGen(shape, 0, 2, true)
                  from seed in SeedGen
                  select new OpCase($"slice rows {start}..{start + count}", t => t[0][start..(start + count)], [x], seed);
        return Holds(gen);
    }

    [Property(MaxTest = OpCases)]
    public Property SumToAndExpand()
    {
        var gen = from shape in ShapeGen()
                  from small in BroadcastableTo(shape)
                  from down in Gen.Elements(false, true)
                  from x in TensorGen(down ? shape : small, 0, 2, true)
                  from seed in SeedGen
                  select down
                      ? new OpCase($"sum_to [{string.Join(", ", small)}]", t => t[0].SumTo(new TensorShape(small)), [x], seed)
                      : new OpCase($"expand [{string.Join(", ", shape)}]", t => t[0].Expand(new TensorShape(shape)), [x], seed);
        return Holds(gen);
    }

    // ---- random compositions --------------------------------------------------------------------------------------

    /// <summary>
    /// A random straight-line program over a pool that starts with three [r, c] inputs: each step applies one op to
    /// operands picked from the pool (so values fan out and gradients accumulate) and appends the result. Every op
    /// keeps the shape [r, c] and is smooth everywhere on the values it can meet (denominators and logs get x^2 + 1).
    /// </summary>
    public sealed record Program(int Rows, int Cols, (int Op, int A, int B)[] Steps)
    {
        public const int OpCount = 14;

        public Tensor<double> Run(Tensor<double>[] inputs)
        {
            var pool = new List<Tensor<double>>(inputs);
            foreach (var (op, ia, ib) in Steps)
            {
                var a = pool[ia % pool.Count];
                var b = pool[ib % pool.Count];
                pool.Add(op switch
                {
                    0 => a + b,
                    1 => a - b,
                    2 => a * b,
                    3 => a / (b.Pow(2) + 1.0),
                    4 => (a * 0.5).Exp(),
                    5 => (a.Pow(2) + 1.0).Log(),
                    6 => (a.Pow(2) + 1.0).Sqrt(),
                    7 => -a,
                    8 => Tensor<double>.MatMul(Tensor<double>.MatMul(a, b, transposeB: true), pool[0]) / (double)Cols,
                    9 => a - a.Mean(1, keepDim: true),
                    10 => a + b.Sum(0) / (double)Rows,              // a bias broadcast over rows
                    11 => a.Transpose().Reshape(Cols * Rows).Reshape(Cols, Rows).Transpose() * b,
                    12 => Tensor.Where(Mask(), a, b),
                    _ => a.Pow(3) * 0.3 + a.Sum() / (double)(Rows * Cols),
                });
            }
            return pool[^1];
        }

        private Tensor<double> Mask() =>
            Tensor.FromArray(Enumerable.Range(0, Rows * Cols).Select(i => (double)(i % 3 == 0 ? 1 : 0)).ToArray(), Rows, Cols);

        public override string ToString() =>
            $"[{Rows}, {Cols}]: " + string.Join(" ; ", Steps.Select(s => $"op{s.Op}(v{s.A}, v{s.B})"));
    }

    [Property(MaxTest = 150)]
    public Property RandomCompositionsOfOps()
    {
        var gen = from rows in Gen.Choose(1, 4)
                  from cols in Gen.Choose(1, 4)
                  from length in Gen.Choose(1, 7)
                  from steps in Gen.ArrayOf(
                      from op in Gen.Choose(0, Program.OpCount - 1)
                      from a in Gen.Choose(0, 100)
                      from b in Gen.Choose(0, 100)
                      select (op, a, b), length)
                  from x in Gen.ArrayOf(TensorGen([rows, cols], 0, 1, true), 3)
                  from seed in SeedGen
                  select (Program: new Program(rows, cols, steps), Inputs: x, Seed: seed);
        // Shrinks to fewer steps (operand indices wrap around the pool, so any subsequence is a program), then to inputs
        // rounded to two decimals.
        IEnumerable<(Program Program, Tensor<double>[] Inputs, ulong Seed)> Shrink((Program Program, Tensor<double>[] Inputs, ulong Seed) c) =>
            Shrinks.Array(c.Program.Steps, 1, Shrinks.None).Select(steps => c with { Program = c.Program with { Steps = steps } })
                .Concat(Rounded(c.Inputs) is { } rounded ? [c with { Inputs = rounded }] : []);
        return Prop.ForAll(gen.ShrinkingWith(Shrink), c => CheckCase(c.Program.ToString(), c.Program.Run, c.Inputs, c.Seed));
    }
}
