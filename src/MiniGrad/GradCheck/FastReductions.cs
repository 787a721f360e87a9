using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MiniGrad;

/// <summary>
/// The dot products and sums of fast mode, vectorized with independent partial sums: a plain loop adds one element
/// after the other, and on a thousand elements that chain of additions costs more than the function under test.
/// </summary>
internal static class FastReductions
{
    /// <summary>Σ a[i] b[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("FastReductions.Dot: the spans must have one length.");
        var va = MemoryMarshal.Cast<double, Vector<double>>(a);
        var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
        Vector<double> s0 = Vector<double>.Zero, s1 = Vector<double>.Zero;
        int k = 0;
        for (; k + 1 < va.Length; k += 2)
        {
            s0 += va[k] * vb[k];
            s1 += va[k + 1] * vb[k + 1];
        }
        if (k < va.Length) s0 += va[k] * vb[k];
        double sum = Vector.Sum(s0 + s1);
        for (int i = va.Length * Vector<double>.Count; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>Σ a[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Sum(ReadOnlySpan<double> a)
    {
        var va = MemoryMarshal.Cast<double, Vector<double>>(a);
        Vector<double> s0 = Vector<double>.Zero, s1 = Vector<double>.Zero;
        int k = 0;
        for (; k + 1 < va.Length; k += 2)
        {
            s0 += va[k];
            s1 += va[k + 1];
        }
        if (k < va.Length) s0 += va[k];
        double sum = Vector.Sum(s0 + s1);
        for (int i = va.Length * Vector<double>.Count; i < a.Length; i++) sum += a[i];
        return sum;
    }

    /// <summary>Σ v[i] (p[i] - m[i]): the difference is taken element by element (the two sides nearly cancel).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double DotDifference(ReadOnlySpan<double> v, ReadOnlySpan<double> p, ReadOnlySpan<double> m)
    {
        if (v.Length != p.Length || v.Length != m.Length) throw new ArgumentException("FastReductions.DotDifference: the spans must have one length.");
        var vv = MemoryMarshal.Cast<double, Vector<double>>(v);
        var vp = MemoryMarshal.Cast<double, Vector<double>>(p);
        var vm = MemoryMarshal.Cast<double, Vector<double>>(m);
        Vector<double> s0 = Vector<double>.Zero, s1 = Vector<double>.Zero;
        int k = 0;
        for (; k + 1 < vv.Length; k += 2)
        {
            s0 += vv[k] * (vp[k] - vm[k]);
            s1 += vv[k + 1] * (vp[k + 1] - vm[k + 1]);
        }
        if (k < vv.Length) s0 += vv[k] * (vp[k] - vm[k]);
        double sum = Vector.Sum(s0 + s1);
        for (int i = vv.Length * Vector<double>.Count; i < v.Length; i++) sum += v[i] * (p[i] - m[i]);
        return sum;
    }

    /// <summary>destination = x + (signedEps u), with the two roundings of the scalar expression.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Step(ReadOnlySpan<double> x, ReadOnlySpan<double> u, double signedEps, Span<double> destination)
    {
        if (x.Length != u.Length || x.Length != destination.Length) throw new ArgumentException("FastReductions.Step: the spans must have one length.");
        var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
        var vu = MemoryMarshal.Cast<double, Vector<double>>(u);
        var vd = MemoryMarshal.Cast<double, Vector<double>>(destination);
        var e = new Vector<double>(signedEps);
        for (int k = 0; k < vx.Length; k++) vd[k] = vx[k] + e * vu[k];
        for (int i = vx.Length * Vector<double>.Count; i < x.Length; i++) destination[i] = x[i] + signedEps * u[i];
    }

    /// <summary>destination = (a - b) / divisor, element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Difference(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double divisor, Span<double> destination)
    {
        if (a.Length != b.Length || a.Length != destination.Length) throw new ArgumentException("FastReductions.Difference: the spans must have one length.");
        var va = MemoryMarshal.Cast<double, Vector<double>>(a);
        var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
        var vd = MemoryMarshal.Cast<double, Vector<double>>(destination);
        var q = new Vector<double>(divisor);
        for (int k = 0; k < va.Length; k++) vd[k] = (va[k] - vb[k]) / q;
        for (int i = va.Length * Vector<double>.Count; i < a.Length; i++) destination[i] = (a[i] - b[i]) / divisor;
    }
}
