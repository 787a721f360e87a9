using System.Numerics;
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
        if (Vector512.IsHardwareAccelerated)
        {
            ref T r = ref MemoryMarshal.GetReference(values);
            int w = Vector512<T>.Count;
            for (; i <= values.Length - 4 * w; i += 4 * w)
            {
                var a = Vector512.LoadUnsafe(ref r, (nuint)i);
                var b = Vector512.LoadUnsafe(ref r, (nuint)(i + w));
                var c = Vector512.LoadUnsafe(ref r, (nuint)(i + 2 * w));
                var d = Vector512.LoadUnsafe(ref r, (nuint)(i + 3 * w));
                var sum = ((a - a) + (b - b)) + ((c - c) + (d - d));
                if (sum != Vector512<T>.Zero) break; // the scalar loop below finds the element
            }
        }
        for (; i < values.Length; i++)
            if (!T.IsFinite(values[i])) return i;
        return -1;
    }
}
