using System.Numerics;
using System.Runtime.Intrinsics;
using MiniGrad.Kernels;

namespace MiniGrad.Tests.Kernels;

/// <summary>
/// The four widths of <see cref="ISimdVector{TV, T}"/> agree bit for bit, lane by lane, so one generic formula gives
/// the same element whether it lands in a Vector512, Vector256 or Vector128 body or in the scalar tail.
/// </summary>
public class SimdVectorTests
{
    private static T[] Values<T>(int seed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double[] specials = [0, -0.0, 1, -1, 3, -3, 0.5, 1e-30, -1e-30, 1e300, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        var gen = new Generator((ulong)seed);
        var v = new T[Vector512<T>.Count * 8];
        for (int i = 0; i < v.Length; i++)
            v[i] = T.CreateChecked(i % 3 == 0 ? specials[(i / 3 + seed) % specials.Length] : gen.NextUniform(-4, 4));
        return v;
    }

    /// <summary>A formula touching every member: arithmetic with vectors and scalars, masks, selects, abs, max, sqrt, negation.</summary>
    private static TV Formula<TV, T>(TV a, TV b, TV c)
        where TV : struct, ISimdVector<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T k = T.CreateChecked(0.3);
        var sum = (a + b) * c - a / (b + TV.One) + (a * k) - (k * b) + (c / k) + (a + k) - (b - k);
        var mask = (TV.LessThan(a, b) & TV.GreaterThanOrEqual(c, TV.Zero)) | TV.Equals(a, TV.Create(T.One));
        var other = TV.ConditionalSelect(TV.LessThanOrEqual(a, c) | TV.GreaterThan(b, c), -TV.Abs(b), TV.Sqrt(TV.Max(a, c)));
        return TV.ConditionalSelect(mask, sum, other);
    }

    private static void AllWidthsAgree<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var a = Values<T>(1);
        var b = Values<T>(2);
        var c = Values<T>(3);
        int n = a.Length;
        T[] scalar = new T[n], v128 = new T[n], v256 = new T[n], v512 = new T[n];
        for (int i = 0; i < n; i++)
            Formula<Scalar<T>, T>(Scalar<T>.LoadUnsafe(ref a[0], (nuint)i), Scalar<T>.LoadUnsafe(ref b[0], (nuint)i), Scalar<T>.LoadUnsafe(ref c[0], (nuint)i))
                .StoreUnsafe(ref scalar[0], (nuint)i);
        for (int i = 0; i < n; i += Vec128<T>.Count)
            Formula<Vec128<T>, T>(Vec128<T>.LoadUnsafe(ref a[0], (nuint)i), Vec128<T>.LoadUnsafe(ref b[0], (nuint)i), Vec128<T>.LoadUnsafe(ref c[0], (nuint)i))
                .StoreUnsafe(ref v128[0], (nuint)i);
        for (int i = 0; i < n; i += Vec256<T>.Count)
            Formula<Vec256<T>, T>(Vec256<T>.LoadUnsafe(ref a[0], (nuint)i), Vec256<T>.LoadUnsafe(ref b[0], (nuint)i), Vec256<T>.LoadUnsafe(ref c[0], (nuint)i))
                .StoreUnsafe(ref v256[0], (nuint)i);
        for (int i = 0; i < n; i += Vec512<T>.Count)
            Formula<Vec512<T>, T>(Vec512<T>.LoadUnsafe(ref a[0], (nuint)i), Vec512<T>.LoadUnsafe(ref b[0], (nuint)i), Vec512<T>.LoadUnsafe(ref c[0], (nuint)i))
                .StoreUnsafe(ref v512[0], (nuint)i);
        for (int i = 0; i < n; i++)
        {
            Assert.True(Bits(scalar[i]) == Bits(v128[i]), $"{typeof(T).Name} lane {i}: scalar {scalar[i]}, Vector128 {v128[i]}");
            Assert.True(Bits(scalar[i]) == Bits(v256[i]), $"{typeof(T).Name} lane {i}: scalar {scalar[i]}, Vector256 {v256[i]}");
            Assert.True(Bits(scalar[i]) == Bits(v512[i]), $"{typeof(T).Name} lane {i}: scalar {scalar[i]}, Vector512 {v512[i]}");
        }
    }

    private static ulong Bits<T>(T v)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? BitConverter.SingleToUInt32Bits((float)(object)v) : BitConverter.DoubleToUInt64Bits((double)(object)v);

    [Fact]
    public void FloatWidthsAgreeBitForBit() => AllWidthsAgree<float>();

    [Fact]
    public void DoubleWidthsAgreeBitForBit() => AllWidthsAgree<double>();

    /// <summary>
    /// StoreFirst writes exactly the first <c>count</c> lanes and nothing after them (on AVX2 it stores in parts of 16,
    /// 8 and 4 bytes), and LoadFirst reads them with zeros in the other lanes, at every count and several misalignments.
    /// </summary>
    private static unsafe void MaskedMovesTouchOnlyTheirLanes<TV, T>()
        where TV : struct, IMaskedSimdVector<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int w = TV.Count;
        var source = Values<T>(4);
        T sentinel = T.CreateChecked(-7.25);
        for (int offset = 0; offset < 3; offset++)
        {
            for (int count = 0; count <= w; count++)
            {
                var memory = new T[w + 8];
                Array.Fill(memory, sentinel);
                fixed (T* src = source, dst = memory)
                {
                    var loaded = TV.LoadFirst(src + offset, count);
                    var lanes = new T[w];
                    loaded.StoreUnsafe(ref lanes[0], 0);
                    for (int i = 0; i < w; i++)
                        Assert.True(Bits(lanes[i]) == Bits(i < count ? source[offset + i] : T.Zero), $"{typeof(TV).Name} LoadFirst count {count}, lane {i}: {lanes[i]}");
                    TV.StoreFirst(dst + offset, count, TV.LoadUnsafe(ref source[0], 0));
                }
                for (int i = 0; i < memory.Length; i++)
                {
                    int lane = i - offset;
                    T expected = lane >= 0 && lane < count ? source[lane] : sentinel;
                    Assert.True(Bits(memory[i]) == Bits(expected), $"{typeof(TV).Name} StoreFirst count {count} at offset {offset}: element {i} is {memory[i]}, expected {expected}");
                }
            }
        }
    }

    [Fact]
    public void Vector256MaskedMovesTouchOnlyTheirLanes()
    {
        if (!Vector256.IsHardwareAccelerated || !System.Runtime.Intrinsics.X86.Avx.IsSupported) return; // AVX's masked load
        MaskedMovesTouchOnlyTheirLanes<Vec256<float>, float>();
        MaskedMovesTouchOnlyTheirLanes<Vec256<double>, double>();
    }

    [Fact]
    public void Vector512MaskedMovesTouchOnlyTheirLanes()
    {
        if (!System.Runtime.Intrinsics.X86.Avx512F.IsSupported) return; // AVX-512's masked moves
        MaskedMovesTouchOnlyTheirLanes<Vec512<float>, float>();
        MaskedMovesTouchOnlyTheirLanes<Vec512<double>, double>();
    }

    [Fact]
    public void ScalarMasksAreAllBitsOrNone()
    {
        Assert.Equal(uint.MaxValue, BitConverter.SingleToUInt32Bits(Unwrap(Scalar<float>.LessThan(Scalar<float>.Zero, Scalar<float>.One))));
        Assert.Equal(0u, BitConverter.SingleToUInt32Bits(Unwrap(Scalar<float>.LessThan(Scalar<float>.One, Scalar<float>.Zero))));
        Assert.Equal(0u, BitConverter.SingleToUInt32Bits(Unwrap(Scalar<float>.Equals(Scalar<float>.Create(float.NaN), Scalar<float>.Create(float.NaN)))));
    }

    private static float Unwrap(Scalar<float> s)
    {
        float v = 0;
        s.StoreUnsafe(ref v, 0);
        return v;
    }
}
