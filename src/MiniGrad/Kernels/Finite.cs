using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MiniGrad.Kernels;

/// <summary>Finds NaN and infinity in a span: the optimizers' check before a step changes anything.</summary>
internal static class Finite
{
    /// <summary>The index of the first NaN or ±infinity in <paramref name="values"/>, or -1.</summary>
    /// <remarks>
    /// <c>x - x</c> is +0 for finite x and NaN for NaN or infinity, and a sum of such differences is 0 exactly when
    /// all were finite. Four vectors are folded into one test, so the scan runs at the speed of the loads; a block that
    /// fails is searched element by element.
    /// </remarks>
    public static int IndexOfNonFinite<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated) i = FiniteBlocks<Vec512<T>, T>(values);
        else if (Vector256.IsHardwareAccelerated) i = FiniteBlocks<Vec256<T>, T>(values);
        for (; i < values.Length; i++)
            if (!T.IsFinite(values[i])) return i;
        return -1;
    }

    /// <summary>How many leading elements are known finite: whole blocks of four vectors, up to the first block that fails.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FiniteBlocks<TV, T>(ReadOnlySpan<T> values)
        where TV : struct, ISimdVector<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T r = ref MemoryMarshal.GetReference(values);
        int w = TV.Count, i = 0;
        for (; i <= values.Length - 4 * w; i += 4 * w)
        {
            var a = TV.LoadUnsafe(ref r, (nuint)i);
            var b = TV.LoadUnsafe(ref r, (nuint)(i + w));
            var c = TV.LoadUnsafe(ref r, (nuint)(i + 2 * w));
            var d = TV.LoadUnsafe(ref r, (nuint)(i + 3 * w));
            if (!TV.IsAllZero(((a - a) + (b - b)) + ((c - c) + (d - d)))) break; // the scalar loop finds the element
        }
        return i;
    }
}
