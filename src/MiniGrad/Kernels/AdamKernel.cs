using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MiniGrad.Kernels.Gemm;

namespace MiniGrad.Kernels;

/// <summary>The per-step constants of one Adam update, already in the element type.</summary>
internal readonly record struct AdamConstants<T>(
    T Beta1, T OneMinusBeta1, T Beta2, T OneMinusBeta2, T Decay, T Shrink, bool Decoupled, T Sign, T Bc2Sqrt, T Eps, T NegStepSize)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    // Derived once per step, not once per tensor (a division each: a small network's step updates several tensors).

    /// <summary><c>1 / Bc2Sqrt</c>, rounded: the reciprocal <see cref="AdamKernel.DivideViaReciprocal"/> divides through.</summary>
    public T Bc2SqrtReciprocal { get; } = T.One / Bc2Sqrt;

    /// <summary>Whether dividing by <see cref="Bc2Sqrt"/> through its reciprocal gives the division's bits (<see cref="AdamKernel.ExactViaReciprocal"/>).</summary>
    public bool ViaReciprocal { get; } = AdamKernel.ExactViaReciprocal(Bc2Sqrt);
}

/// <summary>
/// The fused Adam/AdamW update over spans: one pass reads p, g, m, v (and max v) and writes p, m, v, in Vector512
/// where the machine has it, else Vector256 (AVX2), else one element at a time. Every element goes through the same
/// operations in the same order in the vector, the scalar and the split paths (PyTorch's formula), so results do not
/// depend on the path, the machine's vector width or the thread count.
/// </summary>
/// <remarks>
/// Large tensors are split across <see cref="Threading.MaxDegreeOfParallelism"/> threads: the update is bound by
/// memory traffic (28 bytes an element for float) and by the square root and the division, and a second core doubles
/// both. Small tensors run on the calling thread.
/// </remarks>
internal static unsafe class AdamKernel
{
    /// <summary>
    /// Elements from which a second thread pays off: about 13 µs of work, where handing half to a worker that is
    /// polling (as it is inside a training loop, see <see cref="WorkerPool"/>) costs a microsecond or two. At 65,536 elements
    /// the 784-64-64-10 MLP's 50k-element first layer ran on one thread; split, its two-thread step went from about
    /// 250-290 to 226-238 µs.
    /// </summary>
    internal const int ParallelLimit = 1 << 15;

    public static void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, Span<T> maxV, in AdamConstants<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = p.Length;
        if (g.Length != n || m.Length != n || v.Length != n || (!maxV.IsEmpty && maxV.Length != n))
            throw new ArgumentException($"adam: spans of {n}, {g.Length}, {m.Length}, {v.Length} and {maxV.Length} elements differ.");
        fixed (T* pp = p, gp = g, mp = m, vp = v, xp = maxV)
        {
            int parts = n >= ParallelLimit ? Math.Min(Threading.MaxDegreeOfParallelism, n / (ParallelLimit / 2)) : 1;
            if (parts <= 1)
            {
                Run(pp, gp, mp, vp, maxV.IsEmpty ? null : xp, n, c);
                return;
            }
            var work = Work<T>.Instance ??= new Work<T>();
            work.Set(pp, gp, mp, vp, maxV.IsEmpty ? null : xp, n, c);
            WorkerPool.Run(work, parts);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<T>(T* p, T* g, T* m, T* v, T* maxV, int n, in AdamConstants<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            int i = Update<Vec512<T>, T>(p, g, m, v, maxV, 0, n, c);
            if (i < n) UpdateTail<Vec512<T>, T>(p + i, g + i, m + i, v + i, maxV is null ? null : maxV + i, n - i, c);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            int i = Update<Vec256<T>, T>(p, g, m, v, maxV, 0, n, c);
            if (i < n) UpdateTail<Vec256<T>, T>(p + i, g + i, m + i, v + i, maxV is null ? null : maxV + i, n - i, c);
        }
        else
        {
            Update<Scalar<T>, T>(p, g, m, v, maxV, 0, n, c);
        }
    }

    /// <summary>
    /// The last fewer-than-a-vector elements, through one vector of copies padded with zeros (the padding lanes compute
    /// harmless values that are dropped): each lane goes through the vector path's operations, so the bits are those
    /// of the element-at-a-time formula. Done one element at a time, the tail's chain of square root and two divisions
    /// cost as much as all the whole vectors of a tutorial's layer (a bias of 18 is one vector and 2 left over); one
    /// padded vector costs one chain.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UpdateTail<TV, T>(T* p, T* g, T* m, T* v, T* maxV, int count, in AdamConstants<T> c)
        where TV : struct, IMaskedSimdVector<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int width = TV.Count;
        if (count <= 0 || count >= width)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"adam: a tail has 1 to {width - 1} elements.");
        // Five padded vectors side by side (p, g, m, v, max v), filled and emptied with masked moves.
        T* padded = stackalloc T[5 * width];
        T* pp = padded, gp = padded + width, mp = padded + 2 * width, vp = padded + 3 * width, xp = padded + 4 * width;
        TV.LoadFirst(p, count).StoreUnsafe(ref *pp, 0);
        TV.LoadFirst(g, count).StoreUnsafe(ref *gp, 0);
        TV.LoadFirst(m, count).StoreUnsafe(ref *mp, 0);
        TV.LoadFirst(v, count).StoreUnsafe(ref *vp, 0);
        (maxV is null ? TV.Zero : TV.LoadFirst(maxV, count)).StoreUnsafe(ref *xp, 0);
        Update<TV, T>(pp, gp, mp, vp, maxV is null ? null : xp, 0, width, c);
        TV.StoreFirst(p, count, TV.LoadUnsafe(ref *pp, 0));
        TV.StoreFirst(m, count, TV.LoadUnsafe(ref *mp, 0));
        TV.StoreFirst(v, count, TV.LoadUnsafe(ref *vp, 0));
        if (maxV is not null) TV.StoreFirst(maxV, count, TV.LoadUnsafe(ref *xp, 0));
    }

    /// <summary>
    /// Whole vectors of <typeparamref name="TV"/> from element <paramref name="i"/> on, returning where it stopped:
    /// PyTorch's formula, every element through the same operations in the same order whatever the width.
    /// </summary>
    /// <remarks>
    /// Compiled on its own (never inlined): inlined into its callers, and with them (through guarded devirtualization)
    /// into <c>Optimizer.Step</c>, it exceeded the JIT's inlining budget there, and the vector operators it calls were
    /// left as calls passing 64-byte vectors through memory, a step's update about 8 times slower.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int Update<TV, T>(T* p, T* g, T* m, T* v, T* maxV, int i, int n, in AdamConstants<T> c)
        where TV : struct, ISimdVector<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        bool viaReciprocal = c.ViaReciprocal;
        // The constants as vectors in locals, outside the loop: the stores through p, m and v might alias c for all
        // the JIT knows, so it would reload them on every iteration.
        var beta1 = TV.Create(c.Beta1);
        var oneMinusBeta1 = TV.Create(c.OneMinusBeta1);
        var beta2 = TV.Create(c.Beta2);
        var oneMinusBeta2 = TV.Create(c.OneMinusBeta2);
        var decay = TV.Create(c.Decay);
        var shrink = TV.Create(c.Shrink);
        var sign = TV.Create(c.Sign);
        var bc2Sqrt = TV.Create(c.Bc2Sqrt);
        var bc2SqrtReciprocal = TV.Create(c.Bc2SqrtReciprocal);
        var eps = TV.Create(c.Eps);
        var negStepSize = TV.Create(c.NegStepSize);
        bool decoupled = c.Decoupled, hasDecay = c.Decay != T.Zero, amsgrad = maxV is not null;
        for (; i <= n - TV.Count; i += TV.Count)
        {
            nuint k = (nuint)i;
            var pk = TV.LoadUnsafe(ref *p, k);
            if (decoupled) pk *= shrink;
            var gk = TV.LoadUnsafe(ref *g, k) * sign;
            if (hasDecay) gk += pk * decay;
            var mk = TV.LoadUnsafe(ref *m, k) * beta1 + gk * oneMinusBeta1;
            var vk = TV.LoadUnsafe(ref *v, k) * beta2 + gk * oneMinusBeta2 * gk;
            mk.StoreUnsafe(ref *m, k);
            vk.StoreUnsafe(ref *v, k);
            if (amsgrad)
            {
                vk = TV.Max(TV.LoadUnsafe(ref *maxV, k), vk);
                vk.StoreUnsafe(ref *maxV, k);
            }
            var root = TV.Sqrt(vk);
            var denom = (viaReciprocal ? DivideViaReciprocal<TV, T>(root, bc2Sqrt, bc2SqrtReciprocal) : root / bc2Sqrt) + eps;
            (pk + mk * negStepSize / denom).StoreUnsafe(ref *p, k); // addcdiv_ order: (value · m) / denom
        }
        return i;
    }

    /// <summary>
    /// <c>x / c</c>, correctly rounded (the bits of the division), from <c>r = 1 / c</c> rounded: <c>q = x·r</c>,
    /// then Markstein's correction <c>q + (x − c·q)·r</c> with fused multiply-adds. Faster than a second division per
    /// element, which with the square root and the other division had bound the update on one core.
    /// </summary>
    /// <remarks>
    /// Markstein's theorem (Muller et al., <i>Handbook of Floating-Point Arithmetic</i>, "Markstein's theorem"): if
    /// <c>r</c> is within half an ulp of <c>1/c</c> and <c>q</c> within one ulp of <c>x/c</c>, then <c>x − c·q</c> is
    /// exact and <c>RN(q + (x − c·q)·r) = RN(x/c)</c>, barring underflow and overflow. <see cref="ExactViaReciprocal"/>
    /// keeps <c>c</c> where neither can happen for a square root <c>x</c>; an infinite <c>x</c> (a squared gradient that
    /// overflowed) is passed through as the division would give it. <c>AdamKernelTests</c> compares it with the division
    /// for every float significand against 357 divisors, and in double.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TV DivideViaReciprocal<TV, T>(TV x, TV c, TV r)
        where TV : struct, ISimdVector<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var q = x * r;
        var remainder = TV.FusedMultiplyAdd(-q, c, x);
        var corrected = TV.FusedMultiplyAdd(remainder, r, q);
        // x = ∞ makes the remainder ∞ − ∞ = NaN; the division gives ∞, which q already is (a finite x·r cannot overflow here).
        return TV.ConditionalSelect(TV.Equals(q, TV.Create(T.PositiveInfinity)), q, corrected);
    }

    /// <summary>
    /// True where <see cref="DivideViaReciprocal"/> gives the division's bits for every square root <c>x</c> (x ≥ 0):
    /// <c>2^-60 ≤ c ≤ 1</c>. Adam's <c>√(1 − β₂ᵗ)</c> always is, for any β₂ a float can hold. With <c>c ≤ 1</c> the quotient is
    /// at least <c>x</c>, and a nonzero square root is a normal number (at least 2^-75 in float), so neither the quotient
    /// nor the remainder (about <c>x·2^-24</c>) underflows; with <c>c ≥ 2^-60</c>, <c>x·r</c> stays finite for every finite
    /// <c>x</c> (at most 2^64 in float).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool ExactViaReciprocal<T>(T c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        c >= T.ScaleB(T.One, -60) && c <= T.One;

    /// <summary>One split update's arguments; one reusable instance per calling thread and element type.</summary>
    private sealed class Work<T> : IParallelWork
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        [ThreadStatic] public static Work<T>? Instance;

        private T* p, g, m, v, maxV;
        private int n;
        private AdamConstants<T> c;

        public void Set(T* p, T* g, T* m, T* v, T* maxV, int n, in AdamConstants<T> c)
        {
            this.p = p;
            this.g = g;
            this.m = m;
            this.v = v;
            this.maxV = maxV;
            this.n = n;
            this.c = c;
        }

        public void Execute(int part, int parts)
        {
            // Cut at multiples of 64 elements so that every part but the last runs whole vectors.
            int start = (int)((long)n * part / parts) & ~63, end = part == parts - 1 ? n : (int)((long)n * (part + 1) / parts) & ~63;
            if (end > start) Run(p + start, g + start, m + start, v + start, maxV is null ? null : maxV + start, end - start, c);
        }
    }
}
