using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MiniGrad.Kernels;

/// <summary>
/// An elementwise map <c>y = f(x)</c>, written once as a generic method over the vector width, for
/// <see cref="Simd.Map{TOp, T}(TOp, ReadOnlySpan{T}, Span{T})"/>.
/// </summary>
/// <remarks>
/// Mark an implementation's <c>Invoke</c> <c>[MethodImpl(MethodImplOptions.AggressiveInlining)]</c>, as every op does
/// (the binary and ternary ones too): written against the <see cref="ISimdVector{TV, T}"/> wrappers, a formula of more
/// than a few operations is over the JIT's default inlining budget, and a call per vector (its arguments through the
/// stack) made GELU-tanh's backward twice as slow.
/// </remarks>
internal interface IUnarySimdOp<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    TV Invoke<TV>(TV x)
        where TV : struct, ISimdVector<TV, T>;
}

/// <summary>An elementwise map <c>y = f(a, b)</c>, written once over the vector width (a backward: <c>a</c> the upstream gradient).</summary>
internal interface IBinarySimdOp<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    TV Invoke<TV>(TV a, TV b)
        where TV : struct, ISimdVector<TV, T>;
}

/// <summary>An elementwise map <c>y = f(a, b, c)</c>, written once over the vector width (a backward that reads g, x and a precomputed term).</summary>
internal interface ITernarySimdOp<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    TV Invoke<TV>(TV a, TV b, TV c)
        where TV : struct, ISimdVector<TV, T>;
}

/// <summary>A scalar elementwise map, for activations whose per-element work is a transcendental call with branches.</summary>
internal interface IScalarOp<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    T Invoke(T x);
}

/// <summary>A scalar elementwise map of two operands (a backward: <c>a</c> the upstream gradient).</summary>
internal interface IBinaryScalarOp<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    T Invoke(T a, T b);
}

/// <summary>
/// One vectorized pass over spans: Vector512 where the hardware has it, else Vector256, else Vector128 (ARM64, x64
/// without AVX2), then a scalar tail, each width running the op's one generic formula. The op is a struct, so each
/// (op, width, T) is compiled to its own loop with the formula inlined.
/// </summary>
internal static class Simd
{
    public static void Map<TOp, T>(TOp op, ReadOnlySpan<T> x, Span<T> y)
        where TOp : struct, IUnarySimdOp<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths("map", x.Length, y.Length);
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated) i = Run<TOp, Vec512<T>, T>(op, ref xr, ref yr, 0, n);
        else if (Vector256.IsHardwareAccelerated) i = Run<TOp, Vec256<T>, T>(op, ref xr, ref yr, 0, n);
        else if (Vector128.IsHardwareAccelerated) i = Run<TOp, Vec128<T>, T>(op, ref xr, ref yr, 0, n);
        Run<TOp, Scalar<T>, T>(op, ref xr, ref yr, i, n);
    }

    public static void Map<TOp, T>(TOp op, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y)
        where TOp : struct, IBinarySimdOp<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths("map", a.Length, y.Length);
        Elementwise.CheckLengths("map", b.Length, y.Length);
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T br = ref MemoryMarshal.GetReference(b);
        ref T yr = ref MemoryMarshal.GetReference(y);
        int n = y.Length, i = 0;
        if (Vector512.IsHardwareAccelerated) i = Run<TOp, Vec512<T>, T>(op, ref ar, ref br, ref yr, 0, n);
        else if (Vector256.IsHardwareAccelerated) i = Run<TOp, Vec256<T>, T>(op, ref ar, ref br, ref yr, 0, n);
        else if (Vector128.IsHardwareAccelerated) i = Run<TOp, Vec128<T>, T>(op, ref ar, ref br, ref yr, 0, n);
        Run<TOp, Scalar<T>, T>(op, ref ar, ref br, ref yr, i, n);
    }

    public static void Map<TOp, T>(TOp op, ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c, Span<T> y)
        where TOp : struct, ITernarySimdOp<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths("map", a.Length, y.Length);
        Elementwise.CheckLengths("map", b.Length, y.Length);
        Elementwise.CheckLengths("map", c.Length, y.Length);
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T br = ref MemoryMarshal.GetReference(b);
        ref T cr = ref MemoryMarshal.GetReference(c);
        ref T yr = ref MemoryMarshal.GetReference(y);
        int n = y.Length, i = 0;
        if (Vector512.IsHardwareAccelerated) i = Run<TOp, Vec512<T>, T>(op, ref ar, ref br, ref cr, ref yr, 0, n);
        else if (Vector256.IsHardwareAccelerated) i = Run<TOp, Vec256<T>, T>(op, ref ar, ref br, ref cr, ref yr, 0, n);
        else if (Vector128.IsHardwareAccelerated) i = Run<TOp, Vec128<T>, T>(op, ref ar, ref br, ref cr, ref yr, 0, n);
        Run<TOp, Scalar<T>, T>(op, ref ar, ref br, ref cr, ref yr, i, n);
    }

    /// <summary>Whole vectors of <typeparamref name="TV"/> from element <paramref name="i"/> on; returns where it stopped.</summary>
    private static int Run<TOp, TV, T>(TOp op, ref T xr, ref T yr, int i, int n)
        where TOp : struct, IUnarySimdOp<T>
        where TV : struct, ISimdVector<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (; i <= n - TV.Count; i += TV.Count)
            op.Invoke(TV.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        return i;
    }

    private static int Run<TOp, TV, T>(TOp op, ref T ar, ref T br, ref T yr, int i, int n)
        where TOp : struct, IBinarySimdOp<T>
        where TV : struct, ISimdVector<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (; i <= n - TV.Count; i += TV.Count)
            op.Invoke(TV.LoadUnsafe(ref ar, (nuint)i), TV.LoadUnsafe(ref br, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        return i;
    }

    private static int Run<TOp, TV, T>(TOp op, ref T ar, ref T br, ref T cr, ref T yr, int i, int n)
        where TOp : struct, ITernarySimdOp<T>
        where TV : struct, ISimdVector<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (; i <= n - TV.Count; i += TV.Count)
            op.Invoke(TV.LoadUnsafe(ref ar, (nuint)i), TV.LoadUnsafe(ref br, (nuint)i), TV.LoadUnsafe(ref cr, (nuint)i))
                .StoreUnsafe(ref yr, (nuint)i);
        return i;
    }

    /// <summary>One scalar pass (the op is a struct, so the call is inlined; no delegate per element).</summary>
    public static void MapScalar<TOp, T>(TOp op, ReadOnlySpan<T> x, Span<T> y)
        where TOp : struct, IScalarOp<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths("map", x.Length, y.Length);
        for (int i = 0; i < x.Length; i++) y[i] = op.Invoke(x[i]);
    }

    /// <summary>One scalar pass over two operands.</summary>
    public static void MapScalar<TOp, T>(TOp op, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y)
        where TOp : struct, IBinaryScalarOp<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths("map", a.Length, y.Length);
        Elementwise.CheckLengths("map", b.Length, y.Length);
        for (int i = 0; i < y.Length; i++) y[i] = op.Invoke(a[i], b[i]);
    }
}
