namespace MiniGrad;

/// <summary>
/// MT19937, seeded as <c>std::mt19937(seed)</c> and PyTorch's CPU generator seed it: the 32-bit engine under
/// <see cref="Generator.PyTorchCompatible"/>.
/// </summary>
internal sealed class MersenneTwister
{
    private const int N = 624, M = 397;
    private readonly uint[] state = new uint[N];
    private int next = N;

    public MersenneTwister(ulong seed)
    {
        state[0] = (uint)seed;
        for (int i = 1; i < N; i++)
            state[i] = unchecked(1812433253u * (state[i - 1] ^ (state[i - 1] >> 30)) + (uint)i);
    }

    public uint NextUInt32()
    {
        if (next >= N) Twist();
        uint y = state[next++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680u;
        y ^= (y << 15) & 0xEFC60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>Two draws joined high then low, as PyTorch's <c>random64()</c>.</summary>
    public ulong NextUInt64()
    {
        ulong hi = NextUInt32();
        ulong lo = NextUInt32();
        return (hi << 32) | lo;
    }

    /// <summary>The bytes <see cref="WriteState"/> writes: the position, then the 624 words, little-endian.</summary>
    public const int StateSize = 4 + 4 * N;

    /// <summary>Writes the whole state (the position in the block, then the 624 words) to <paramref name="destination"/>.</summary>
    public void WriteState(Span<byte> destination)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(destination, next);
        for (int i = 0; i < N; i++) System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(destination[(4 + 4 * i)..], state[i]);
    }

    /// <summary>What is wrong with a state of <see cref="StateSize"/> bytes, or null when <see cref="ReadState"/> may take it.</summary>
    public static string? CheckState(ReadOnlySpan<byte> source)
    {
        int position = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(source);
        if (position is < 0 or > N) return $"the Mersenne Twister's position {position} is outside 0..{N}";
        // An all-zero state (the position aside) would draw zeros for ever: no seed gives it.
        if (!source[4..].ContainsAnyExcept((byte)0)) return "the Mersenne Twister's 624 words are all zero";
        return null;
    }

    /// <summary>Takes over a state written by <see cref="WriteState"/> and checked by <see cref="CheckState"/>.</summary>
    public void ReadState(ReadOnlySpan<byte> source)
    {
        next = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(source);
        for (int i = 0; i < N; i++) state[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(source[(4 + 4 * i)..]);
    }

    private void Twist()
    {
        for (int k = 0; k < N; k++)
        {
            uint y = (state[k] & 0x80000000u) | (state[(k + 1) % N] & 0x7FFFFFFFu);
            state[k] = state[(k + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908B0DFu : 0u);
        }
        next = 0;
    }
}
