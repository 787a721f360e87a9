using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using MiniGrad.Kernels.Gemm;

namespace MiniGrad.Kernels;

/// <summary>The instruction set a matrix multiply runs on; chosen once from the machine, overridable in tests.</summary>
internal enum GemmIsa
{
    /// <summary>Scalar fused multiply-adds.</summary>
    Scalar,

    /// <summary>256-bit vectors with FMA (AVX2).</summary>
    Vector256,

    /// <summary>512-bit vectors (AVX-512).</summary>
    Vector512,
}

/// <summary>The algorithm a matrix multiply runs; chosen from the shape, overridable in tests.</summary>
internal enum GemmPath
{
    /// <summary>The packed, register-blocked kernel (<see cref="GemmDriver{T, TKernel}"/>), split across threads when large.</summary>
    Packed,

    /// <summary>Tiny products: <see cref="SmallGemm"/> (plain loops on machines without AVX2 or Vector512).</summary>
    Small,

    /// <summary>Rows of op(B) streamed against broadcasts of op(A) (<see cref="RowGemm"/>), unpacked when B is not transposed.</summary>
    Rows,

    /// <summary>Dot products of rows of A and columns of op(B) (<see cref="DotGemm"/>); A not transposed.</summary>
    Dot,
}

/// <summary>
/// <c>C[m, n] = op(A) @ op(B)</c> over row-major buffers, where <c>op</c> optionally transposes an operand in
/// place of a copy: <c>A</c> is stored <c>[m, k]</c>, or <c>[k, m]</c> when <c>transposeA</c>; <c>B</c> is
/// stored <c>[k, n]</c>, or <c>[n, k]</c> when <c>transposeB</c>.
/// </summary>
/// <remarks>
/// Skinny products (a side or k of about 10, as in a 10-output last layer) and tiny ones (the tutorials' 10 × 18
/// layers) run on Vector512 and AVX2 machines without the packed driver: <see cref="DotGemm"/> for <c>A · Bᵀ</c> and narrow
/// <c>A · B</c> with a deep k, <see cref="RowGemm"/> for the rest. The rest run the packed, register-blocked
/// <see cref="GemmDriver{T, TKernel}"/> on the widest micro-kernel the machine supports, and the largest are split
/// across <see cref="Threading.MaxDegreeOfParallelism"/> threads with bit-identical results.
/// Nothing is allocated per call: packing buffers are per-thread and reused.
/// </remarks>
internal static unsafe class MatMul
{
    /// <summary>At or below this many multiply-adds the packing would cost more than it saves.</summary>
    internal const long SmallLimit = 32 * 32 * 32;

    /// <summary>From this many multiply-adds on, a second core pays for its wake-up (about 40 µs of work).</summary>
    internal const long ParallelLimit = 4L << 20;

    /// <summary>The best instruction set of this machine.</summary>
    internal static readonly GemmIsa MachineIsa =
        Vector512.IsHardwareAccelerated ? GemmIsa.Vector512
        : Float256Kernel.IsSupported ? GemmIsa.Vector256
        : GemmIsa.Scalar;

    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n,
        bool transposeA, bool transposeB)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Multiply(a, b, c, m, k, n, transposeA, transposeB, Choose(m, k, n, transposeA, transposeB), MachineIsa, Parts(m, k, n));
    }

    /// <summary>How many threads a product of this size is split across (one below <see cref="ParallelLimit"/>).</summary>
    private static int Parts(int m, int k, int n) =>
        (long)m * n * k >= ParallelLimit ? Threading.MaxDegreeOfParallelism : 1;

    /// <summary>
    /// <c>C += op(A) @ op(B)</c>, with the bits of <see cref="Multiply{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool, bool)"/>
    /// into a scratch buffer followed by <c>C + product</c>, element by element.
    /// </summary>
    /// <remarks>
    /// A layer's weight gradient is added into its <c>.Grad</c> this way. When the packed kernel sums the whole depth
    /// in one block, and on the streaming rows path (<see cref="RowGemm"/>, which sums each element's whole depth in
    /// registers), the kernel adds its tile into C itself (the same <c>C + sum</c>), which saves the scratch buffer
    /// and a pass over C; other shapes take the scratch buffer.
    /// </remarks>
    public static void MultiplyAdd<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n,
        bool transposeA, bool transposeB)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int parts = Parts(m, k, n);
        var path = Choose(m, k, n, transposeA, transposeB);
        if (k > 0 && AddsInPlace<T>(path, k))
        {
            Multiply(a, b, c, m, k, n, transposeA, transposeB, path, MachineIsa, parts, addToC: true);
            return;
        }
        T[] scratch = System.Buffers.ArrayPool<T>.Shared.Rent(Math.Max(c.Length, 1));
        try
        {
            var product = scratch.AsSpan(0, c.Length);
            Multiply(a, b, product, m, k, n, transposeA, transposeB, path, MachineIsa, parts);
            TensorPrimitives.Add(c, product, c);
        }
        finally
        {
            System.Buffers.ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <summary>Whether <paramref name="path"/> can add its product into C itself with a scratch product's bits.</summary>
    private static bool AddsInPlace<T>(GemmPath path, int k)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        (path == GemmPath.Packed && GemmDriver<T, ScalarKernel<T>>.IsOneBlock(k)) || (path == GemmPath.Rows && RowGemm.IsSupported);

    /// <summary>
    /// The path the public entry takes for a shape. It depends on the shape only (never on the thread count), so the
    /// bits of a result do not change with <see cref="Threading.MaxDegreeOfParallelism"/>.
    /// </summary>
    internal static GemmPath Choose(int m, int k, int n, bool transposeA, bool transposeB)
    {
        long work = (long)m * n * k;
        // Vector512 and AVX2 machines take the same paths (so the same bits: each path computes every element by the
        // same operations at either width); the plain loops of Small are for machines without either.
        if (MachineIsa != GemmIsa.Scalar && work < ParallelLimit)
        {
            // The packed kernel's 8-row, 32-column tiles are mostly padding when a side is about 10, and packing
            // costs as much as the arithmetic when k is that small or the whole product is: stream the operands.
            bool skinny = m <= 16 || n <= 16 || k <= 16 || work <= SmallLimit;
            // Dot products pay a lane reduction per element of C: worth it once k spans a few vectors.
            if (skinny && !transposeA && (transposeB || n <= 16) && k >= 64) return GemmPath.Dot;
            if (skinny) return GemmPath.Rows;
        }
        return work <= SmallLimit ? GemmPath.Small : GemmPath.Packed;
    }

    /// <summary>
    /// The multiply on the path chosen by the caller (<paramref name="addToC"/>: <c>C +=</c>, only on the packed path,
    /// with the bits of a scratch product when its depth is one block, and on the rows path): <see cref="GemmPath.Packed"/> runs the packed kernel of
    /// <paramref name="isa"/> (which must be supported) split into up to <paramref name="parts"/>; the other paths run
    /// on the calling thread; where one does not apply (a layout it cannot stream, or a machine without AVX2 or Vector512) the
    /// call goes on as <see cref="GemmPath.Small"/>, which runs <see cref="SmallGemm"/> when it fits, plain loops on
    /// machines without AVX2 or Vector512, and the packed kernel otherwise.
    /// </summary>
    internal static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n,
        bool transposeA, bool transposeB, GemmPath path, GemmIsa isa, int parts, bool addToC = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (m < 0 || k < 0 || n < 0 || a.Length != m * k || b.Length != k * n || c.Length != m * n)
            throw new ArgumentException($"matmul: buffers of {a.Length}, {b.Length} and {c.Length} elements do not fit [{m}, {k}] @ [{k}, {n}].");
        if (addToC && (k == 0 || !(path == GemmPath.Packed || (path == GemmPath.Rows && RowGemm.IsSupported))))
            throw new ArgumentException($"matmul: adding into C runs on the packed or the rows path with k > 0, not {path} with k = {k}.", nameof(addToC));
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            c.Clear();
            return;
        }
        fixed (T* pa = a, pb = b, pc = c)
        {
            // op(A)[i, p] and op(B)[p, j] as strided views of the stored buffers.
            var sa = transposeA ? new StridedMatrix<T>(pa, 1, m) : new StridedMatrix<T>(pa, k, 1);
            var sb = transposeB ? new StridedMatrix<T>(pb, 1, k) : new StridedMatrix<T>(pb, n, 1);
            if (path == GemmPath.Rows && RowGemm.IsSupported) RowGemm.Run(m, n, k, sa, sb, pc, addToC);
            else if (path == GemmPath.Dot && DotGemm.Supports(sa)) DotGemm.Run(m, n, k, sa, sb, pc);
            else if (path != GemmPath.Packed && SmallGemm.Fits<T>(n)) SmallGemm.Run(m, n, k, sa, sb, pc);
            else if (path != GemmPath.Packed && !Vector512.IsHardwareAccelerated) Small(m, n, k, sa, sb, pc);
            else if (typeof(T) == typeof(float)) Packed(m, n, k, Cast<T, float>(sa), Cast<T, float>(sb), (float*)pc, isa, parts, addToC);
            else Packed(m, n, k, Cast<T, double>(sa), Cast<T, double>(sb), (double*)pc, isa, parts, addToC);
        }
    }

    private static StridedMatrix<TTo> Cast<TFrom, TTo>(StridedMatrix<TFrom> x)
        where TFrom : unmanaged
        where TTo : unmanaged => new((TTo*)x.Ptr, x.RowStride, x.ColStride);

    private static void Packed(int m, int n, int k, StridedMatrix<float> a, StridedMatrix<float> b, float* c, GemmIsa isa, int parts, bool addToC)
    {
        switch (isa)
        {
            case GemmIsa.Vector512: GemmDriver<float, Float512Kernel>.RunParallel(m, n, k, a, b, c, n, parts, addToC); break;
            case GemmIsa.Vector256: GemmDriver<float, Float256Kernel>.RunParallel(m, n, k, a, b, c, n, parts, addToC); break;
            default: GemmDriver<float, ScalarKernel<float>>.RunParallel(m, n, k, a, b, c, n, parts, addToC); break;
        }
    }

    private static void Packed(int m, int n, int k, StridedMatrix<double> a, StridedMatrix<double> b, double* c, GemmIsa isa, int parts, bool addToC)
    {
        switch (isa)
        {
            case GemmIsa.Vector512: GemmDriver<double, Double512Kernel>.RunParallel(m, n, k, a, b, c, n, parts, addToC); break;
            case GemmIsa.Vector256: GemmDriver<double, Double256Kernel>.RunParallel(m, n, k, a, b, c, n, parts, addToC); break;
            default: GemmDriver<double, ScalarKernel<double>>.RunParallel(m, n, k, a, b, c, n, parts, addToC); break;
        }
    }

    /// <summary>
    /// The small-size path of machines without AVX2 or Vector512 (ARM64, older x64): no packing, no blocking. Rows of C are built as sums of scaled rows of op(B) when op(B)'s
    /// rows are contiguous, as dot products when both operands run along k, and element by element otherwise.
    /// </summary>
    private static void Small<T>(int m, int n, int k, StridedMatrix<T> a, StridedMatrix<T> b, T* c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (b.ColStride == 1)
        {
            // C[i, :] = Σ_p A[i, p] · B[p, :], vectorized along n.
            for (int i = 0; i < m; i++)
            {
                T* cRow = c + (nint)i * n;
                Axpy(a.At(i, 0)[0], b.Ptr, cRow, n, first: true);
                for (int p = 1; p < k; p++) Axpy(*a.At(i, p), b.At(p, 0), cRow, n, first: false);
            }
            return;
        }
        if (a.ColStride == 1)
        {
            // B stored [n, k] and A [m, k]: each output is the dot product of two contiguous rows.
            for (int i = 0; i < m; i++)
            {
                var aRow = new ReadOnlySpan<T>(a.At(i, 0), k);
                for (int j = 0; j < n; j++) c[(nint)i * n + j] = TensorPrimitives.Dot(aRow, new ReadOnlySpan<T>(b.At(0, j), k));
            }
            return;
        }
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++) sum = T.FusedMultiplyAdd(*a.At(i, p), *b.At(p, j), sum);
                c[(nint)i * n + j] = sum;
            }
        }
    }

    /// <summary><c>y = alpha · x</c> (first) or <c>y += alpha · x</c> over <paramref name="n"/> contiguous elements.</summary>
    private static void Axpy<T>(T alpha, T* x, T* y, int n, bool first)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            var va = Vector512.Create(alpha);
            for (; j <= n - Vector512<T>.Count; j += Vector512<T>.Count)
            {
                var v = va * Vector512.Load(x + j);
                Vector512.Store(first ? v : Vector512.Load(y + j) + v, y + j);
            }
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            var va = Vector256.Create(alpha);
            for (; j <= n - Vector256<T>.Count; j += Vector256<T>.Count)
            {
                var v = va * Vector256.Load(x + j);
                Vector256.Store(first ? v : Vector256.Load(y + j) + v, y + j);
            }
        }
        for (; j < n; j++) y[j] = first ? alpha * x[j] : y[j] + alpha * x[j];
    }
}
