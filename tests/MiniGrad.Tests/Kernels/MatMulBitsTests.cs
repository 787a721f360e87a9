using System.Numerics;
using MiniGrad.Kernels;
using MiniGrad.Kernels.Gemm;

namespace MiniGrad.Tests.Kernels;

/// <summary>
/// The streaming paths bit for bit against the order of operations they promise, written out one element at a time.
/// Vector512 machines run these paths on 512-bit kernels and AVX2 machines on 256-bit ones; both must give these bits,
/// so a model trained on one machine gives the numbers it gives on the other (the documentation's transcripts are
/// checked on whichever machine runs the tests).
/// </summary>
public class MatMulBitsTests
{
    /// <summary>
    /// Shapes that reach every block size of both widths: rows 1 to 14, columns across 1 to 4 vectors, k tails. A
    /// machine with neither width has no streaming path: one empty shape, for which the tests check that tiny products
    /// go to the plain loops instead.
    /// </summary>
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        if (!RowGemm.IsSupported)
        {
            data.Add(0, 0, 0);
            return data;
        }
        var rng = new Random(11);
        foreach (int m in new[] { 1, 2, 3, 5, 6, 7, 10, 11, 14 })
            foreach (int n in new[] { 1, 3, 8, 10, 17, 33, 64, 70 })
                data.Add(m, rng.Next(1, 90), n);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TheRowsPathIsOneChainOfMultiplyAddsPerElementInKOrder(int m, int k, int n)
    {
        if (!RowGemm.IsSupported)
        {
            Assert.Equal(GemmPath.Small, MatMul.Choose(10, 10, 18, false, false));
            return;
        }
        RowsCase<float>(m, k, n);
        RowsCase<double>(m, k, n);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TheDotPathSumsSixtyFourByteLanesThenOneFixedTree(int m, int k, int n)
    {
        if (!RowGemm.IsSupported)
        {
            Assert.Equal(GemmPath.Small, MatMul.Choose(10, 100, 10, false, true));
            return;
        }
        DotCase<float>(m, k + 60, n);
        DotCase<double>(m, k + 60, n);
    }

    private static void RowsCase<T>(int m, int k, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var rng = new Random(m * 1000 + k * 10 + n);
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (bool add in new[] { false, true })
                {
                    var (a, b) = (Random<T>(rng, m * k), Random<T>(rng, k * n));
                    var c = Random<T>(rng, m * n);
                    var expected = new T[m * n];
                    for (int i = 0; i < m; i++)
                        for (int j = 0; j < n; j++)
                        {
                            T acc = T.Zero;
                            for (int p = 0; p < k; p++) acc = T.FusedMultiplyAdd(A(a, i, p, m, k, ta), B(b, p, j, k, n, tb), acc);
                            expected[i * n + j] = add ? c[i * n + j] + acc : acc;
                        }
                    MatMul.Multiply<T>(a, b, c, m, k, n, ta, tb, GemmPath.Rows, MatMul.MachineIsa, parts: 1, addToC: add);
                    Assert.True(expected.AsSpan().SequenceEqual(c), $"rows path {typeof(T).Name} {m}x{k}x{n} ta={ta} tb={tb} add={add}");
                }
    }

    private static void DotCase<T>(int m, int k, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var rng = new Random(m * 1000 + k * 10 + n);
        int lanes = 64 / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        foreach (bool tb in new[] { false, true })
        {
            var (a, b) = (Random<T>(rng, m * k), Random<T>(rng, k * n));
            var c = new T[m * n];
            var expected = new T[m * n];
            var partial = new T[lanes];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    // Lane l takes k = l, l + lanes, ...; the last step's lanes past k add 0 × 0 (masked loads read 0).
                    Array.Clear(partial);
                    for (int step = 0; step < k; step += lanes)
                        for (int l = 0; l < lanes; l++)
                        {
                            int p = step + l;
                            partial[l] = p < k ? T.FusedMultiplyAdd(A(a, i, p, m, k, false), B(b, p, j, k, n, tb), partial[l])
                                : T.FusedMultiplyAdd(T.Zero, T.Zero, partial[l]);
                        }
                    var s = new T[lanes / 2];
                    for (int l = 0; l < lanes / 2; l++) s[l] = partial[l] + partial[l + lanes / 2];
                    expected[i * n + j] = lanes == 16
                        ? ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]))
                        : (s[0] + s[1]) + (s[2] + s[3]);
                }
            MatMul.Multiply<T>(a, b, c, m, k, n, false, tb, GemmPath.Dot, MatMul.MachineIsa, parts: 1);
            Assert.True(expected.AsSpan().SequenceEqual(c), $"dot path {typeof(T).Name} {m}x{k}x{n} tb={tb}");
        }
    }

    private static T A<T>(T[] a, int i, int p, int m, int k, bool ta) => ta ? a[p * m + i] : a[i * k + p];

    private static T B<T>(T[] b, int p, int j, int k, int n, bool tb) => tb ? b[j * k + p] : b[p * n + j];

    private static T[] Random<T>(Random rng, int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Enumerable.Range(0, length).Select(_ => T.CreateChecked(rng.NextDouble() * 2 - 1)).ToArray();
}
