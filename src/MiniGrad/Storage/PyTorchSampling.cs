namespace MiniGrad;

/// <summary>
/// PyTorch 1.13's CPU sampling algorithms on top of <see cref="MersenneTwister"/>, so that a
/// <see cref="Generator.PyTorchCompatible"/> generator fills tensors with the very values <c>torch.manual_seed(seed)</c>
/// followed by the same calls gives: <c>torch.rand</c>/<c>uniform_</c> (hence <c>nn.Linear</c>'s initialisation) and
/// <c>torch.randn</c>/<c>normal_</c>, in float32 and float64.
/// </summary>
/// <remarks>
/// Uniform: float takes the low 24 bits of one 32-bit draw, double the low 53 bits of a 64-bit draw, scaled to
/// [0, 1) and mapped to [from, to) in the element type. Normal, fewer than 16 elements: Box-Muller on two uniform doubles, the
/// sine kept for the next call. Normal, 16 or more: all uniforms first, then Box-Muller on blocks of 16 (first 8
/// against last 8), the tail block recomputed from fresh uniforms; float32 then uses the 8-lane AVX2 kernel, whose
/// log and sincos are Cephes polynomials evaluated in single precision (reproduced here operation by operation,
/// multiply-adds fused where PyTorch's compiled kernels fuse them).
/// </remarks>
internal static class PyTorchSampling
{
    public static float UniformFloat(MersenneTwister mt, float from, float to)
    {
        // PyTorch accumulates float samples in float (dist_acctype<float> is float on the CPU).
        float x = (mt.NextUInt32() & ((1u << 24) - 1)) * (1.0f / (1 << 24));
        return MathF.FusedMultiplyAdd(x, to - from, from); // fused in PyTorch's build, as the samples show
    }

    public static double UniformDouble(MersenneTwister mt, double from, double to)
    {
        double x = (mt.NextUInt64() & ((1UL << 53) - 1)) * (1.0 / (1UL << 53));
        return Math.FusedMultiplyAdd(x, to - from, from);
    }

    /// <summary><c>at::normal_distribution&lt;double&gt;</c>: one Box-Muller pair, the sine cached for the next call.</summary>
    public static double Normal(MersenneTwister mt, ref double? cachedNormal, double mean, double std)
    {
        if (cachedNormal is double cached)
        {
            cachedNormal = null;
            return cached * std + mean;
        }
        double u1 = UniformDouble(mt, 0, 1);
        double u2 = UniformDouble(mt, 0, 1);
        double r = Math.Sqrt(-2.0 * Math.Log(1.0 - u2));
        double theta = 2.0 * Math.PI * u1;
        cachedNormal = r * Math.Sin(theta);
        return r * Math.Cos(theta) * std + mean;
    }

    /// <summary>PyTorch's <c>normal_fill</c> for a contiguous double tensor of 16 or more elements.</summary>
    public static void NormalFill(MersenneTwister mt, Span<double> data, double mean, double std)
    {
        for (int i = 0; i < data.Length; i++) data[i] = UniformDouble(mt, 0, 1);
        for (int i = 0; i + 16 <= data.Length; i += 16) Fill16(data.Slice(i, 16), mean, std);
        if (data.Length % 16 != 0)
        {
            var tail = data[^16..];
            for (int i = 0; i < 16; i++) tail[i] = UniformDouble(mt, 0, 1);
            Fill16(tail, mean, std);
        }

        static void Fill16(Span<double> d, double mean, double std)
        {
            for (int j = 0; j < 8; j++)
            {
                double u1 = 1 - d[j];
                double u2 = d[j + 8];
                double radius = Math.Sqrt(-2 * Math.Log(u1));
                double theta = 2.0f * Math.PI * u2;
                d[j] = radius * Math.Cos(theta) * std + mean;
                d[j + 8] = radius * Math.Sin(theta) * std + mean;
            }
        }
    }

    /// <summary>PyTorch's <c>normal_fill_AVX2</c> for a contiguous float tensor of 16 or more elements.</summary>
    public static void NormalFill(MersenneTwister mt, Span<float> data, float mean, float std)
    {
        for (int i = 0; i < data.Length; i++) data[i] = UniformFloat(mt, 0, 1);
        for (int i = 0; i + 16 <= data.Length; i += 16) Fill16(data.Slice(i, 16), mean, std);
        if (data.Length % 16 != 0)
        {
            var tail = data[^16..];
            for (int i = 0; i < 16; i++) tail[i] = UniformFloat(mt, 0, 1);
            Fill16(tail, mean, std);
        }

        static void Fill16(Span<float> d, float mean, float std)
        {
            const float twoPi = (float)(2.0f * Math.PI);
            for (int j = 0; j < 8; j++)
            {
                float u1 = 1f - d[j];
                float u2 = d[j + 8];
                float radius = MathF.Sqrt(-2f * CephesLog(u1));
                float theta = twoPi * u2;
                CephesSinCos(theta, out float sin, out float cos);
                d[j] = MathF.FusedMultiplyAdd(radius * cos, std, mean);
                d[j + 8] = MathF.FusedMultiplyAdd(radius * sin, std, mean);
            }
        }
    }

    // PyTorch's AVX2 build lets GCC contract multiply-add pairs of these kernels into FMA instructions; which pairs
    // were fused was determined against 200,000 of its samples (all equal bit for bit), and Fma() marks each one.
    private static float Fma(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);

    /// <summary>
    /// Natural log in single precision: Cephes <c>logf</c> as vectorized by J. Pommier (sse_mathfun, zlib licence)
    /// and compiled into PyTorch's AVX2 kernels, reproduced operation by operation.
    /// </summary>
    internal static float CephesLog(float x)
    {
        if (x <= 0) return float.NaN;
        x = MathF.Max(x, BitConverter.Int32BitsToSingle(0x00800000));
        int bits = BitConverter.SingleToInt32Bits(x);
        float e = (bits >>> 23) - 0x7f;
        x = BitConverter.Int32BitsToSingle((bits & ~0x7f800000) | BitConverter.SingleToInt32Bits(0.5f));
        e += 1f;
        if (x < 0.707106781186547524f)
        {
            e -= 1f;
            x = x - 1f + x;
        }
        else
        {
            x -= 1f;
        }
        float z = x * x;
        float y = 7.0376836292E-2f;
        y = Fma(y, x, -1.1514610310E-1f);
        y = Fma(y, x, 1.1676998740E-1f);
        y = Fma(y, x, -1.2420140846E-1f);
        y = Fma(y, x, 1.4249322787E-1f);
        y = Fma(y, x, -1.6668057665E-1f);
        y = Fma(y, x, 2.0000714765E-1f);
        y = Fma(y, x, -2.4999993993E-1f);
        y = Fma(y, x, 3.3333331174E-1f);
        y *= x;
        y = Fma(y, z, e * -2.12194440e-4f);
        y = Fma(-z, 0.5f, y);
        x += y;
        return Fma(e, 0.693359375f, x);
    }

    /// <summary>Sine and cosine in single precision: Cephes <c>sinf</c>/<c>cosf</c> as in Pommier's <c>sincos256_ps</c>.</summary>
    internal static void CephesSinCos(float x, out float sin, out float cos)
    {
        bool negative = x < 0;
        x = MathF.Abs(x);
        int j = (int)(x * 1.27323954473516f);
        j = (j + 1) & ~1;
        float y = j;
        bool swapSin = (j & 4) != 0;
        bool useSinPoly = (j & 2) == 0;
        bool swapCos = ((j - 2) & 4) == 0;

        // Extended precision modular arithmetic: x - y * pi/4 in three parts.
        x = Fma(y, -0.78515625f, x);
        x = Fma(y, -2.4187564849853515625e-4f, x);
        x = Fma(y, -3.77489497744594108e-8f, x);

        float z = x * x;
        float c = 2.443315711809948E-005f;
        c = Fma(c, z, -1.388731625493765E-003f);
        c = Fma(c, z, 4.166664568298827E-002f);
        c *= z;
        c = Fma(c, z, -(z * 0.5f));
        c += 1f;

        float s = -1.9515295891E-4f;
        s = Fma(s, z, 8.3321608736E-3f);
        s = Fma(s, z, -1.6666654611E-1f);
        s *= z;
        s = Fma(s, x, x);

        float sinValue = useSinPoly ? s : c;
        float cosValue = useSinPoly ? c : s;
        sin = negative ^ swapSin ? -sinValue : sinValue;
        cos = swapCos ? -cosValue : cosValue;
    }
}
