using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MiniGrad.Kernels;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Kernels;

public class RowVectorTests
{
    private static float[] Values(int seed, int n) => Tensor<float>.RandomNormal(new Generator((ulong)seed), n).ToArray();

    /// <summary>Rows (0 to 13), row length (1 to 70) and a seed; shrinks to fewer and shorter rows.</summary>
    private static readonly Arbitrary<(int Rows, int N, int Seed)> Shapes =
        (from rows in Gen.Choose(0, 13)
         from n in Gen.Choose(1, 70)
         from seed in Gen.Choose(0, 10_000)
         select (rows, n, seed))
        .ShrinkingWith(s => Shrinks.Each(s, r => Shrinks.Int(r), n => Shrinks.Int(n, 1), Shrinks.None));

    [Property(MaxTest = 100)]
    public Property AddToRowsAddsTheVectorToEveryRowExactly() =>
        Prop.ForAll(Shapes, s =>
        {
            var matrix = Values(s.Seed, s.Rows * s.N);
            var row = Values(s.Seed + 1, s.N);
            var expected = matrix.Select((v, i) => v + row[i % s.N]).ToArray();
            RowVector.AddToRows<float>(matrix, row);
            Assert.Equal(expected, matrix);
        });

    [Property(MaxTest = 100)]
    public Property SumRowsSumsEachColumnInRowOrderExactly() =>
        Prop.ForAll(Shapes, s =>
        {
            var matrix = Values(s.Seed, s.Rows * s.N);
            var expected = new float[s.N];
            for (int r = 0; r < s.Rows; r++)
                for (int j = 0; j < s.N; j++) expected[j] += matrix[r * s.N + j];
            var result = Values(s.Seed + 2, s.N); // garbage in the output must not leak into the sums
            RowVector.SumRows<float>(matrix, result);
            Assert.Equal(expected, result);
        });

    [Fact]
    public void AMatrixWithoutWholeRowsIsRefusedBeforeAnythingIsWritten()
    {
        var matrix = new float[7];
        var e = Assert.Throws<ArgumentException>(() => RowVector.AddToRows<float>(matrix, new float[3]));
        Assert.Contains("7", e.Message);
        Assert.All(matrix, v => Assert.Equal(0f, v));
        Assert.Throws<ArgumentException>(() => RowVector.SumRows<float>(new float[7], new float[3]));
    }

    [Theory]
    [InlineData(new[] { 5, 18 }, new[] { 18 })]
    [InlineData(new[] { 3, 4, 5 }, new[] { 4, 5 })]
    [InlineData(new[] { 3, 4, 5 }, new[] { 1, 1, 5 })]
    [InlineData(new[] { 3, 4, 5 }, new[] { 3, 1, 5 })] // not a trailing block: the general path
    [InlineData(new[] { 6, 2 }, new[] { 6, 1 })]
    public void SumToMatchesAPlainSumOverTheBroadcastDims(int[] source, int[] target)
    {
        var x = Tensor<double>.RandomNormal(new Generator(3), source);
        var sum = x.SumTo(new TensorShape(target));
        // Reference: expand each target position back over the source and add in source order.
        var expected = new double[sum.Length];
        var xs = x.ToArray();
        var tShape = new TensorShape(target);
        for (int i = 0; i < xs.Length; i++)
        {
            int rem = i, t = 0, stride = 1;
            var index = new int[source.Length];
            for (int d = source.Length - 1; d >= 0; d--) { index[d] = rem % source[d]; rem /= source[d]; }
            for (int d = target.Length - 1; d >= 0; d--)
            {
                int sd = source.Length - target.Length + d;
                t += (target[d] == 1 ? 0 : index[sd]) * stride;
                stride *= target[d];
            }
            expected[t] += xs[i];
        }
        Assert.Equal(tShape, sum.Shape);
        Assert.Equal(expected, sum.ToArray());
    }
}
