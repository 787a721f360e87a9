namespace MiniGrad.Kernels.Gemm;

/// <summary>
/// A register-blocked inner kernel: <c>C[MR, NR] (+)= Apanel · Bpanel</c> over <c>kc</c> steps, where the panels
/// come from <see cref="Packing"/> (A: <c>MR</c> values per k step; B: <c>NR</c> values per k step).
/// </summary>
/// <remarks>
/// Each output element is summed in k order with one fused multiply-add per step, then (when accumulating) added
/// once to what C held. That sequence does not depend on the tile's position, so any split of C gives equal bits.
/// </remarks>
internal unsafe interface IMicroKernel<T>
    where T : unmanaged
{
    /// <summary>Rows of the register tile.</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the register tile.</summary>
    static abstract int NR { get; }

    /// <summary>True when this machine runs the kernel's instructions natively.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>
    /// <c>c[r * ldc + j] = (accumulate ? c[r * ldc + j] : 0) + Σ_p a[r * aRow + p * aStep] · b[p * NR + j]</c> for
    /// the full tile. A packed panel has <c>aRow = 1, aStep = MR</c>; A read where it lies (see
    /// <see cref="GemmDriver{T, TKernel}"/>) has its own strides, one of them 1.
    /// </summary>
    static abstract void Run(int kc, T* a, nint aRow, nint aStep, T* b, T* c, nint ldc, bool accumulate);
}
