using MiniGrad.Kernels;

namespace MiniGrad.Tests.Kernels;

/// <summary>The broadcasting kernels against an index-by-index reference over random compatible shapes.</summary>
public class BroadcastingKernelTests
{
    private static int Offset(int[] idx, int[] shape)
    {
        // Index into a shape aligned from the right, with size-1 dims stretched.
        int lead = idx.Length - shape.Length, off = 0;
        for (int d = 0; d < shape.Length; d++) off = off * shape[d] + (shape[d] == 1 ? 0 : idx[d + lead]);
        return off;
    }

    private static IEnumerable<int[]> Indices(int[] shape)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        for (int flat = 0; flat < n; flat++)
        {
            var idx = new int[shape.Length];
            int r = flat;
            for (int d = shape.Length - 1; d >= 0; d--) { idx[d] = r % shape[d]; r /= shape[d]; }
            yield return idx;
        }
    }

    [Fact]
    public void BinarySumToAndExpandMatchTheIndexDefinition()
    {
        var g = new Generator(11);
        for (int trial = 0; trial < 300; trial++)
        {
            int rank = 1 + g.NextInt(4);
            var y = Enumerable.Range(0, rank).Select(_ => 1 + g.NextInt(4)).ToArray();
            int[] Smaller()
            {
                int drop = g.NextInt(rank + 1);
                return y.Skip(drop).Select(d => g.NextInt(3) == 0 ? 1 : d).ToArray();
            }
            var aShape = Smaller();
            var bShape = Smaller();
            var yShape = Broadcasting.ResultShape("test", new TensorShape(aShape), new TensorShape(bShape));
            var yDims = yShape.Dims.ToArray();
            var a = Enumerable.Range(0, aShape.Aggregate(1, (p, q) => p * q)).Select(_ => g.NextUniform(-1, 1)).ToArray();
            var b = Enumerable.Range(0, bShape.Aggregate(1, (p, q) => p * q)).Select(_ => g.NextUniform(-1, 1)).ToArray();
            var outp = new double[yShape.Length];
            Broadcasting.Binary<SubtractOperator<double>, double>(a, new TensorShape(aShape), b, new TensorShape(bShape), outp, yShape);
            var expand = new double[yShape.Length];
            Broadcasting.Expand<double>(a, new TensorShape(aShape), expand, yShape);
            var summed = new double[a.Length];
            Broadcasting.SumTo<double>(outp, yShape, summed, new TensorShape(aShape));
            var expectedSum = new double[a.Length];
            int i = 0;
            foreach (var idx in Indices(yDims))
            {
                Assert.Equal(a[Offset(idx, aShape)] - b[Offset(idx, bShape)], outp[i]);
                Assert.Equal(a[Offset(idx, aShape)], expand[i]);
                expectedSum[Offset(idx, aShape)] += outp[i];
                i++;
            }
            Support.Close.All<double>(expectedSum, summed, 1e-12, 1e-12, $"sum_to {yShape} -> [{string.Join(", ", aShape)}]");
        }
    }
}
