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
