namespace MiniGrad.Kernels;

/// <summary>
/// How many cores MiniGrad's kernels may use at once (today: the large matrix multiplies).
/// </summary>
/// <remarks>
/// Work is split into parts whose every output element is computed by exactly the same sequence of floating-point
/// operations as on one core, so results are bit-identical for any setting. Small multiplies always run on the
/// calling thread: waking a second core costs microseconds.
/// </remarks>
public static class Threading
{
    private static int maxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// The largest number of threads one kernel call may use (default: the number of processors; 1 = single-threaded).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public static int MaxDegreeOfParallelism
    {
        get => Volatile.Read(ref maxDegreeOfParallelism);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxDegreeOfParallelism));
            Volatile.Write(ref maxDegreeOfParallelism, value);
        }
    }
}
