namespace MiniGrad;

/// <summary>
/// A seeded pseudo-random generator, the counterpart of <c>torch.Generator</c>. Every random factory in MiniGrad takes
/// one explicitly: the same seed gives the same bits, on every run and every thread.
/// </summary>
/// <remarks>
/// <para><c>new Generator(seed)</c> is xoshiro256** seeded through SplitMix64: fast, and portable bits.</para>
/// <para><see cref="PyTorchCompatible"/> reproduces PyTorch 1.13's CPU generator (MT19937 and its sampling
/// algorithms): after <c>torch.manual_seed(seed)</c>, the same sequence of <c>rand</c>/<c>randn</c>/<c>uniform_</c>
/// calls (and so <c>nn.Linear</c>'s initialisation) yields the same values, so a tutorial's twin starts from
/// the very data and weights PyTorch would.</para>
/// <para>Not thread-safe: give each thread its own generator.</para>
/// </remarks>
public sealed class Generator
{
    private readonly MersenneTwister? mersenne;
    private ulong s0, s1, s2, s3;
    private double? cachedNormal;

    /// <summary>Creates a xoshiro256** generator whose sequence is fixed by <paramref name="seed"/>.</summary>
    public Generator(ulong seed)
    {
        Seed = seed;
        ulong x = seed;
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
    }

    private Generator(ulong seed, MersenneTwister mersenne)
    {
        Seed = seed;
        this.mersenne = mersenne;
    }

    /// <summary>
    /// A generator that draws exactly what PyTorch's CPU generator draws after <c>torch.manual_seed(seed)</c>
    /// (for seeds below 2^32, as PyTorch uses the low 32 bits).
    /// </summary>
    public static Generator PyTorchCompatible(ulong seed) => new(seed, new MersenneTwister(seed));

    /// <summary>The seed this generator was created with (or that of the state <see cref="SetState"/> restored).</summary>
    public ulong Seed { get; private set; }

    /// <summary>True for a generator made by <see cref="PyTorchCompatible"/>.</summary>
    public bool IsPyTorchCompatible => mersenne is not null;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        if (mersenne is not null) return mersenne.NextUInt64();
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => mersenne is not null
        ? PyTorchSampling.UniformDouble(mersenne, 0, 1)
        : (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextUniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>A standard normal double.</summary>
    /// <remarks>xoshiro: Marsaglia's polar method (no trigonometry, so the bits are portable). PyTorch-compatible:
    /// PyTorch's Box-Muller with its cached second value.</remarks>
    public double NextNormal()
    {
        if (mersenne is not null) return PyTorchSampling.Normal(mersenne, ref cachedNormal, 0, 1);
        if (cachedNormal is double spare)
        {
            cachedNormal = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);
        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        cachedNormal = v * factor;
        return u * factor;
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        ulong bound = (ulong)maxExclusive;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong r = NextUInt64();
            if (r >= threshold) return (int)(r % bound);
        }
    }

    /// <summary>
    /// A random permutation of <c>0 .. n-1</c>, as <c>torch.randperm(n, generator=g)</c>: a
    /// <see cref="PyTorchCompatible"/> generator gives PyTorch 1.13's very permutation and leaves the generator where
    /// PyTorch leaves it (n - 1 draws of 32 bits).
    /// </summary>
    /// <remarks>PyTorch's CPU algorithm: start from the identity and, for i = 0 .. n-2, swap element i with element
    /// i + (r % (n - i)), r a 32-bit draw (a slight modulo bias that PyTorch has too; matching it is the point). A
    /// xoshiro generator runs the same loop with unbiased draws.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    public int[] Permutation(int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, $"Permutation: n must be >= 0, got {n}.");
        var result = new int[n];
        for (int i = 0; i < n; i++) result[i] = i;
        for (int i = 0; i < n - 1; i++)
        {
            int z = mersenne is not null ? (int)(mersenne.NextUInt32() % (uint)(n - i)) : NextInt(n - i);
            (result[i], result[i + z]) = (result[i + z], result[i]);
        }
        return result;
    }

    /// <summary>
    /// Dropout's mask: each element <paramref name="keep"/> where <see cref="NextDouble"/> draws at least
    /// <paramref name="p"/>, else zero; the same draws, in the same order, as a call per element.
    /// </summary>
    internal void FillKeepMask<T>(Span<T> mask, double p, T keep)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        if (mersenne is not null)
        {
            mersenne.FillKeepMask(mask, p, keep);
            return;
        }
        for (int i = 0; i < mask.Length; i++) mask[i] = NextDouble() >= p ? keep : T.Zero;
    }

    /// <summary>Fills <paramref name="destination"/> with uniform samples on [<paramref name="low"/>, <paramref name="high"/>).</summary>
    internal void FillUniform<T>(Span<T> destination, double low, double high)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        if (mersenne is null)
        {
            for (int i = 0; i < destination.Length; i++) destination[i] = T.CreateChecked(NextUniform(low, high));
        }
        else if (typeof(T) == typeof(float))
        {
            var span = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(destination);
            for (int i = 0; i < span.Length; i++) span[i] = PyTorchSampling.UniformFloat(mersenne, (float)low, (float)high);
        }
        else
        {
            var span = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(destination);
            for (int i = 0; i < span.Length; i++) span[i] = PyTorchSampling.UniformDouble(mersenne, low, high);
        }
    }

    /// <summary>Fills <paramref name="destination"/> with normal samples of <paramref name="mean"/> and <paramref name="std"/>.</summary>
    internal void FillNormal<T>(Span<T> destination, double mean, double std)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        if (mersenne is null || destination.Length < 16)
        {
            // Below 16 elements PyTorch, too, draws one normal double at a time.
            for (int i = 0; i < destination.Length; i++)
                destination[i] = T.CreateChecked(mersenne is null
                    ? mean + std * NextNormal()
                    : PyTorchSampling.Normal(mersenne, ref cachedNormal, mean, std));
        }
        else if (typeof(T) == typeof(float))
        {
            PyTorchSampling.NormalFill(mersenne, System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(destination), (float)mean, (float)std);
        }
        else
        {
            PyTorchSampling.NormalFill(mersenne, System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(destination), mean, std);
        }
    }

    private const byte XoshiroKind = 1, MersenneKind = 2;
    private const int CommonStateSize = 1 + 8 + 1 + 8; // kind, seed, cached-normal flag, cached normal

    /// <summary>
    /// The generator's whole state as bytes, PyTorch's <c>generator.get_state()</c>: give them to
    /// <see cref="SetState"/> (of this generator or another of the same kind) and it draws the same bits from there on.
    /// </summary>
    /// <remarks>
    /// The layout, little-endian: a kind byte (1 xoshiro256**, 2 PyTorch-compatible MT19937), the seed (8 bytes), the
    /// cached normal (a 0/1 byte, then the double's 8 bytes; a pending second value of a normal pair), then xoshiro's
    /// four 64-bit words, or the Mersenne Twister's position in its block (4 bytes) and its 624 32-bit words. 50 or
    /// 2,518 bytes.
    /// </remarks>
    public byte[] GetState()
    {
        var state = new byte[CommonStateSize + (mersenne is null ? 32 : MersenneTwister.StateSize)];
        var span = state.AsSpan();
        span[0] = mersenne is null ? XoshiroKind : MersenneKind;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(span[1..], Seed);
        span[9] = cachedNormal is null ? (byte)0 : (byte)1;
        System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(span[10..], cachedNormal ?? 0);
        var rest = span[CommonStateSize..];
        if (mersenne is not null)
        {
            mersenne.WriteState(rest);
            return state;
        }
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(rest, s0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(rest[8..], s1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(rest[16..], s2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(rest[24..], s3);
        return state;
    }

    /// <summary>
    /// Restores a state from <see cref="GetState"/>, PyTorch's <c>generator.set_state(state)</c>: from here on the
    /// generator draws what the saved one drew after it. The state is checked first; on an error nothing changes.
    /// </summary>
    /// <param name="state">Bytes from <see cref="GetState"/> of a generator of the same kind.</param>
    /// <exception cref="ArgumentException">The state is of the other kind (xoshiro or PyTorch-compatible), of the
    /// wrong length, or impossible (an all-zero state, a bad flag or position); the message says which.</exception>
    public void SetState(ReadOnlySpan<byte> state)
    {
        if (StateProblem(state) is { } problem)
            throw new ArgumentException($"Generator.SetState: {problem}; nothing was changed.", nameof(state));
        Seed = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(state[1..]);
        cachedNormal = state[9] == 1 ? System.Buffers.Binary.BinaryPrimitives.ReadDoubleLittleEndian(state[10..]) : null;
        var rest = state[CommonStateSize..];
        if (mersenne is not null)
        {
            mersenne.ReadState(rest);
            return;
        }
        s0 = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(rest);
        s1 = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(rest[8..]);
        s2 = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(rest[16..]);
        s3 = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(rest[24..]);
    }

    /// <summary>What is wrong with <paramref name="state"/> as a state of this generator, or null when <see cref="SetState"/> takes it.</summary>
    internal string? StateProblem(ReadOnlySpan<byte> state)
    {
        string mine = mersenne is null ? "a xoshiro256** generator (new Generator(seed))" : "a PyTorch-compatible generator (Generator.PyTorchCompatible)";
        if (state.Length == 0) return "the state is empty";
        byte kind = mersenne is null ? XoshiroKind : MersenneKind;
        if (state[0] != kind)
            return state[0] switch
            {
                XoshiroKind => $"the state is of a xoshiro256** generator, this is {mine}",
                MersenneKind => $"the state is of a PyTorch-compatible generator, this is {mine}",
                _ => $"the state starts with kind {state[0]}, which is no generator's (1 xoshiro256**, 2 PyTorch-compatible)",
            };
        int expected = CommonStateSize + (mersenne is null ? 32 : MersenneTwister.StateSize);
        if (state.Length != expected) return $"the state has {state.Length} bytes, {mine}'s has {expected}";
        if (state[9] > 1) return $"the cached-normal flag is {state[9]}, not 0 or 1";
        var rest = state[CommonStateSize..];
        if (mersenne is not null) return MersenneTwister.CheckState(rest);
        return rest.ContainsAnyExcept((byte)0) ? null : "xoshiro256**'s four words are all zero, a state it never reaches";
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
