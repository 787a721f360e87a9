namespace MiniGrad.Tests.Storage;

/// <summary>
/// The vectorized MT19937 (three loops without a modulo, outputs tempered a block at a time) and Dropout's bulk mask
/// fill against the textbook recurrence and a draw per element: the same words, the same masks, across blocks and
/// restored states.
/// </summary>
public class MersenneTwisterTests
{
    /// <summary>std::mt19937 as the standard writes it: a modulo per word and tempering per draw.</summary>
    private sealed class TextbookMt19937
    {
        private readonly uint[] mt = new uint[624];
        private int index = 624;

        public TextbookMt19937(uint seed)
        {
            mt[0] = seed;
            for (int i = 1; i < 624; i++) mt[i] = unchecked(1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint)i);
        }

        public uint Next()
        {
            if (index >= 624)
            {
                for (int k = 0; k < 624; k++)
                {
                    uint y = (mt[k] & 0x80000000u) | (mt[(k + 1) % 624] & 0x7FFFFFFFu);
                    mt[k] = mt[(k + 397) % 624] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908B0DFu : 0u);
                }
                index = 0;
            }
            uint z = mt[index++];
            z ^= z >> 11;
            z ^= (z << 7) & 0x9D2C5680u;
            z ^= (z << 15) & 0xEFC60000u;
            z ^= z >> 18;
            return z;
        }
    }

    [Theory]
    [InlineData(5489u)]
    [InlineData(0u)]
    [InlineData(42u)]
    [InlineData(0xFFFFFFFFu)]
    public void TheWordsAreTheTextbookRecurrencesOverManyBlocks(uint seed)
    {
        var fast = new MersenneTwister(seed);
        var textbook = new TextbookMt19937(seed);
        for (int i = 0; i < 624 * 7 + 5; i++)
        {
            uint expected = textbook.Next(), actual = fast.NextUInt32();
            Assert.True(expected == actual, $"seed {seed}, draw {i}: {actual}, the textbook recurrence gives {expected}");
        }
    }

    [Fact]
    public void TheTenThousandthDrawOfTheDefaultSeedIsTheStandardsValue()
    {
        // [rand.predef]: the 10000th consecutive invocation of a default-constructed mt19937 produces 4123659995.
        var mt = new MersenneTwister(5489);
        uint last = 0;
        for (int i = 0; i < 10000; i++) last = mt.NextUInt32();
        Assert.Equal(4123659995u, last);
    }

    [Fact]
    public void ARestoredStateMidBlockGoesOnWithTheSameWords()
    {
        var a = new MersenneTwister(7);
        for (int i = 0; i < 1000; i++) a.NextUInt32(); // into the second block
        var state = new byte[MersenneTwister.StateSize];
        a.WriteState(state);
        var b = new MersenneTwister(99);
        b.NextUInt32(); // a block of its own, which the state must replace, outputs included
        b.ReadState(state);
        for (int i = 0; i < 1500; i++) Assert.Equal(a.NextUInt32(), b.NextUInt32());
    }

    [Theory]
    [InlineData(0.2, 4096, 0)]
    [InlineData(0.5, 1000, 311)] // starts mid-block at an odd word: pairs straddle the block's end
    [InlineData(0.9, 700, 623)]
    [InlineData(1e-300, 50, 1)]
    [InlineData(0.99999999999999989, 50, 2)] // the largest double below 1
    public void TheKeepMaskDrawsWhatADrawPerElementDraws(double p, int length, int skip)
    {
        KeepMaskMatchesDrawPerElement(p, length, skip, 1.25f);
        KeepMaskMatchesDrawPerElement(p, length, skip, 1.25);
    }

    private static void KeepMaskMatchesDrawPerElement<T>(double p, int length, int skip, T keep)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var bulk = Generator.PyTorchCompatible(3);
        var single = Generator.PyTorchCompatible(3);
        // randperm(n) draws n - 1 words of 32 bits: this puts both at word `skip` of the first block.
        bulk.Permutation(skip + 1);
        single.Permutation(skip + 1);
        var mask = new T[length];
        bulk.FillKeepMask<T>(mask, p, keep);
        for (int i = 0; i < length; i++)
        {
            T expected = single.NextDouble() >= p ? keep : T.Zero;
            Assert.True(expected == mask[i] && T.IsPositive(mask[i]),
                $"{typeof(T).Name}, p {p}, element {i}: {mask[i]}, a draw per element gives {expected}");
        }
        Assert.Equal(single.NextUInt64(), bulk.NextUInt64()); // and both generators are at the same place afterwards
    }

    [Fact]
    public void TheKeepMaskOfTheNonPyTorchGeneratorDrawsWhatADrawPerElementDraws()
    {
        var bulk = new Generator(11);
        var single = new Generator(11);
        var mask = new double[333];
        bulk.FillKeepMask<double>(mask, 0.3, 2.0);
        for (int i = 0; i < mask.Length; i++) Assert.Equal(single.NextDouble() >= 0.3 ? 2.0 : 0.0, mask[i]);
        Assert.Equal(single.NextUInt64(), bulk.NextUInt64());
    }
}
