using System.Numerics;

namespace MiniGrad.Kernels.Gemm;

/// <summary>
/// The blocked matrix multiply <c>C = op(A) · op(B)</c> (GotoBLAS/BLIS loop order) around one micro-kernel:
/// for each block of NC columns and KC depth, pack B once; for each block of MC rows, sweep the micro-kernel over the
/// register tiles. A is read where it lies when it is contiguous along k or m (as every tensor operand is); only a
/// last partial panel, or a strided A, is packed. The packed B micro-panel stays in L1 while A's block (MC × KC) sits
/// in L2.
/// </summary>
/// <remarks>
/// Determinism: the depth blocks depend only on <c>k</c>, and within a block every element is summed in k order by
/// one micro-kernel call, then added to C once per block in block order. Neither the tile's position nor the
/// thread that computes it changes that sequence, so splitting C between threads gives bit-identical results.
/// </remarks>
[System.Runtime.CompilerServices.SkipLocalsInit]
internal static unsafe class GemmDriver<T, TKernel>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
    where TKernel : IMicroKernel<T>
{
    /// <summary>The deepest k block: a B micro-panel (KC × NR) of 32 KB fits the 48 KB L1 beside A's stream.</summary>
    private const int KcMax = 256;

    private static int Mc => TKernel.MR * 16;

    private static int Nc => TKernel.NR * 32;

    /// <summary>
    /// The depth of each k block: <c>k</c> split into near-equal blocks of at most <see cref="KcMax"/>, rounded up to a
    /// multiple of 8 so that the packing's 8×8 register transposes cover every block but the last (784 = 4 × 196 left
    /// four k steps of every panel to a scalar loop).
    /// </summary>
    public static int BlockDepth(int k)
    {
        int blocks = (k + KcMax - 1) / KcMax;
        return Math.Min(KcMax, ((k + blocks - 1) / blocks + 7) & ~7);
    }

    /// <summary>
    /// Splits the tiles of C into <paramref name="parts"/> parts; returns the number of parts actually used (1 when C
    /// has too few tiles). By columns when C has a column tile for every part, else along the dimension with more tiles.
    /// </summary>
    /// <remarks>
    /// A is read in place and B is packed, so a split by rows has every thread pack all of B, and a split by columns
    /// has each pack only its own columns. In a Linear layer's forward pass B is the weight: split by rows, both cores
    /// read all of it, and Adam's update, which then writes each half of it from one core, waited on the other core's
    /// copies. Split by columns, the two-thread 784-256-256-10 step at batch 128 went from 1075–1140 to 925–980 µs
    /// (Adam's first update after the backward pass from about 125 to 77 µs), the 784-64-64-10 one from 219–250 to
    /// 196–226 µs; batch 1024 and width 1024 did not change.
    /// </remarks>
    public static int PlanParts(int m, int n, int parts, out bool splitColumns)
    {
        int mTiles = (m + TKernel.MR - 1) / TKernel.MR, nTiles = (n + TKernel.NR - 1) / TKernel.NR;
        splitColumns = nTiles >= parts || nTiles >= mTiles;
        int tiles = splitColumns ? nTiles : mTiles;
        return Math.Max(1, Math.Min(parts, tiles));
    }

    /// <summary>Rows or columns <c>[start, end)</c> of part <paramref name="part"/>, cut at tile boundaries.</summary>
    public static (int Start, int End) PartRange(int extent, int tile, int part, int parts)
    {
        int tiles = (extent + tile - 1) / tile;
        int start = (int)((long)tiles * part / parts) * tile;
        int end = (int)((long)tiles * (part + 1) / parts) * tile;
        return (Math.Min(start, extent), Math.Min(end, extent));
    }

    /// <summary>True when <paramref name="k"/> is summed in one depth block: every element of C then gets its whole sum in one add.</summary>
    public static bool IsOneBlock(int k) => k <= KcMax;

    /// <summary>
    /// <c>C[m, n] = op(A)[m, k] · op(B)[k, n]</c> on the calling thread, or with <paramref name="addToC"/>
    /// <c>C += op(A) · op(B)</c>; <c>k &gt; 0</c>. Adding gives the bits of the product then <c>C + product</c> only
    /// when <see cref="IsOneBlock"/>: deeper products would add their blocks into C one by one.
    /// </summary>
    public static void Run(int m, int n, int k, StridedMatrix<T> a, StridedMatrix<T> b, T* c, nint ldc, bool addToC = false)
    {
        int mr = TKernel.MR, nr = TKernel.NR, mcMax = Mc, ncMax = Nc;
        int kcMax = BlockDepth(k);
        var buffers = PackBuffers.Current;
        T* packA = buffers.A<T>((nint)kcMax * mcMax);
        T* packB = buffers.B<T>((nint)kcMax * ((Math.Min(n, ncMax) + nr - 1) / nr * nr));
        T* tile = stackalloc T[mr * nr];
        bool directA = a.RowStride == 1 || a.ColStride == 1;

        for (int jc = 0; jc < n; jc += ncMax)
        {
            int nc = Math.Min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                bool accumulate = pc > 0 || addToC;
                Packing.PackB(b, pc, kc, jc, nc, nr, packB);
                for (int ic = 0; ic < m; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, m - ic);
                    // A contiguous along k or along m is read where it lies, full panels at least: packing it
                    // (an 8×8 transpose per block when k is contiguous) cost about a tenth of the MLP's step, and
                    // the kernel's broadcasts do not care about the stride. Only a last partial panel is packed.
                    int fullPanels = directA ? mc / mr * mr : 0;
                    if (fullPanels < mc) Packing.PackA(a, ic + fullPanels, mc - fullPanels, pc, kc, mr, packA);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int nValid = Math.Min(nr, nc - jr);
                        T* bPanel = packB + (nint)(jr / nr) * kc * nr;
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            int mValid = Math.Min(mr, mc - ir);
                            bool direct = ir < fullPanels;
                            T* aPanel = direct ? a.At(ic + ir, pc) : packA + (nint)((ir - fullPanels) / mr) * kc * mr;
                            nint aRow = direct ? a.RowStride : 1, aStep = direct ? a.ColStride : mr;
                            T* cTile = c + (ic + ir) * ldc + jc + jr;
                            if (mValid == mr && nValid == nr)
                            {
                                TKernel.Run(kc, aPanel, aRow, aStep, bPanel, cTile, ldc, accumulate);
                            }
                            else
                            {
                                // An edge tile: compute the full tile aside, keep the valid corner. C_old + sum is
                                // the same operation the kernel's own accumulate performs, so edges match interiors.
                                TKernel.Run(kc, aPanel, aRow, aStep, bPanel, tile, nr, accumulate: false);
                                for (int r = 0; r < mValid; r++)
                                {
                                    T* cRow = cTile + r * ldc;
                                    T* tRow = tile + r * nr;
                                    if (accumulate)
                                        for (int j = 0; j < nValid; j++) cRow[j] += tRow[j];
                                    else
                                        for (int j = 0; j < nValid; j++) cRow[j] = tRow[j];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Runs the multiply split into <paramref name="parts"/> on the <see cref="WorkerPool"/>.</summary>
    public static void RunParallel(int m, int n, int k, StridedMatrix<T> a, StridedMatrix<T> b, T* c, nint ldc, int parts,
        bool addToC = false)
    {
        parts = PlanParts(m, n, parts, out bool splitColumns);
        if (parts <= 1)
        {
            Run(m, n, k, a, b, c, ldc, addToC);
            return;
        }
        var work = Work.Instance ??= new Work();
        work.Set(m, n, k, a, b, c, ldc, splitColumns, addToC);
        try
        {
            WorkerPool.Run(work, parts);
        }
        finally
        {
            work.Clear();
        }
    }

    /// <summary>The arguments of one split multiply; one reusable instance per calling thread, so no allocation.</summary>
    private sealed class Work : IParallelWork
    {
        [ThreadStatic] public static Work? Instance;

        private int m, n, k;
        private StridedMatrix<T> a, b;
        private T* c;
        private nint ldc;
        private bool splitColumns, addToC;

        public void Set(int m, int n, int k, StridedMatrix<T> a, StridedMatrix<T> b, T* c, nint ldc, bool splitColumns, bool addToC)
        {
            (this.m, this.n, this.k, this.a, this.b, this.ldc, this.splitColumns) = (m, n, k, a, b, ldc, splitColumns);
            this.addToC = addToC;
            this.c = c;
        }

        public void Clear()
        {
            (a, b) = (default, default);
            c = null;
        }

        public void Execute(int part, int parts)
        {
            if (splitColumns)
            {
                var (j0, j1) = PartRange(n, TKernel.NR, part, parts);
                if (j1 > j0)
                    Run(m, j1 - j0, k, a, new StridedMatrix<T>(b.At(0, j0), b.RowStride, b.ColStride), c + j0, ldc, addToC);
            }
            else
            {
                var (i0, i1) = PartRange(m, TKernel.MR, part, parts);
                if (i1 > i0)
                    Run(i1 - i0, n, k, new StridedMatrix<T>(a.At(i0, 0), a.RowStride, a.ColStride), b, c + i0 * ldc, ldc, addToC);
            }
        }
    }
}
