namespace MiniGrad.Tests.Storage;

/// <summary><c>Generator.GetState</c> / <c>SetState</c> (PyTorch's <c>get_state</c> / <c>set_state</c>), both kinds.</summary>
public class GeneratorStateTests
{
    public static TheoryData<bool> Kinds => new() { false, true };

    private static Generator Make(bool pyTorch, ulong seed) => pyTorch ? Generator.PyTorchCompatible(seed) : new Generator(seed);

    /// <summary>A mix of every kind of draw, as bits, so that a state missing any part shows.</summary>
    private static long[] Draws(Generator g)
    {
        var bits = new List<long>();
        for (int i = 0; i < 5; i++)
        {
            bits.Add((long)g.NextUInt64());
            bits.Add(BitConverter.DoubleToInt64Bits(g.NextNormal()));
            bits.Add(BitConverter.DoubleToInt64Bits(g.NextDouble()));
            bits.AddRange(g.Permutation(7).Select(v => (long)v));
        }
        bits.AddRange(Tensor<float>.RandomNormal(g, 20).ToArray().Select(v => (long)BitConverter.SingleToInt32Bits(v)));
        bits.AddRange(Tensor<double>.RandomUniform(g, -1, 1, 5).ToArray().Select(BitConverter.DoubleToInt64Bits));
        return [.. bits];
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ARestoredGeneratorGoesOnWithTheSameBitsCachedNormalIncluded(bool pyTorch)
    {
        var original = Make(pyTorch, 11);
        // Past a Mersenne block (624 words) and with one normal of a pair left over in the cache.
        for (int i = 0; i < 400; i++) original.NextUInt64();
        original.NextNormal();
        byte[] state = original.GetState();

        var restored = Make(pyTorch, 99);
        restored.SetState(state);
        Assert.Equal(11UL, restored.Seed);
        Assert.Equal(Draws(original), Draws(restored));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TheStateIsACopyLaterDrawsDoNotChangeIt(bool pyTorch)
    {
        var g = Make(pyTorch, 3);
        g.NextNormal();
        byte[] state = g.GetState();
        long[] first = Draws(g);
        g.SetState(state);
        Assert.Equal(first, Draws(g));
        Assert.NotEqual(state, g.GetState());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AStateOfTheOtherKindOrCorruptIsRefusedAndNothingChanges(bool pyTorch)
    {
        var g = Make(pyTorch, 5);
        var twin = Make(pyTorch, 5);
        byte[] other = Make(!pyTorch, 5).GetState();
        var e = Assert.Throws<ArgumentException>(() => g.SetState(other));
        Assert.Contains(pyTorch ? "state is of a xoshiro256** generator" : "state is of a PyTorch-compatible generator", e.Message);

        byte[] good = g.GetState();
        Assert.Contains("bytes", Assert.Throws<ArgumentException>(() => g.SetState(good.AsSpan(0, good.Length - 1))).Message);
        byte[] zero = (byte[])good.Clone();
        Array.Clear(zero, 18 + (pyTorch ? 4 : 0), zero.Length - 18 - (pyTorch ? 4 : 0));
        Assert.Contains("all zero", Assert.Throws<ArgumentException>(() => g.SetState(zero)).Message);
        byte[] flag = (byte[])good.Clone();
        flag[9] = 2;
        Assert.Contains("cached-normal flag", Assert.Throws<ArgumentException>(() => g.SetState(flag)).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => g.SetState([])).Message);
        Assert.Equal(Draws(twin), Draws(g));
    }

    [Fact]
    public void AMersennePositionOutsideItsBlockIsRefused()
    {
        var g = Generator.PyTorchCompatible(1);
        byte[] state = g.GetState();
        BitConverter.TryWriteBytes(state.AsSpan(18, 4), 625);
        Assert.Contains("position 625", Assert.Throws<ArgumentException>(() => g.SetState(state)).Message);
    }
}
