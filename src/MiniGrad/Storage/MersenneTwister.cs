using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MiniGrad;

/// <summary>
/// MT19937, seeded as <c>std::mt19937(seed)</c> and PyTorch's CPU generator seed it: the 32-bit engine under
/// <see cref="Generator.PyTorchCompatible"/>.
/// </summary>
internal sealed class MersenneTwister
{
    private const int N = 624, M = 397;
    private readonly uint[] state = new uint[N];

    /// <summary>The outputs of the current block: <see cref="state"/> tempered, computed with it in <see cref="Twist"/>.</summary>
    private readonly uint[] tempered = new uint[N];
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
        return tempered[next++];
    }

    /// <summary>Two draws joined high then low, as PyTorch's <c>random64()</c>.</summary>
    public ulong NextUInt64()
    {
        ulong hi = NextUInt32();
        ulong lo = NextUInt32();
        return (hi << 32) | lo;
    }

    /// <summary>
    /// For each element, the draw <see cref="PyTorchSampling.UniformDouble"/> on [0, 1) makes (two words, high then
    /// low, the low 53 bits of the pair scaled by 2^-53): <paramref name="keep"/> where it is at least
    /// <paramref name="p"/>, else zero. Dropout's mask; the same words and the same results as a call per element,
    /// read straight from the tempered block instead of through two calls each.
    /// </summary>
    public void FillKeepMask<T>(Span<T> mask, double p, T keep)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // k · 2^-53 >= p exactly when k >= ceil(p · 2^53) (both products are exact): an integer comparison, and a
        // multiplication by 0 or 1 instead of a branch, which would mispredict at every p worth dropping with.
        ulong threshold = (ulong)Math.Ceiling(p * (1UL << 53));
        int i = 0;
        while (i < mask.Length)
        {
            if (next >= N - 1)
            {
                // A pair that straddles two blocks (or a spent block): the word-by-word path twists in between.
                mask[i++] = KeepOrZero(NextUInt64(), threshold, keep);
                continue;
            }
            int count = Math.Min((N - next) / 2, mask.Length - i);
            ReadOnlySpan<uint> words = tempered.AsSpan(next, 2 * count);
            Span<T> part = mask.Slice(i, count);
            for (int j = KeepOrZeroVectors(words, part, threshold, keep); j < part.Length; j++)
            {
                part[j] = KeepOrZero(((ulong)words[2 * j] << 32) | words[2 * j + 1], threshold, keep);
            }
            next += 2 * count;
            i += count;
        }
    }

    /// <summary><paramref name="keep"/> where the pair's low 53 bits reach <paramref name="threshold"/>, else zero.</summary>
    private static T KeepOrZero<T>(ulong pair, ulong threshold, T keep)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        T.CreateTruncating((pair & Mask53) >= threshold ? 1 : 0) * keep;

    private const ulong Mask53 = (1UL << 53) - 1;

    /// <summary>
    /// <see cref="KeepOrZero"/> of the first pairs of <paramref name="words"/>, whole vectors at a time; returns how
    /// many elements of <paramref name="part"/> it wrote (the rest is left to the scalar loop). A dropout mask of a
    /// 32 × 128 batch took 9 % of a digits training run pair by pair.
    /// </summary>
    private static int KeepOrZeroVectors<T>(ReadOnlySpan<uint> words, Span<T> part, ulong threshold, T keep)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!Vector.IsHardwareAccelerated || words.Length < 2 * part.Length) return 0;
        // Read as one little-endian ulong, the pair (high, low) is low · 2^32 + high: KeepsOf swaps the halves back.
        ReadOnlySpan<ulong> pairs = MemoryMarshal.Cast<uint, ulong>(words);
        // The masked values and the threshold are at most 2^53, so a signed comparison is exact (and AVX2 has one).
        var limit = new Vector<long>((long)threshold);
        int j = 0, n = Vector<ulong>.Count;
        if (typeof(T) == typeof(double))
        {
            // All ones or zero, and the keep value's bits: keep or +0, as KeepOrZero's 1 · keep or 0 · keep (keep > 0).
            var keepBits = new Vector<long>(BitConverter.DoubleToInt64Bits(Unsafe.As<T, double>(ref keep)));
            Span<long> results = MemoryMarshal.Cast<T, long>(part);
            for (; j <= part.Length - n; j += n) (KeepsOf(new Vector<ulong>(pairs[j..]), limit) & keepBits).CopyTo(results[j..]);
        }
        else if (typeof(T) == typeof(float))
        {
            var keepBits = new Vector<uint>(BitConverter.SingleToUInt32Bits(Unsafe.As<T, float>(ref keep)));
            Span<uint> results = MemoryMarshal.Cast<T, uint>(part);
            for (; j <= part.Length - 2 * n; j += 2 * n)
            {
                // Narrow keeps each lane's low half: all ones or zero again, now 32 bits wide.
                var both = Vector.Narrow(KeepsOf(new Vector<ulong>(pairs[j..]), limit).As<long, ulong>(),
                    KeepsOf(new Vector<ulong>(pairs[(j + n)..]), limit).As<long, ulong>());
                (both & keepBits).CopyTo(results[j..]);
            }
        }
        return j;
    }

    /// <summary>Per lane, all ones where the pair's low 53 bits (halves swapped back, see KeepOrZeroVectors) reach the limit.</summary>
    private static Vector<long> KeepsOf(Vector<ulong> raw, Vector<long> limit) =>
        Vector.GreaterThanOrEqual((((raw << 32) | (raw >> 32)) & new Vector<ulong>(Mask53)).As<ulong, long>(), limit);

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
        Temper(state, tempered);
    }

    /// <summary>
    /// The next 624 words (the standard recurrence), then their tempered outputs. The recurrence is written as three
    /// loops without a modulo: word k reads words k + 1 and k + M, which are still the old block's for k &lt; N - M
    /// and already the new block's from there on (k + M - N &lt; k); so each loop reads only words no store of the
    /// same vector touches, and runs in <see cref="Vector{T}"/> lanes. A twist is 624 words whatever the path, with the
    /// same bits as the scalar recurrence.
    /// </summary>
    private void Twist()
    {
        Span<uint> s = state;
        int k = Recur(s, 0, N - M, M);
        Recur(s, k, N - 1, M - N);
        uint last = (s[N - 1] & UpperMask) | (s[0] & LowerMask);
        s[N - 1] = s[M - 1] ^ (last >> 1) ^ ((0u - (last & 1)) & MatrixA);
        Temper(s, tempered);
        next = 0;
    }

    private const uint UpperMask = 0x80000000u, LowerMask = 0x7FFFFFFFu, MatrixA = 0x9908B0DFu;

    /// <summary>Words <paramref name="from"/> to <paramref name="to"/> (exclusive) of the recurrence, word k reading k + <paramref name="offset"/>.</summary>
    private static int Recur(Span<uint> s, int from, int to, int offset)
    {
        int k = from;
        if (Vector.IsHardwareAccelerated)
        {
            var upper = new Vector<uint>(UpperMask);
            var lower = new Vector<uint>(LowerMask);
            var matrixA = new Vector<uint>(MatrixA);
            for (; k <= to - Vector<uint>.Count; k += Vector<uint>.Count)
            {
                var y = (new Vector<uint>(s[k..]) & upper) | (new Vector<uint>(s[(k + 1)..]) & lower);
                // (0 - (y & 1)) is all ones for odd y: the matrix applies there only.
                var odd = Vector<uint>.Zero - (y & Vector<uint>.One);
                (new Vector<uint>(s[(k + offset)..]) ^ (y >> 1) ^ (odd & matrixA)).CopyTo(s[k..]);
            }
        }
        for (; k < to; k++)
        {
            uint y = (s[k] & UpperMask) | (s[k + 1] & LowerMask);
            s[k] = s[k + offset] ^ (y >> 1) ^ ((0u - (y & 1)) & MatrixA);
        }
        return k;
    }

    /// <summary>The tempering of every word of a block (std::mt19937's output function).</summary>
    private static void Temper(ReadOnlySpan<uint> words, Span<uint> outputs)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var b = new Vector<uint>(TemperB);
            var c = new Vector<uint>(TemperC);
            for (; k <= words.Length - Vector<uint>.Count; k += Vector<uint>.Count)
            {
                var y = new Vector<uint>(words[k..]);
                y ^= y >> 11;
                y ^= (y << 7) & b;
                y ^= (y << 15) & c;
                y ^= y >> 18;
                y.CopyTo(outputs[k..]);
            }
        }
        for (; k < words.Length; k++) outputs[k] = Temper(words[k]);
    }

    private const uint TemperB = 0x9D2C5680u, TemperC = 0xEFC60000u;

    private static uint Temper(uint y)
    {
        y ^= y >> 11;
        y ^= (y << 7) & TemperB;
        y ^= (y << 15) & TemperC;
        y ^= y >> 18;
        return y;
    }
}
