using System.Numerics;
using MiniGrad.Kernels;
using MiniGrad.Kernels.Gemm;

namespace MiniGrad.Tests.Kernels;

/// <summary>
/// The matrix multiply against a double-precision triple loop, on every path (small loops, and the packed kernel on
/// each instruction set this machine runs), every transpose combination, and shapes chosen to hit tile edges.
/// </summary>
[Collection(nameof(MiniGrad.Tests.Support.ThreadCountCollection))]
public class MatMulTests
{
    private static readonly int[] EdgeSizes = [0, 1, 2, 3, 5, 7, 8, 13, 16, 17, 31, 32, 33, 47, 64, 97, 131];

    /// <summary>
    /// The paths by name (the enums are internal): the unpacked ones ("small"; "rows" and "dot" on Vector512 and AVX2
    /// machines), then the packed kernel on each instruction set this machine runs.
    /// </summary>
    public static IEnumerable<object[]> Paths()
    {
        yield return ["small"];
        if (RowGemm.IsSupported)
        {
            yield return ["rows"];
            yield return ["dot"];
        }
        yield return [nameof(GemmIsa.Scalar)];
        if (Float256Kernel.IsSupported) yield return [nameof(GemmIsa.Vector256)];
        if (Float512Kernel.IsSupported) yield return [nameof(GemmIsa.Vector512)];
    }

    /// <summary>A path name as (path, instruction set of the packed kernel).</summary>
    private static (GemmPath Path, GemmIsa Isa) Isa(string path) => path switch
    {
        "small" => (GemmPath.Small, MatMul.MachineIsa),
        "rows" => (GemmPath.Rows, MatMul.MachineIsa),
        "dot" => (GemmPath.Dot, MatMul.MachineIsa),
        _ => (GemmPath.Packed, Enum.Parse<GemmIsa>(path)),
    };

    /// <summary>The transposes to test on a path: the streaming paths only take their own layouts.</summary>
    private static (bool TransposeA, bool TransposeB) Layout(GemmPath path, bool ta, bool tb) => path switch
    {
        GemmPath.Dot => (false, tb),
        _ => (ta, tb),
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void FloatMatchesTheNaiveProductOnRandomShapes(string path) => RandomShapes<float>(Isa(path), seed: 1);

    [Theory]
    [MemberData(nameof(Paths))]
    public void DoubleMatchesTheNaiveProductOnRandomShapes(string path) => RandomShapes<double>(Isa(path), seed: 2);

    [Theory]
    [MemberData(nameof(Paths))]
    public void ShapesThatCrossTheCacheBlocksAreExactToRounding(string path)
    {
        var isa = Isa(path);
        // k > 256 gives several depth blocks (accumulation into C); m > 128 and n > 1024 cross MC and NC for float.
        var rng = new Random(3);
        Check<float>(rng, 130, 300, 37, false, true, isa, parts: 1);
        Check<float>(rng, 9, 515, 1030, true, false, isa, parts: 1);
        Check<double>(rng, 129, 513, 40, true, true, isa, parts: 1);
        Check<double>(rng, 20, 70, 530, false, false, isa, parts: 1);
        Check<float>(rng, 10, 128, 256, true, false, isa, parts: 1);
        Check<double>(rng, 128, 10, 256, false, false, isa, parts: 1);
        Check<float>(rng, 128, 256, 10, false, true, isa, parts: 1);
        Check<float>(rng, 128, 256, 10, true, false, isa, parts: 1);
        Check<double>(rng, 130, 100, 10, false, false, isa, parts: 1);
        Check<double>(rng, 131, 70, 10, true, true, isa, parts: 1);
    }

    /// <summary>
    /// The streaming paths' blocks: every row count of a block (1 to 10 rows of C for "rows", 1 to 4 for "dot"), every
    /// column count (1 to 4 vectors, full or masked; 1 to 5 columns for "dot") and k tails of every length.
    /// </summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public void EveryBlockSizeOfTheStreamingPathsIsExactToRounding(string path)
    {
        var rng = new Random(7);
        var isa = Isa(path);
        foreach (int m in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 23 })
            foreach (int n in new[] { 1, 5, 8, 16, 17, 31, 40, 49, 64, 65, 100 })
            {
                int k = rng.Next(1, 70);
                Check<float>(rng, m, k, n, m % 2 == 0, false, isa, parts: 1);
                Check<double>(rng, m, k, n, m % 3 == 0, true, isa, parts: 1);
            }
    }

    [Fact]
    public void ThePublicEntryPicksACorrectPathForTinyAndLargeShapes()
    {
        var rng = new Random(4);
        foreach (var (m, k, n) in new[] { (10, 10, 18), (10, 18, 4), (1, 1, 1), (128, 784, 40), (64, 64, 64), (10, 128, 96), (96, 10, 80), (70, 200, 10) })
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                {
                    var (a, b) = (RandomArray<float>(rng, m * k), RandomArray<float>(rng, k * n));
                    var c = new float[m * n];
                    MatMul.Multiply<float>(a, b, c, m, k, n, ta, tb);
                    AssertClose(a, b, c, m, k, n, ta, tb, $"{m}x{k}x{n} ta={ta} tb={tb}");
                }
    }

    [Theory]
    [InlineData(128, 256, true)] // a Linear layer's forward pass at batch 128: each thread packs half the weight
    [InlineData(8, 1000, true)]
    [InlineData(1024, 64, true)] // taller than wide, two column tiles
    [InlineData(128, 10, false)] // one column tile: by rows
    [InlineData(1000, 32, false)]
    public void CIsSplitByColumnsWhereEveryPartGetsAColumnTile(int m, int n, bool byColumns)
    {
        int used = GemmDriver<float, Float512Kernel>.PlanParts(m, n, 2, out bool splitColumns);
        Assert.Equal(byColumns, splitColumns);
        Assert.Equal(2, used);
        Assert.Equal(1, GemmDriver<float, Float512Kernel>.PlanParts(4, 20, 2, out _)); // a single tile is not split
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void SplittingAcrossThreadsGivesBitIdenticalResults(bool ta, bool tb)
    {
        var rng = new Random(5);
        // Shapes that split along columns (wide, and 128 × 256) and along rows (a single column tile), with ragged edges.
        foreach (var (m, k, n) in new[] { (37, 301, 515), (389, 97, 29), (128, 784, 256) })
        {
            var (af, bf) = (RandomArray<float>(rng, m * k), RandomArray<float>(rng, k * n));
            var (ad, bd) = (RandomArray<double>(rng, m * k), RandomArray<double>(rng, k * n));
            var one = new float[m * n];
            MatMul.Multiply<float>(af, bf, one, m, k, n, ta, tb, GemmPath.Packed, MatMul.MachineIsa, parts: 1);
            var oneD = new double[m * n];
            MatMul.Multiply<double>(ad, bd, oneD, m, k, n, ta, tb, GemmPath.Packed, MatMul.MachineIsa, parts: 1);
            foreach (int parts in new[] { 2, 3 })
            {
                var split = new float[m * n];
                MatMul.Multiply<float>(af, bf, split, m, k, n, ta, tb, GemmPath.Packed, MatMul.MachineIsa, parts);
                Assert.True(one.AsSpan().SequenceEqual(split), $"float {m}x{k}x{n} with {parts} parts differs from 1 part");
                var splitD = new double[m * n];
                MatMul.Multiply<double>(ad, bd, splitD, m, k, n, ta, tb, GemmPath.Packed, MatMul.MachineIsa, parts);
                Assert.True(oneD.AsSpan().SequenceEqual(splitD), $"double {m}x{k}x{n} with {parts} parts differs from 1 part");
            }
        }
    }

    /// <summary>Above the parallel threshold (packed, split) and below it, for shapes that stream (rows, dot).</summary>
    [Theory]
    [InlineData(160, 300, 200, false, true)]
    [InlineData(10, 2000, 260, true, false)]
    [InlineData(130, 10, 256, false, false)]
    [InlineData(128, 300, 10, false, true)]
    public void ThePublicThreadSettingDoesNotChangeTheBits(int m, int k, int n, bool ta, bool tb)
    {
        var rng = new Random(6);
        var (a, b) = (RandomArray<float>(rng, m * k), RandomArray<float>(rng, k * n));
        int saved = Threading.MaxDegreeOfParallelism;
        try
        {
            Threading.MaxDegreeOfParallelism = 1;
            var one = new float[m * n];
            MatMul.Multiply<float>(a, b, one, m, k, n, ta, tb);
            Threading.MaxDegreeOfParallelism = 2;
            var two = new float[m * n];
            MatMul.Multiply<float>(a, b, two, m, k, n, ta, tb);
            Assert.True(one.AsSpan().SequenceEqual(two));
            AssertClose(a, b, two, m, k, n, ta, tb, "2 threads");
        }
        finally
        {
            Threading.MaxDegreeOfParallelism = saved;
        }
    }

    [Fact]
    public void TheThreadSettingRejectsZero()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Threading.MaxDegreeOfParallelism = 0);
    }

    [Fact]
    public void WrongBufferLengthsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => MatMul.Multiply<float>(new float[6], new float[6], new float[5], 2, 3, 2, false, false));
        Assert.Contains("matmul", e.Message);
    }

    [Fact]
    public void StaleOutputContentsAreOverwrittenOnEveryPath()
    {
        foreach (var isa in Paths().Select(p => Isa((string)p[0])))
        {
            var c = Enumerable.Repeat(float.NaN, 9 * 11).ToArray();
            var a = Enumerable.Repeat(1f, 9 * 40).ToArray();
            var b = Enumerable.Repeat(2f, 40 * 11).ToArray();
            MatMul.Multiply<float>(a, b, c, 9, 40, 11, false, false, isa.Path, isa.Isa, parts: 1);
            Assert.All(c, v => Assert.Equal(80f, v));
            var bt = Enumerable.Repeat(2f, 11 * 40).ToArray();
            c.AsSpan().Fill(float.NaN);
            MatMul.Multiply<float>(a, bt, c, 9, 40, 11, false, true, isa.Path, isa.Isa, parts: 1);
            Assert.All(c, v => Assert.Equal(80f, v));
            var empty = Enumerable.Repeat(float.NaN, 6).ToArray();
            MatMul.Multiply<float>([], [], empty, 2, 0, 3, false, false, isa.Path, isa.Isa, parts: 1);
            Assert.All(empty, v => Assert.Equal(0f, v));
        }
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(17, 13, 31)]
    [InlineData(256, 128, 784)] // a training step's weight gradient: added by the packed kernel in place
    [InlineData(70, 256, 90)] // the deepest product summed in one block
    [InlineData(70, 257, 90)] // two blocks: through a scratch product
    [InlineData(10, 128, 256)] // the rows path (A not transposed) and the dot path (A and B transposed)
    [InlineData(256, 10, 784)] // a batch-10 weight gradient: the rows path adds in place, tail vectors masked
    [InlineData(300, 64, 10)] // a narrow C the rows path would compute transposed: added the direct way
    [InlineData(5, 0, 6)]
    public void MultiplyAddGivesTheBitsOfTheProductThenAnAdd(int m, int k, int n)
    {
        var rng = new Random(m * 1000 + k);
        foreach (var (ta, tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            MultiplyAddMatches<float>(rng, m, k, n, ta, tb);
            MultiplyAddMatches<double>(rng, m, k, n, ta, tb);
        }
    }

    private static void MultiplyAddMatches<T>(Random rng, int m, int k, int n, bool ta, bool tb)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (a, b, c0) = (RandomArray<T>(rng, m * k), RandomArray<T>(rng, k * n), RandomArray<T>(rng, m * n));
        if (c0.Length > 0) c0[0] = T.NegativeZero; // -0 + +0 is +0: the add must really happen
        var product = new T[m * n];
        MatMul.Multiply<T>(a, b, product, m, k, n, ta, tb);
        var expected = new T[m * n];
        System.Numerics.Tensors.TensorPrimitives.Add<T>(c0, product, expected);
        int saved = Threading.MaxDegreeOfParallelism;
        try
        {
            foreach (int threads in new[] { 1, 2 })
            {
                Threading.MaxDegreeOfParallelism = threads;
                var c = (T[])c0.Clone();
                MatMul.MultiplyAdd<T>(a, b, c, m, k, n, ta, tb);
                for (int i = 0; i < c.Length; i++)
                    Assert.True(c[i].Equals(expected[i]) && T.IsNegative(c[i]) == T.IsNegative(expected[i]),
                        $"{typeof(T).Name} {m}x{k}x{n} ta={ta} tb={tb} threads={threads}: C[{i}] = {c[i]}, expected {expected[i]}");
            }
        }
        finally
        {
            Threading.MaxDegreeOfParallelism = saved;
        }
    }

    private static void RandomShapes<T>((GemmPath Path, GemmIsa Isa) isa, int seed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 60; trial++)
        {
            int Pick() => rng.Next(3) == 0 ? rng.Next(1, 80) : EdgeSizes[rng.Next(EdgeSizes.Length)];
            Check<T>(rng, Pick(), Pick(), Pick(), trial % 2 == 1, trial / 2 % 2 == 1, isa, parts: 1 + trial % 3);
        }
    }

    private static void Check<T>(Random rng, int m, int k, int n, bool ta, bool tb, (GemmPath Path, GemmIsa Isa) isa, int parts)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (ta, tb) = Layout(isa.Path, ta, tb);
        var (a, b) = (RandomArray<T>(rng, m * k), RandomArray<T>(rng, k * n));
        var c = new T[m * n];
        c.AsSpan().Fill(T.CreateChecked(123.0)); // stale pool contents must not leak into the result
        MatMul.Multiply<T>(a, b, c, m, k, n, ta, tb, isa.Path, isa.Isa, parts);
        AssertClose(a, b, c, m, k, n, ta, tb, $"{typeof(T).Name} {isa} {m}x{k}x{n} ta={ta} tb={tb} parts={parts}");
    }

    private static T[] RandomArray<T>(Random rng, int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Enumerable.Range(0, length).Select(_ => T.CreateChecked(rng.NextDouble() * 2 - 1)).ToArray();

    /// <summary>
    /// Compares with the exact product (in double) within the classic bound for a k-term sum:
    /// |error| ≤ 2·k·ε·Σ|a||b|, with ε the element type's unit roundoff.
    /// </summary>
    private static void AssertClose<T>(T[] a, T[] b, T[] c, int m, int k, int n, bool ta, bool tb, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double eps = typeof(T) == typeof(float) ? Math.Pow(2, -24) : Math.Pow(2, -53);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0, abs = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = double.CreateChecked(ta ? a[p * m + i] : a[i * k + p]);
                    double y = double.CreateChecked(tb ? b[j * k + p] : b[p * n + j]);
                    sum += x * y;
                    abs += Math.Abs(x * y);
                }
                double got = double.CreateChecked(c[i * n + j]);
                double tol = 2 * (k + 1) * eps * abs + 1e-300;
                Assert.True(Math.Abs(got - sum) <= tol, $"{what}: C[{i},{j}] = {got:R}, expected {sum:R} (tolerance {tol:R})");
            }
    }
}
