namespace MiniGrad.Tests.GradChecking;

public class RandomProjectionsTests
{
    [Fact]
    public void MixIsSplitMix64sFinaliser()
    {
        // SplitMix64 seeded with 0 first outputs the finaliser of its first state, the golden gamma.
        Assert.Equal(0xE220_A839_7B1D_CDAFUL, RandomProjections.Mix(0x9E37_79B9_7F4A_7C15UL));
    }

    [Fact]
    public void VectorizedHashingGivesTheScalarFormulasValues()
    {
        const ulong key = 0x1234_5678_9ABC_DEF0UL;
        var d = new double[37]; // not a multiple of any vector width: the scalar tail runs too
        RandomProjections.FillHashedUniform(key, d);
        for (int i = 0; i < d.Length; i++)
        {
            double expected = (long)(RandomProjections.Mix(key + 0x9E37_79B9_7F4A_7C15UL * (ulong)(i + 1)) >> 11) * (1.0 / (1UL << 53));
            Assert.Equal(expected, d[i]);
            Assert.InRange(d[i], 0, 1);
        }
    }

    [Fact]
    public void UnitVectorsHaveLengthOneAndDependOnSeedAndStream()
    {
        var u = RandomProjections.UnitVector(1234, 0, 100);
        Assert.Equal(1, Math.Sqrt(u.Sum(x => x * x)), 12);
        Assert.All(u, x => Assert.True(x >= 0));
        Assert.Equal(u, RandomProjections.UnitVector(1234, 0, 100));
        Assert.NotEqual(u, RandomProjections.UnitVector(1234, 1, 100));
        Assert.NotEqual(u, RandomProjections.UnitVector(1235, 0, 100));
    }
}
