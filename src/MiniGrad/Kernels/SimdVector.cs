using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MiniGrad.Kernels.Gemm;

namespace MiniGrad.Kernels;

/// <summary>
/// A vector width as a type, so that an elementwise formula is written once, as a generic method over
/// <typeparamref name="TV"/>, and compiled for <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/>,
/// <see cref="Vector128{T}"/> and a plain scalar (<see cref="Simd"/> picks the width). .NET's own
/// <c>ISimdVector</c> is not public, hence this one.
/// </summary>
/// <remarks>
/// A comparison returns a mask of the same type, all bits set where it holds and zero elsewhere, as Vector512's
/// comparisons do; <see cref="ConditionalSelect"/>, <c>&amp;</c> and <c>|</c> take such masks. The implementations
/// are single-field structs whose members forward to the hardware intrinsics: the JIT inlines them, and a formula
/// compiles to the same instructions as if it were written against Vector512 directly, provided the method holding
/// it is inlined too (see <see cref="IUnarySimdOp{T}"/>).
/// </remarks>
/// <typeparam name="TV">The implementing width itself.</typeparam>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
internal interface ISimdVector<TV, T>
    where TV : struct, ISimdVector<TV, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The number of elements in one vector (1 for the scalar).</summary>
    static abstract int Count { get; }

    /// <summary>Every element 0.</summary>
    static abstract TV Zero { get; }

    /// <summary>Every element 1.</summary>
    static abstract TV One { get; }

    /// <summary>Every element <paramref name="value"/>.</summary>
    static abstract TV Create(T value);

    /// <summary>Loads <see cref="Count"/> elements from <c>source[offset..]</c> (no bounds check).</summary>
    static abstract TV LoadUnsafe(ref readonly T source, nuint offset);

    /// <summary>Stores the elements to <c>destination[offset..]</c> (no bounds check).</summary>
    void StoreUnsafe(ref T destination, nuint offset);

    static abstract TV operator +(TV a, TV b);

    static abstract TV operator +(TV a, T b);

    static abstract TV operator -(TV a, TV b);

    static abstract TV operator -(TV a, T b);

    static abstract TV operator -(TV a);

    static abstract TV operator *(TV a, TV b);

    static abstract TV operator *(TV a, T b);

    static abstract TV operator *(T a, TV b);

    static abstract TV operator /(TV a, TV b);

    static abstract TV operator /(TV a, T b);

    /// <summary>The bitwise and of two masks.</summary>
    static abstract TV operator &(TV a, TV b);

    /// <summary>The bitwise or of two masks.</summary>
    static abstract TV operator |(TV a, TV b);

    /// <summary><c>|a|</c> (the sign bit cleared).</summary>
    static abstract TV Abs(TV a);

    /// <summary>The larger of <paramref name="a"/> and <paramref name="b"/>, NaN if either is (as <c>Math.Max</c>).</summary>
    static abstract TV Max(TV a, TV b);

    /// <summary>The square root.</summary>
    static abstract TV Sqrt(TV a);

    /// <summary><c>a · b + addend</c> with one rounding (as <c>Math.FusedMultiplyAdd</c>).</summary>
    static abstract TV FusedMultiplyAdd(TV a, TV b, TV addend);

    /// <summary>Per element, <paramref name="ifTrue"/> where <paramref name="mask"/> is set, else <paramref name="ifFalse"/>.</summary>
    static abstract TV ConditionalSelect(TV mask, TV ifTrue, TV ifFalse);

    /// <summary>The mask of <c>a == b</c>.</summary>
    static abstract TV Equals(TV a, TV b);

    /// <summary>The mask of <c>a &lt; b</c>.</summary>
    static abstract TV LessThan(TV a, TV b);

    /// <summary>The mask of <c>a &lt;= b</c>.</summary>
    static abstract TV LessThanOrEqual(TV a, TV b);

    /// <summary>The mask of <c>a &gt; b</c>.</summary>
    static abstract TV GreaterThan(TV a, TV b);

    /// <summary>The mask of <c>a &gt;= b</c>.</summary>
    static abstract TV GreaterThanOrEqual(TV a, TV b);

    /// <summary>Whether every lane of <paramref name="a"/> is +0 or -0.</summary>
    static abstract bool IsAllZero(TV a);
}

/// <summary>
/// A width that moves the first <c>count</c> lanes from or to memory, zero in the others on a load and nothing written
/// past them on a store (AVX-512's masked moves; on AVX2 machines AVX's masked load, and a store in plain parts, see
/// <see cref="RowGemm.StoreFirst256"/>). The other lanes' memory is not accessed, so a tail can be moved without
/// reading or writing past the end of its buffer.
/// </summary>
internal unsafe interface IMaskedSimdVector<TV, T> : ISimdVector<TV, T>
    where TV : struct, IMaskedSimdVector<TV, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The first <paramref name="count"/> elements at <paramref name="source"/>, zero in the other lanes.</summary>
    static abstract TV LoadFirst(T* source, int count);

    /// <summary>Stores the first <paramref name="count"/> lanes of <paramref name="value"/> at <paramref name="destination"/>.</summary>
    static abstract void StoreFirst(T* destination, int count, TV value);
}

/// <summary><see cref="Vector512{T}"/> as an <see cref="ISimdVector{TV, T}"/>.</summary>
internal readonly unsafe struct Vec512<T>(Vector512<T> value) : IMaskedSimdVector<Vec512<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Vector512<T> value = value;

    public static int Count => Vector512<T>.Count;

    public static Vec512<T> Zero => new(Vector512<T>.Zero);

    public static Vec512<T> One => new(Vector512<T>.One);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> Create(T value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> LoadUnsafe(ref readonly T source, nuint offset) => new(Vector512.LoadUnsafe(in source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StoreUnsafe(ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> operator +(Vec512<T> a, Vec512<T> b) => new(a.value + b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> operator +(Vec512<T> a, T b) => new(a.value + Vector512.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> operator -(Vec512<T> a, Vec512<T> b) => new(a.value - b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> operator -(Vec512<T> a, T b) => new(a.value - Vector512.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> operator -(Vec512<T> a) => new(-a.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> operator *(Vec512<T> a, Vec512<T> b) => new(a.value * b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> operator *(Vec512<T> a, T b) => new(a.value * b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> operator *(T a, Vec512<T> b) => new(a * b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> operator /(Vec512<T> a, Vec512<T> b) => new(a.value / b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> operator /(Vec512<T> a, T b) => new(a.value / b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> operator &(Vec512<T> a, Vec512<T> b) => new(a.value & b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> operator |(Vec512<T> a, Vec512<T> b) => new(a.value | b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> Abs(Vec512<T> a) => new(Vector512.Abs(a.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> Max(Vec512<T> a, Vec512<T> b) => new(Vector512.Max(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> Sqrt(Vec512<T> a) => new(Vector512.Sqrt(a.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> FusedMultiplyAdd(Vec512<T> a, Vec512<T> b, Vec512<T> addend) =>
        typeof(T) == typeof(float)
            ? new(Vector512.FusedMultiplyAdd(a.value.AsSingle(), b.value.AsSingle(), addend.value.AsSingle()).As<float, T>())
            : new(Vector512.FusedMultiplyAdd(a.value.AsDouble(), b.value.AsDouble(), addend.value.AsDouble()).As<double, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> ConditionalSelect(Vec512<T> mask, Vec512<T> ifTrue, Vec512<T> ifFalse) =>
        new(Vector512.ConditionalSelect(mask.value, ifTrue.value, ifFalse.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> Equals(Vec512<T> a, Vec512<T> b) => new(Vector512.Equals(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> LessThan(Vec512<T> a, Vec512<T> b) => new(Vector512.LessThan(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> LessThanOrEqual(Vec512<T> a, Vec512<T> b) => new(Vector512.LessThanOrEqual(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> GreaterThan(Vec512<T> a, Vec512<T> b) => new(Vector512.GreaterThan(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> GreaterThanOrEqual(Vec512<T> a, Vec512<T> b) => new(Vector512.GreaterThanOrEqual(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAllZero(Vec512<T> a) => a.value == Vector512<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec512<T> LoadFirst(T* source, int count) => new(RowGemm.MaskLoad(source, RowGemm.TailMask<T>(count)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst(T* destination, int count, Vec512<T> value) => RowGemm.MaskStore(destination, RowGemm.TailMask<T>(count), value.value);
}

/// <summary><see cref="Vector256{T}"/> as an <see cref="ISimdVector{TV, T}"/>.</summary>
internal readonly unsafe struct Vec256<T>(Vector256<T> value) : IMaskedSimdVector<Vec256<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Vector256<T> value = value;

    public static int Count => Vector256<T>.Count;

    public static Vec256<T> Zero => new(Vector256<T>.Zero);

    public static Vec256<T> One => new(Vector256<T>.One);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> Create(T value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> LoadUnsafe(ref readonly T source, nuint offset) => new(Vector256.LoadUnsafe(in source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StoreUnsafe(ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> operator +(Vec256<T> a, Vec256<T> b) => new(a.value + b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> operator +(Vec256<T> a, T b) => new(a.value + Vector256.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> operator -(Vec256<T> a, Vec256<T> b) => new(a.value - b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> operator -(Vec256<T> a, T b) => new(a.value - Vector256.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> operator -(Vec256<T> a) => new(-a.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> operator *(Vec256<T> a, Vec256<T> b) => new(a.value * b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> operator *(Vec256<T> a, T b) => new(a.value * b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> operator *(T a, Vec256<T> b) => new(a * b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> operator /(Vec256<T> a, Vec256<T> b) => new(a.value / b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> operator /(Vec256<T> a, T b) => new(a.value / b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> operator &(Vec256<T> a, Vec256<T> b) => new(a.value & b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> operator |(Vec256<T> a, Vec256<T> b) => new(a.value | b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> Abs(Vec256<T> a) => new(Vector256.Abs(a.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> Max(Vec256<T> a, Vec256<T> b) => new(Vector256.Max(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> Sqrt(Vec256<T> a) => new(Vector256.Sqrt(a.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> FusedMultiplyAdd(Vec256<T> a, Vec256<T> b, Vec256<T> addend) =>
        typeof(T) == typeof(float)
            ? new(Vector256.FusedMultiplyAdd(a.value.AsSingle(), b.value.AsSingle(), addend.value.AsSingle()).As<float, T>())
            : new(Vector256.FusedMultiplyAdd(a.value.AsDouble(), b.value.AsDouble(), addend.value.AsDouble()).As<double, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> ConditionalSelect(Vec256<T> mask, Vec256<T> ifTrue, Vec256<T> ifFalse) =>
        new(Vector256.ConditionalSelect(mask.value, ifTrue.value, ifFalse.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> Equals(Vec256<T> a, Vec256<T> b) => new(Vector256.Equals(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> LessThan(Vec256<T> a, Vec256<T> b) => new(Vector256.LessThan(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> LessThanOrEqual(Vec256<T> a, Vec256<T> b) => new(Vector256.LessThanOrEqual(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> GreaterThan(Vec256<T> a, Vec256<T> b) => new(Vector256.GreaterThan(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> GreaterThanOrEqual(Vec256<T> a, Vec256<T> b) => new(Vector256.GreaterThanOrEqual(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAllZero(Vec256<T> a) => a.value == Vector256<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec256<T> LoadFirst(T* source, int count) => new(RowGemm.MaskLoad256(source, RowGemm.TailMask256<T>(count)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst(T* destination, int count, Vec256<T> value) => RowGemm.StoreFirst256(destination, count, value.value);
}

/// <summary>
/// <see cref="Vector128{T}"/> as an <see cref="ISimdVector{TV, T}"/>: the width of ARM64's AdvSimd and of x64 machines
/// without AVX2.
/// </summary>
internal readonly struct Vec128<T>(Vector128<T> value) : ISimdVector<Vec128<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Vector128<T> value = value;

    public static int Count => Vector128<T>.Count;

    public static Vec128<T> Zero => new(Vector128<T>.Zero);

    public static Vec128<T> One => new(Vector128<T>.One);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> Create(T value) => new(Vector128.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> LoadUnsafe(ref readonly T source, nuint offset) => new(Vector128.LoadUnsafe(in source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StoreUnsafe(ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> operator +(Vec128<T> a, Vec128<T> b) => new(a.value + b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> operator +(Vec128<T> a, T b) => new(a.value + Vector128.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> operator -(Vec128<T> a, Vec128<T> b) => new(a.value - b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> operator -(Vec128<T> a, T b) => new(a.value - Vector128.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> operator -(Vec128<T> a) => new(-a.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> operator *(Vec128<T> a, Vec128<T> b) => new(a.value * b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> operator *(Vec128<T> a, T b) => new(a.value * b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> operator *(T a, Vec128<T> b) => new(a * b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> operator /(Vec128<T> a, Vec128<T> b) => new(a.value / b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> operator /(Vec128<T> a, T b) => new(a.value / b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> operator &(Vec128<T> a, Vec128<T> b) => new(a.value & b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> operator |(Vec128<T> a, Vec128<T> b) => new(a.value | b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> Abs(Vec128<T> a) => new(Vector128.Abs(a.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> Max(Vec128<T> a, Vec128<T> b) => new(Vector128.Max(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> Sqrt(Vec128<T> a) => new(Vector128.Sqrt(a.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> FusedMultiplyAdd(Vec128<T> a, Vec128<T> b, Vec128<T> addend) =>
        typeof(T) == typeof(float)
            ? new(Vector128.FusedMultiplyAdd(a.value.AsSingle(), b.value.AsSingle(), addend.value.AsSingle()).As<float, T>())
            : new(Vector128.FusedMultiplyAdd(a.value.AsDouble(), b.value.AsDouble(), addend.value.AsDouble()).As<double, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> ConditionalSelect(Vec128<T> mask, Vec128<T> ifTrue, Vec128<T> ifFalse) =>
        new(Vector128.ConditionalSelect(mask.value, ifTrue.value, ifFalse.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> Equals(Vec128<T> a, Vec128<T> b) => new(Vector128.Equals(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> LessThan(Vec128<T> a, Vec128<T> b) => new(Vector128.LessThan(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> LessThanOrEqual(Vec128<T> a, Vec128<T> b) => new(Vector128.LessThanOrEqual(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> GreaterThan(Vec128<T> a, Vec128<T> b) => new(Vector128.GreaterThan(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec128<T> GreaterThanOrEqual(Vec128<T> a, Vec128<T> b) => new(Vector128.GreaterThanOrEqual(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAllZero(Vec128<T> a) => a.value == Vector128<T>.Zero;
}

/// <summary>
/// One element as an <see cref="ISimdVector{TV, T}"/>: the tail of a vectorized pass (every x64 and ARM64 machine has
/// at least Vector128). A mask is the element's bits all set (a NaN) or zero, as one lane of a vector mask; a select
/// evaluates both sides, which costs nothing noticeable on a tail of a few elements.
/// </summary>
internal readonly struct Scalar<T>(T value) : ISimdVector<Scalar<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T value = value;

    public static int Count => 1;

    public static Scalar<T> Zero => new(T.Zero);

    public static Scalar<T> One => new(T.One);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> Create(T value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> LoadUnsafe(ref readonly T source, nuint offset) => new(Unsafe.Add(ref Unsafe.AsRef(in source), offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StoreUnsafe(ref T destination, nuint offset) => Unsafe.Add(ref destination, offset) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator +(Scalar<T> a, Scalar<T> b) => new(a.value + b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator +(Scalar<T> a, T b) => new(a.value + b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator -(Scalar<T> a, Scalar<T> b) => new(a.value - b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator -(Scalar<T> a, T b) => new(a.value - b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator -(Scalar<T> a) => new(-a.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator *(Scalar<T> a, Scalar<T> b) => new(a.value * b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator *(Scalar<T> a, T b) => new(a.value * b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator *(T a, Scalar<T> b) => new(a * b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator /(Scalar<T> a, Scalar<T> b) => new(a.value / b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator /(Scalar<T> a, T b) => new(a.value / b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator &(Scalar<T> a, Scalar<T> b) => new(a.value & b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator |(Scalar<T> a, Scalar<T> b) => new(a.value | b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> Abs(Scalar<T> a) => new(T.Abs(a.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> Max(Scalar<T> a, Scalar<T> b) => new(T.Max(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> Sqrt(Scalar<T> a) => new(T.Sqrt(a.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> FusedMultiplyAdd(Scalar<T> a, Scalar<T> b, Scalar<T> addend) => new(T.FusedMultiplyAdd(a.value, b.value, addend.value));

    // A mask is all bits or none, so testing it against zero picks the lane without the bitwise blend.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> ConditionalSelect(Scalar<T> mask, Scalar<T> ifTrue, Scalar<T> ifFalse) =>
        mask.value != T.Zero ? ifTrue : ifFalse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> Equals(Scalar<T> a, Scalar<T> b) => Mask(a.value == b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> LessThan(Scalar<T> a, Scalar<T> b) => Mask(a.value < b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> LessThanOrEqual(Scalar<T> a, Scalar<T> b) => Mask(a.value <= b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> GreaterThan(Scalar<T> a, Scalar<T> b) => Mask(a.value > b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> GreaterThanOrEqual(Scalar<T> a, Scalar<T> b) => Mask(a.value >= b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAllZero(Scalar<T> a) => a.value == T.Zero;

    private static Scalar<T> Mask(bool holds) => new(holds ? T.AllBitsSet : T.Zero);
}
