using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MiniGrad.Kernels;

/// <summary>An elementwise map <c>y = f(x)</c> in its vector and scalar forms, for <see cref="Simd.Map{TOp, T}(TOp, ReadOnlySpan{T}, Span{T})"/>.</summary>
internal interface IUnarySimdOp<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    Vector512<T> Invoke(Vector512<T> x);

    Vector256<T> Invoke(Vector256<T> x);

    T Invoke(T x);
}

/// <summary>An elementwise map <c>y = f(a, b)</c> in its vector and scalar forms (a backward: <c>a</c> the upstream gradient).</summary>
internal interface IBinarySimdOp<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    Vector512<T> Invoke(Vector512<T> a, Vector512<T> b);

    Vector256<T> Invoke(Vector256<T> a, Vector256<T> b);

    T Invoke(T a, T b);
}

/// <summary>An elementwise map <c>y = f(a, b, c)</c> in its vector and scalar forms (a backward that reads g, x and a precomputed term).</summary>
internal interface ITernarySimdOp<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    Vector512<T> Invoke(Vector512<T> a, Vector512<T> b, Vector512<T> c);

    Vector256<T> Invoke(Vector256<T> a, Vector256<T> b, Vector256<T> c);

    T Invoke(T a, T b, T c);
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
/// One vectorized pass over spans: Vector512 where the hardware has it, else Vector256, then a scalar tail. The op
/// is a struct, so each (op, T) pair is compiled to its own loop with the op inlined.
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
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                op.Invoke(Vector512.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                op.Invoke(Vector256.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref yr, i) = op.Invoke(Unsafe.Add(ref xr, i));
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
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                op.Invoke(Vector512.LoadUnsafe(ref ar, (nuint)i), Vector512.LoadUnsafe(ref br, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                op.Invoke(Vector256.LoadUnsafe(ref ar, (nuint)i), Vector256.LoadUnsafe(ref br, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref yr, i) = op.Invoke(Unsafe.Add(ref ar, i), Unsafe.Add(ref br, i));
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
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                op.Invoke(Vector512.LoadUnsafe(ref ar, (nuint)i), Vector512.LoadUnsafe(ref br, (nuint)i), Vector512.LoadUnsafe(ref cr, (nuint)i))
                    .StoreUnsafe(ref yr, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                op.Invoke(Vector256.LoadUnsafe(ref ar, (nuint)i), Vector256.LoadUnsafe(ref br, (nuint)i), Vector256.LoadUnsafe(ref cr, (nuint)i))
                    .StoreUnsafe(ref yr, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref yr, i) = op.Invoke(Unsafe.Add(ref ar, i), Unsafe.Add(ref br, i), Unsafe.Add(ref cr, i));
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
