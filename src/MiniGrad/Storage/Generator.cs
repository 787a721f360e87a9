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

    /// <summary>The seed this generator was created with.</summary>
    public ulong Seed { get; }

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

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
